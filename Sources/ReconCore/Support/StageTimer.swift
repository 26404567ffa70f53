/// Wall-clock time per pipeline stage, in the order the stages ran, for the manifest; tells the
/// observer when each stage starts and ends.
public struct StageTimer {
    public private(set) var stages: [(stage: Stage, seconds: Double)] = []
    public weak var observer: RunObserver?

    public init(observer: RunObserver? = nil) { self.observer = observer }

    /// Runs `body` as `stage`; `rows` (read after the stage) is reported to the observer.
    public mutating func measure<T>(_ stage: Stage, rows: ((T) -> Int)? = nil, _ body: () throws -> T) rethrows -> T {
        observer?.stageStarted(stage.rawValue)
        let (result, seconds) = try Self.time(body)
        stages.append((stage, seconds))
        observer?.stageFinished(stage.rawValue, seconds: seconds, rows: rows?(result))
        return result
    }

    /// Adds a stage whose pieces ran interleaved with another's, on two threads: `seconds` is the time
    /// spent on its pieces, added up (`observer` heard of its start when the pieces began).
    public mutating func record(_ stage: Stage, seconds: Double) {
        stages.append((stage, seconds))
        observer?.stageFinished(stage.rawValue, seconds: seconds, rows: nil)
    }

    /// `body`'s result and how long it took, in seconds.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

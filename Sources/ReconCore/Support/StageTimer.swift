/// Wall-clock time per pipeline stage, in the order the stages ran, for the manifest; tells the
/// observer when each stage starts and ends. Stages run side by side have a timer each, joined after.
public struct StageTimer {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    public weak var observer: RunObserver?

    public init(observer: RunObserver? = nil) { self.observer = observer }

    /// Adds the stages another timer measured (on another thread), after these.
    public mutating func append(_ other: StageTimer) { stages += other.stages }

    /// Runs `body` as stage `name`; `rows` (read after the stage) is reported to the observer.
    public mutating func measure<T>(_ name: String, rows: ((T) -> Int)? = nil, _ body: () throws -> T) rethrows -> T {
        observer?.stageStarted(name)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        stages.append((name, seconds))
        observer?.stageFinished(name, seconds: seconds, rows: rows?(result))
        return result
    }
}

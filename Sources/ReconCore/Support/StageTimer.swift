/// Wall-clock time per pipeline stage, in the order the stages ran, for the manifest; tells the
/// observer when each stage starts and ends.
package struct StageTimer {
    package private(set) var stages: [(stage: Stage, seconds: Double)] = []
    package weak var observer: RunObserver?

    package init(observer: RunObserver? = nil) { self.observer = observer }

    /// A stage under way, from `start` to `finish`.
    package struct Running {
        let stage: Stage
        let started: ContinuousClock.Instant
    }

    /// Starts `stage`: the observer hears of it now, the manifest of its seconds at `finish`.
    package func start(_ stage: Stage) -> Running {
        observer?.stageStarted(stage.rawValue)
        return Running(stage: stage, started: ContinuousClock.now)
    }

    /// Ends a stage that `start` began; `rows` it handled, if it counts them, go to the observer.
    package mutating func finish(_ running: Running, rows: Int? = nil) {
        let seconds = Self.seconds(ContinuousClock.now - running.started)
        stages.append((running.stage, seconds))
        observer?.stageFinished(running.stage.rawValue, seconds: seconds, rows: rows)
    }

    /// Adds a stage whose pieces ran interleaved with another's, on two threads: `seconds` is the time
    /// spent on its pieces, added up (`observer` heard of its start when the pieces began).
    package mutating func record(_ stage: Stage, seconds: Double) {
        stages.append((stage, seconds))
        observer?.stageFinished(stage.rawValue, seconds: seconds, rows: nil)
    }

    /// `body`'s result and how long it took, in seconds.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let result = try body()
        return (result, seconds(ContinuousClock.now - start))
    }

    private static func seconds(_ elapsed: Duration) -> Double {
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

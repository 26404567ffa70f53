/// Wall-clock time per pipeline stage, in the order the stages ran, for the manifest.
public struct StageTimer: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []

    public init() {}

    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        stages.append((name, seconds))
        return result
    }
}

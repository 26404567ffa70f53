/// Hears what a run is doing, for progress on a terminal and log lines for operators.
/// Every method has a default that does nothing. Stages that run side by side call it from different
/// threads at once.
public protocol RunObserver: AnyObject {
    func stageStarted(_ stage: String)
    /// Ingest progress: rows read so far, and bytes read of the file's size.
    func progress(_ stage: String, rows: Int, bytes: Int, totalBytes: Int)
    /// `rows`: the rows a reading stage went through, nil for the others.
    func stageFinished(_ stage: String, seconds: Double, rows: Int?)
}

extension RunObserver {
    public func stageStarted(_ stage: String) {}
    public func progress(_ stage: String, rows: Int, bytes: Int, totalBytes: Int) {}
    public func stageFinished(_ stage: String, seconds: Double, rows: Int?) {}
}

/// Which payments file each payment came from, when several overlap (nightly "last 30 days" downloads):
/// a payment id an earlier file had is the same payment, and the later file's row replaces it in place.
/// Counts, for each file in the order read, its rows whose payment an earlier file had (still used), and
/// its rows whose every payment a later file replaced (superseded: no longer used).
package struct PaymentOverlaps {
    package struct Counts: Equatable, Sendable {
        /// Rows used whose payment (one at least) an earlier file had too.
        package var seenInEarlierFile = 0
        /// Rows once used whose payments a later file's rows all replaced.
        package var superseded = 0
    }

    /// For each file started, in order.
    private(set) var counts: [Counts] = []
    /// Where each file's payments start among the records.
    private var starts: [Int] = []
    /// Positions whose payment a later file's row replaced, with that file.
    private var replacedBy: [Int: Int] = [:]
    /// Rows some of whose payments are still in place, by file and line: rows that replaced payments
    /// themselves (their payments need not be together), and rows partly replaced.
    private var paymentsLeft: [RowKey: Int] = [:]

    private struct RowKey: Hashable {
        var file: Int
        var line: Int
    }

    /// The next file's payments start at `position`.
    mutating func startFile(at position: Int) {
        starts.append(position)
        counts.append(Counts())
    }

    /// The number of the file being read, from 0 (0 too before any file is started).
    var fileBeingRead: Int { max(0, starts.count - 1) }

    /// Whether the payment at `position` came from the file being read (true before any file is started:
    /// then every payment is one file's).
    func isFromThisFile(_ position: Int) -> Bool { file(of: position) == starts.count - 1 }

    /// The file the payment at `position` came from: the last file started at or before it, unless a
    /// later file replaced it.
    /// The file (0 for the first) whose row the payment at `position` now is.
    func file(of position: Int) -> Int {
        if let file = replacedBy[position] { return file }
        var (low, high) = (0, starts.count)
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// Notes that the file being read replaces the payment at `position` of `records`; its row is
    /// superseded once none of its payments is left.
    mutating func replace(at position: Int, in records: [Payment]) {
        let file = file(of: position)
        let key = RowKey(file: file, line: records[position].source.line)
        let left = paymentsLeft[key] ?? paymentsOfRow(at: position, file: file, in: records)
        if left <= 1 {
            paymentsLeft[key] = nil
            counts[file].superseded += 1
        } else {
            paymentsLeft[key] = left - 1
        }
        replacedBy[position] = starts.count - 1
    }

    /// The payments of the row at `position`, which replaced none: they were added together, so they are
    /// the neighbours from the same file and line.
    private func paymentsOfRow(at position: Int, file: Int, in records: [Payment]) -> Int {
        let source = records[position].source
        let sameRow = { (i: Int) in records[i].source == source && self.file(of: i) == file }
        var (first, last) = (position, position)
        while first > 0, sameRow(first - 1) { first -= 1 }
        while last + 1 < records.count, sameRow(last + 1) { last += 1 }
        return last - first + 1
    }

    /// Counts a row of the file being read (on `line`, with `payments` payments) that replaced an
    /// earlier file's payment.
    mutating func countRowSeenBefore(line: Int, payments: Int) {
        counts[starts.count - 1].seenInEarlierFile += 1
        if payments > 1 { paymentsLeft[RowKey(file: starts.count - 1, line: line)] = payments }
    }
}

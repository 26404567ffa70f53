import Foundation

/// A holiday file: one `YYYY-MM-DD` date a line (LF or CR LF); `#` starts a comment; blank lines are
/// ignored; a UTF-8 BOM (which a spreadsheet's "save as text" writes) is skipped.
package enum HolidayFile {
    package static func load(path: String) throws -> [CivilDate] {
        // Checked first: reading a FIFO would wait for a writer, and a folder would read as "permission denied".
        if let problem = notARegularFile(path) { throw ReconError.cannotOpen(path: path, reason: problem) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReconError.cannotOpen(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    package static func parse(_ text: String, path: String) throws -> [CivilDate] {
        var dates: [CivilDate] = []
        // Split as scalars: a CR LF line end is one `Character`, which a split at "\n" would not break.
        let scalars =
            text.unicodeScalars.first == "\u{FEFF}" ? text.unicodeScalars.dropFirst() : text.unicodeScalars[...]
        for (number, rawLine) in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let value = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty { continue }
            guard let date = CivilDate(iso: value) else {
                throw ReconError.configuration(
                    file: path, key: "line \(number + 1)",
                    reason: "'\(value)' is not a YYYY-MM-DD date")
            }
            dates.append(date)
        }
        return dates
    }
}

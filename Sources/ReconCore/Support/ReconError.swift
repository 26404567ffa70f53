/// Every error a user can cause, with what failed and where, mapped to an exit code.
public enum ReconError: Error, CustomStringConvertible, Equatable {
    /// An input file could not be opened or read.
    case cannotOpen(path: String, reason: String)
    /// An input header lacks required columns: every one it lacks.
    case missingColumns(path: String, columns: [String])
    /// An input's header does not satisfy its format definition: the columns (or alternatives) it lacks.
    case formatMismatch(format: String, definition: String, path: String, missing: [String])
    /// An input header names one column twice.
    case duplicateColumn(path: String, column: String)
    /// An input file is broken in a way no single row explains (bad gzip stream, empty file).
    case unreadable(path: String, line: Int, reason: String)
    /// A source rejected more than `max_reject_rate` of its rows: the reasons, the first rows and where all are.
    case tooManyRejects(RejectStop)
    /// An output could not be written.
    case cannotWrite(path: String, reason: String)
    /// A pipeline file or option is wrong: names the file (or option) and the key.
    case configuration(file: String, key: String, reason: String)
    /// The command line is wrong.
    case usage(String)
    /// A sum of money leaves what recon holds (9,223,372,036,854,775,807 minor units): what was summed and
    /// the rows it had reached (the first, or the case's order, and the one that passed the limit).
    case sumTooLarge(what: String, rows: [InputLine])
    /// A header that lacks columns (`missingColumns`, `formatMismatch`), with the delimiter its line was
    /// split at and another delimiter at which it has every column, if one has.
    indirect case headerSplit(ReconError, delimiter: Delimiter, fitting: Delimiter?)
    /// An input's header fits none of its format's variants: what each variant lacks.
    case noVariantFits(format: String, definition: String, path: String, lacks: [String])

    /// 1 for input and output problems, 2 for usage and configuration.
    public var exitCode: Int32 {
        switch self {
        case .cannotOpen, .missingColumns, .formatMismatch, .duplicateColumn, .unreadable, .tooManyRejects,
            .cannotWrite,
            .sumTooLarge, .headerSplit, .noVariantFits:
            return 1
        case .configuration, .usage: return 2
        }
    }

    /// The message, with any card number in it masked (errors quote values from the inputs and configuration).
    public var description: String { CardMasker.mask(message) }

    private var message: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
        case .missingColumns(let path, let columns):
            let names = columns.map { "'\($0)'" }.joined(separator: ", ")
            return "\(path): line 1: header lacks required column\(columns.count == 1 ? "" : "s") \(names)"
        case .formatMismatch(let format, let definition, let path, let missing):
            return
                "\(path): line 1: header does not fit format '\(format)' (\(definition)); missing: \(missing.joined(separator: ", "))"
        case .duplicateColumn(let path, let column): return "\(path): line 1: header names column '\(column)' twice"
        case .unreadable(let path, let line, let reason):
            // Line 0: the stream broke before a row was counted (a gzip error names its own place).
            return line > 0 ? "\(path): line \(line): \(reason)" : "\(path): \(reason)"
        case .tooManyRejects(let stop): return stop.description
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        case .configuration(let file, let key, let reason): return "\(file): \(key): \(reason)"
        case .usage(let message): return message
        case .sumTooLarge(let what, let rows):
            let whereText = rows.map { "\($0.file): line \($0.line)" }.joined(separator: "; ")
            return (rows.isEmpty ? "" : whereText + ": ")
                + "\(what) sum past 2^63 - 1 minor units, more than recon can hold"
        case .headerSplit(let mismatch, let delimiter, let fitting):
            return mismatch.message + " (header split at \(delimiter.name)"
                + (fitting.map { "; split at \($0.name) it has every column" } ?? "") + ")"
        case .noVariantFits(let format, let definition, let path, let lacks):
            return "\(path): line 1: header fits no variant of format '\(format)' (\(definition)): "
                + lacks.joined(separator: "; ")
        }
    }
}

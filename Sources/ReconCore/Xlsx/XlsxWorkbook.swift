import CXlsxWriter
import Foundation

/// A cell format of an open workbook, made by `XlsxWorkbook.format`; valid while the workbook is.
package typealias XlsxFormat = XlsxHandle<lxw_format>

/// A libxlsxwriter workbook, worksheet or format, as handed to the thread that fills a sheet (the workbook:
/// kept under its lock); made only in this file.
///
/// Sendable unchecked because the library's objects are C memory whose use the compiler cannot follow;
/// recon uses them so that no thread changes one while another uses it: a worksheet is filled by one thread
/// only (each part of a sheet is one job of `Parallel.forEach`, taken once); a format is changed only before
/// the sheets are filled, and its style index fixed under the workbook's lock (`fixStyleIndex`), after
/// which libxlsxwriter only reads it, from any sheet's thread; the workbook is closed by the thread that
/// fills the last sheet, after the others have said so through an atomic countdown (`ReportWriter`).
package struct XlsxHandle<Object>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Object>
    fileprivate init(_ pointer: UnsafeMutablePointer<Object>) { self.pointer = pointer }
}

/// Owns a libxlsxwriter workbook in constant-memory mode: rows go out strictly in order, strings inline.
/// `close()` writes the file once and reports failure; a workbook dropped unclosed is still freed
/// (and its half-written temp data discarded) by closing it without checking.
///
/// Sheets are added on one thread; then different sheets may be filled on different threads, each sheet's
/// rows writing to its own temporary file, as long as every format they use had its style index fixed
/// (`fixStyleIndex`) first: libxlsxwriter otherwise numbers a format at its first use, in a table that all
/// sheets share.
package final class XlsxWorkbook: Sendable {
    package let path: String
    /// The library's workbook-wide tables (sheets, formats and their style indexes) are changed only under
    /// this lock.
    private let state: Locked<State>

    private struct State {
        /// Nil once closed.
        var handle: XlsxHandle<lxw_workbook>?
        var formats: [String: XlsxFormat] = [:]
        var sheetNames: Set<String> = []

        func open(_ path: String) throws -> UnsafeMutablePointer<lxw_workbook> {
            guard let handle else { throw XlsxError("workbook \(path)", message: "already closed") }
            return handle.pointer
        }
    }

    /// Excel's hard limits.
    package static let maxRows = 1_048_576
    package static let maxCellCharacters = 32_767
    /// The longest link address libxlsxwriter writes (Excel's 2,079 characters); see `linkFits`.
    package static let maxURLCharacters = 2_079
    /// The blue of Excel's hyperlink style.
    static let linkColor: UInt32 = 0x0563C1

    package init(path: String, temporaryDirectory: String? = nil) throws {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = 1
        options.use_zip64 = 1
        let made: UnsafeMutablePointer<lxw_workbook>? =
            temporaryDirectory.map { dir in
                dir.withCString { cDir in
                    options.tmpdir = UnsafeMutablePointer(mutating: cDir)
                    return workbook_new_opt(path, &options)
                }
            } ?? workbook_new_opt(path, &options)
        guard let made else { throw XlsxError("workbook_new_opt(\(path))", message: "could not create the workbook") }
        state = Locked(State(handle: XlsxHandle(made)))
    }

    deinit {
        // Only reached open after an earlier error, already thrown.
        state.withLock { if let handle = $0.handle { _ = workbook_close(handle.pointer) } }
    }

    /// A sheet named `name`, made fit for a workbook by `XlsxText.cell` (recon's own names come out unchanged).
    package func addWorksheet(_ requestedName: String) throws -> XlsxWorksheet {
        let name = XlsxText.cell(requestedName)
        return try state.withLock { state in
            guard !state.sheetNames.contains(name) else {
                throw XlsxError("add worksheet '\(name)'", message: "name already used")
            }
            guard let sheet = workbook_add_worksheet(try state.open(path), name) else {
                throw XlsxError("add worksheet '\(name)'", message: "invalid sheet name")
            }
            state.sheetNames.insert(name)
            return XlsxWorksheet(sheet: XlsxHandle(sheet), name: name)
        }
    }

    /// A cell format by number format, boldness, background, a left indent of one level, wrapped text and
    /// the look of a link (blue, underlined), created once and reused.
    package func format(
        numberFormat: String? = nil, bold: Bool = false, background: UInt32? = nil, indent: Bool = false,
        wrap: Bool = false, link: Bool = false
    ) throws -> XlsxFormat {
        let key = "\(numberFormat ?? "")|\(bold)|\(background ?? 0)|\(indent)|\(wrap)|\(link)"
        return try state.withLock { state in
            if let existing = state.formats[key] { return existing }
            guard let format = workbook_add_format(try state.open(path)) else {
                throw XlsxError("add format", message: "out of memory")
            }
            if let numberFormat { format_set_num_format(format, numberFormat) }
            if bold { format_set_bold(format) }
            if let background { format_set_bg_color(format, background) }
            if indent { format_set_indent(format, 1) }
            if wrap { format_set_text_wrap(format) }
            if link {
                format_set_font_color(format, Self.linkColor)
                format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue))
            }
            state.formats[key] = XlsxHandle(format)
            return XlsxHandle(format)
        }
    }

    /// Gives `format` its place in the workbook's styles now rather than at its first use.
    package func fixStyleIndex(_ format: XlsxFormat) {
        state.withLock { _ in _ = lxw_format_get_xf_index(format.pointer) }
    }

    /// `fixStyleIndex` for the format libxlsxwriter gives links written without one.
    package func fixLinkStyleIndex() {
        state.withLock { state in
            guard let handle = state.handle, let format = workbook_get_default_url_format(handle.pointer) else {
                return
            }
            _ = lxw_format_get_xf_index(format)
        }
    }

    /// A chart owned by the workbook, placed on a sheet with `XlsxWorksheet.insert(_:row:column:)`: a
    /// horizontal bar per category, split by its series' shares of it, with a legend of the series below.
    package func addPercentStackedBarChart(title: String) throws -> XlsxChart {
        let made = try state.withLock {
            workbook_add_chart(try $0.open(path), UInt8(LXW_CHART_BAR_STACKED_PERCENT.rawValue))
        }
        guard let chart = made else {
            throw XlsxError("add chart '\(title)'", message: "out of memory")
        }
        chart_title_set_name(chart, XlsxText.plain(title))
        var font = lxw_chart_font()
        font.size = 11
        font.bold = 1
        chart_title_set_name_font(chart, &font)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        return XlsxChart(handle: chart, title: title)
    }

    package func setProperties(title: String, subject: String) throws {
        try state.withLock { state in
            let handle = try state.open(path)
            try XlsxText.plain(title).withCString { cTitle in
                try XlsxText.plain(subject).withCString { cSubject in
                    var properties = lxw_doc_properties()
                    properties.title = UnsafeMutablePointer(mutating: cTitle)
                    properties.subject = UnsafeMutablePointer(mutating: cSubject)
                    try XlsxError.check("set document properties", workbook_set_properties(handle, &properties))
                }
            }
        }
    }

    /// Writes the file (libxlsxwriter deflates its parts at zlib's default level). The handle is gone
    /// afterwards whether or not this succeeds.
    package func close() throws {
        let h = try state.withLock { state in
            defer { state.handle = nil }
            return try state.open(path)
        }
        try XlsxError.check("write workbook \(path)", workbook_close(h))
    }
}

/// A worksheet of an open workbook; valid while the workbook is.
package struct XlsxWorksheet: Sendable {
    let sheet: XlsxHandle<lxw_worksheet>
    package let name: String

    /// A text cell, made fit for a workbook by `XlsxText.cell` (a text too long for Excel is cut with a
    /// marker rather than dropped).
    package func write(_ text: String, row: Int, column: Int, format: XlsxFormat? = nil) throws {
        let value = XlsxText.cell(text)
        try XlsxError.check(
            "write text at \(name)!R\(row + 1)C\(column + 1)",
            worksheet_write_string(sheet.pointer, UInt32(row), UInt16(column), value, format?.pointer))
    }

    package func write(_ number: Double, row: Int, column: Int, format: XlsxFormat? = nil) throws {
        try XlsxError.check(
            "write number at \(name)!R\(row + 1)C\(column + 1)",
            worksheet_write_number(sheet.pointer, UInt32(row), UInt16(column), number, format?.pointer))
    }

    package func setColumn(_ column: Int, width: Double, format: XlsxFormat? = nil) throws {
        try XlsxError.check(
            "set width of \(name) column \(column + 1)",
            worksheet_set_column(sheet.pointer, UInt16(column), UInt16(column), width, format?.pointer))
    }

    package func freezeHeaderRow() { worksheet_freeze_panes(sheet.pointer, 1, 0) }

    /// A link cell: an `https://…` address, or `internal:'Sheet'!A1` for a place in this workbook. The
    /// address must pass `linkFits`; its text goes through `XlsxText.cell`.
    package func writeLink(_ url: String, text: String, row: Int, column: Int, format: XlsxFormat? = nil) throws {
        try XlsxError.check(
            "write link at \(name)!R\(row + 1)C\(column + 1)",
            worksheet_write_url_opt(
                sheet.pointer, UInt32(row), UInt16(column), url, format?.pointer,
                XlsxText.cell(text), nil))
    }

    /// True when libxlsxwriter 1.1.4 writes `url` as a link: it refuses (and prints the address to stderr)
    /// one longer than `maxURLCharacters`, counting the characters before any `#` after writing each of
    /// `` "<>[]`^{}``, a space and a `%` not followed by two hex digits as `%XX`.
    package static func linkFits(_ url: String) -> Bool {
        let bytes = Array(url.utf8.prefix { $0 != UInt8(ascii: "#") })
        var count = 0
        for (i, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "`"), UInt8(ascii: "^"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                count += 3
            case UInt8(ascii: "%"):
                let escaped = i + 2 < bytes.count && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])
                count += escaped ? 1 : 3
            default:
                count += 1
            }
        }
        return count <= XlsxWorkbook.maxURLCharacters
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// Colours cells from `low` to `high` by their value (a two-colour scale).
    package func colorScale(rows: ClosedRange<Int>, column: Int, low: UInt32, high: UInt32) throws {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_2_COLOR_SCALE.rawValue)
        rule.min_color = low
        rule.max_color = high
        try XlsxError.check(
            "colour scale on \(name)",
            worksheet_conditional_format_range(
                sheet.pointer, UInt32(rows.lowerBound), UInt16(column), UInt32(rows.upperBound), UInt16(column), &rule))
    }

    /// Formats whole rows where `formula` (written for the first row, e.g. `=$J2="overdue"`) holds.
    package func highlightRows(_ rows: ClosedRange<Int>, columns: Int, formula: String, format: XlsxFormat) throws {
        try formula.withCString { cFormula in
            var rule = lxw_conditional_format()
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            rule.value_string = UnsafeMutablePointer(mutating: cFormula)
            rule.format = format.pointer
            try XlsxError.check(
                "highlight rows on \(name)",
                worksheet_conditional_format_range(
                    sheet.pointer, UInt32(rows.lowerBound), 0, UInt32(rows.upperBound), UInt16(columns - 1), &rule))
        }
    }

    /// Places `chart` with its top left corner on a cell, `widthScale` times its default 480 pixels wide.
    package func insert(
        _ chart: XlsxChart, row: Int, column: Int, widthScale: Double = 1, heightScale: Double = 1
    ) throws {
        var options = lxw_chart_options()
        options.x_scale = widthScale
        options.y_scale = heightScale
        try XlsxError.check(
            "insert chart '\(chart.title)' on \(name)",
            worksheet_insert_chart_opt(sheet.pointer, UInt32(row), UInt16(column), chart.handle, &options))
    }

    package func autofilter(lastRow: Int, lastColumn: Int) throws {
        try XlsxError.check(
            "set filter on \(name)",
            worksheet_autofilter(sheet.pointer, 0, 0, UInt32(lastRow), UInt16(lastColumn)))
    }
}

/// A chart of an open workbook; valid while the workbook is.
package struct XlsxChart {
    let handle: UnsafeMutablePointer<lxw_chart>
    package let title: String

    /// A series from ranges such as `=Summary!$A$10:$A$14` (categories) and `=Summary!$C$10:$C$14` (values).
    package func addSeries(categories: String, values: String, name: String) throws {
        guard let series = chart_add_series(handle, categories, values) else {
            throw XlsxError("add series to chart '\(title)'", message: "out of memory")
        }
        chart_series_set_name(series, XlsxText.plain(name))
    }

    package func setAxisNames(x: String, y: String) {
        chart_axis_set_name(handle.pointee.x_axis, XlsxText.plain(x))
        chart_axis_set_name(handle.pointee.y_axis, XlsxText.plain(y))
    }
}

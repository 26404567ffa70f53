import CXlsxWriter

extension XlsxWorksheet {
    /// Prints the sheet as `setup` says.
    package func setUpPrinting(_ setup: PrintSetup) throws {
        if setup.portrait { worksheet_set_portrait(sheet.pointer) } else { worksheet_set_landscape(sheet.pointer) }
        switch setup.scale {
        case .fitToWidth: worksheet_fit_to_pages(sheet.pointer, 1, 0)
        case .onePage: worksheet_fit_to_pages(sheet.pointer, 1, 1)
        case .percent(let percent): worksheet_set_print_scale(sheet.pointer, UInt16(percent))
        }
        if let rows = setup.repeatedRows {
            try XlsxError.check(
                "repeat rows on \(name)",
                worksheet_repeat_rows(sheet.pointer, UInt32(rows.lowerBound), UInt32(rows.upperBound)))
        }
        if let columns = setup.repeatedColumns {
            try XlsxError.check(
                "repeat columns on \(name)",
                worksheet_repeat_columns(sheet.pointer, UInt16(columns.lowerBound), UInt16(columns.upperBound)))
        }
        try XlsxError.check("set header on \(name)", worksheet_set_header(sheet.pointer, XlsxText.plain(setup.header)))
        try XlsxError.check("set footer on \(name)", worksheet_set_footer(sheet.pointer, XlsxText.plain(setup.footer)))
    }

    /// Sets row `row`'s height, in points (a line of 11-point text takes 15). With constant memory, only
    /// before the row's first cell is written.
    package func setRowHeight(_ row: Int, points: Double) throws {
        try XlsxError.check(
            "set height of \(name) row \(row + 1)", worksheet_set_row(sheet.pointer, UInt32(row), points, nil))
    }

    /// Hides the sheet: it is neither shown among the tabs nor printed with the workbook.
    package func hide() { worksheet_hide(sheet.pointer) }

    /// A formula (`=SUM(…)`) with the value it gives now, shown by readers that do not calculate.
    package func write(formula: String, value: Double, row: Int, column: Int, format: XlsxFormat? = nil) throws {
        try XlsxError.check(
            "write formula at \(name)!R\(row + 1)C\(column + 1)",
            worksheet_write_formula_num(sheet.pointer, UInt32(row), UInt16(column), formula, format?.pointer, value))
    }
}

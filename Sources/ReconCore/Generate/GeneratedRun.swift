/// What runs the generated inputs: a holiday file and a pipeline file beside them, so that
/// `recon run DIR/pipeline.yml` reconciles them as of the night they were made for.
package enum GeneratedRun {
    /// The holiday file's name in the generated folder.
    package static let holidaysFile = "holidays.txt"
    /// The pipeline file's name in the generated folder.
    package static let pipelineFile = "pipeline.yml"

    /// US federal holidays 2025–2027 as observed: the generated orders span the 270 days before as_of
    /// (2026-06-30) and their due dates the weeks after, all within these years.
    static let usFederalHolidays: [(date: String, name: String)] = [
        ("2025-01-01", "New Year's Day"), ("2025-01-20", "Birthday of Martin Luther King, Jr."),
        ("2025-02-17", "Washington's Birthday"), ("2025-05-26", "Memorial Day"),
        ("2025-06-19", "Juneteenth National Independence Day"), ("2025-07-04", "Independence Day"),
        ("2025-09-01", "Labor Day"), ("2025-10-13", "Columbus Day"), ("2025-11-11", "Veterans Day"),
        ("2025-11-27", "Thanksgiving Day"), ("2025-12-25", "Christmas Day"),
        ("2026-01-01", "New Year's Day"), ("2026-01-19", "Birthday of Martin Luther King, Jr."),
        ("2026-02-16", "Washington's Birthday"), ("2026-05-25", "Memorial Day"),
        ("2026-06-19", "Juneteenth National Independence Day"), ("2026-07-03", "Independence Day (observed)"),
        ("2026-09-07", "Labor Day"), ("2026-10-12", "Columbus Day"), ("2026-11-11", "Veterans Day"),
        ("2026-11-26", "Thanksgiving Day"), ("2026-12-25", "Christmas Day"),
        ("2027-01-01", "New Year's Day"), ("2027-01-18", "Birthday of Martin Luther King, Jr."),
        ("2027-02-15", "Washington's Birthday"), ("2027-05-31", "Memorial Day"),
        ("2027-06-18", "Juneteenth National Independence Day (observed)"),
        ("2027-07-05", "Independence Day (observed)"), ("2027-09-06", "Labor Day"), ("2027-10-11", "Columbus Day"),
        ("2027-11-11", "Veterans Day"), ("2027-11-25", "Thanksgiving Day"),
        ("2027-12-24", "Christmas Day (observed)"), ("2027-12-31", "New Year's Day 2028 (observed)"),
    ]

    /// The holiday file: the US federal holidays, with their source.
    static var holidaysText: String {
        """
        # US federal holidays, 2025–2027, as observed (a holiday on a Saturday is observed the
        # Friday before, on a Sunday the Monday after): the calendar of the generated orders.
        # Source: U.S. Office of Personnel Management, "Federal Holidays" (the same dates as
        # Pipelines/calendars/us-federal.txt).

        """
            + usFederalHolidays.map { "\($0.date)  # \($0.name)\n" }.joined()
    }

    /// The pipeline file: the two generated inputs, their night, the holiday file, and a report folder beside
    /// them.
    static func pipelineText(orders: Int, seed: UInt64, asOf: CivilDate) -> String {
        """
        # Written by recon generate --orders \(orders) --seed \(seed): runs the generated inputs as of the night
        # they were made for. Paths are relative to this file.
        name: generated
        timezone: UTC
        as_of: \(asOf)
        calendars:
          default: \(holidaysFile)
        sources:
          orders:
            - {path: orders.csv}
          payments:
            - {path: payments.csv}
        output: report

        """
    }
}

extension InputGenerator {
    /// Writes the holiday file and the pipeline file that run the generated inputs into `folder`.
    package func writeRunFiles(into folder: String) throws {
        for (name, text) in [
            (GeneratedRun.holidaysFile, GeneratedRun.holidaysText),
            (GeneratedRun.pipelineFile, GeneratedRun.pipelineText(orders: orders, seed: seed, asOf: asOf)),
        ] {
            let file = try OutputFile(path: folder + "/" + name)
            try file.write(Array(text.utf8))
            try file.close()
        }
    }
}

import Testing
@testable import ReconCore

@Suite struct TimestampTests {
    func seconds(_ text: String, zone: Zone = .utc) -> Int64? {
        if case .success(let i) = TimestampParser.parse(text, zone: zone) { return i.seconds }
        return nil
    }

    // 2026-03-01T00:00:00Z is 1772323200 seconds after the epoch.
    let midnight: Int64 = 1_772_323_200

    @Test func isoFormsWithAndWithoutOffsets() {
        #expect(seconds("2026-03-01") == midnight)
        #expect(seconds("2026-03-01T10:22:33Z") == midnight + 37353)
        #expect(seconds("2026-03-01T10:22:33.125+09:00") == midnight + 37353 - 9 * 3600)
        #expect(seconds("2026-03-01 10:22:33 -0500") == midnight + 37353 + 5 * 3600)
        #expect(seconds("2026-03-01 10:22") == midnight + 37320)
        #expect(seconds("  2026-03-01T10:22:33+0530 ") == midnight + 37353 - 19800)
    }

    @Test func fractionalSecondsAreKept() throws {
        let parsed = try TimestampParser.parse("2026-03-01T10:22:33.125Z", zone: .utc).get()
        #expect(parsed.nanoseconds == 125_000_000)
    }

    @Test func noOffsetMeansTheSourceZone() throws {
        let newYork = try #require(Zone(identifier: "America/New_York"))
        // EST (-05:00) in March before the change; EDT (-04:00) in July.
        #expect(seconds("2026-03-01T10:00:00", zone: newYork) == midnight + 10 * 3600 + 5 * 3600)
        #expect(seconds("2026-07-01T10:00:00", zone: newYork) == seconds("2026-07-01T14:00:00Z"))
    }

    @Test func dateIsTakenInThePipelineZone() throws {
        let instant = try TimestampParser.parse("2026-03-01T23:30:00-05:00", zone: .utc).get()
        #expect(instant.date(in: .utc).description == "2026-03-02")
        let newYork = try #require(Zone(identifier: "America/New_York"))
        #expect(instant.date(in: newYork).description == "2026-03-01")
    }

    @Test func rejectsImpossibleAndMalformedDates() {
        #expect(TimestampParser.parse("2026-02-30", zone: .utc) == .failure(.outOfRange))
        #expect(TimestampParser.parse("0000-00-00", zone: .utc) == .failure(.outOfRange))
        #expect(TimestampParser.parse("2026-03-01T25:00:00Z", zone: .utc) == .failure(.outOfRange))
        #expect(TimestampParser.parse("03/01/2026", zone: .utc) == .failure(.malformed))
        #expect(TimestampParser.parse("2026-03-01T10:22:33 EST", zone: .utc) == .failure(.malformed))
    }

    @Test func civilDatesRoundTripAndKnowTheirWeekday() throws {
        let date = try #require(CivilDate(iso: "2026-06-30"))
        #expect(date.isoWeekday == 2)  // a Tuesday
        #expect(CivilDate(iso: "2024-02-29") != nil && CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(days: 0).description == "1970-01-01")
        #expect(CivilDate(iso: "1900-03-01")!.description == "1900-03-01")
        #expect(CivilDate(iso: "2100-12-31")!.adding(days: 1).description == "2101-01-01")
    }
}

import Foundation
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

/// Zones whose clocks change at midnight (transitions from `zdump -v -c 2026,2027`):
/// - Africa/Cairo: 2026-04-23T22:00Z +02→+03 (local 24 April 00:00–00:59 skipped); 2026-10-29T21:00Z +03→+02
///   (local 29 October 23:00–23:59 shown twice).
/// - America/Santiago: 2026-09-06T04:00Z −04→−03 (6 September 00:00–00:59 skipped); 2026-04-05T03:00Z −03→−04
///   (4 April 23:00–23:59 twice).
/// - America/Havana: 2026-03-08T05:00Z −05→−04 (8 March 00:00–00:59 skipped); 2026-11-01T05:00Z −04→−05
///   (1 November 00:00–00:59 twice).
/// - Asia/Beirut: 2026-03-28T22:00Z +02→+03 (29 March 00:00–00:59 skipped); 2026-10-24T21:00Z +03→+02
///   (24 October 23:00–23:59 twice).
/// A skipped time moves forward by the gap (read with the offset before the change); a repeated time is its
/// first occurrence (also the offset before the change); a date alone starts at its first instant.
@Suite struct ClockChangeTests {
    func zone(_ id: String) -> Zone { Zone(identifier: id)! }
    func seconds(_ text: String, _ zone: Zone) -> Int64? {
        if case .success(let i) = TimestampParser.parse(text, zone: zone) { return i.seconds }
        return nil
    }
    func utc(_ text: String) -> Int64? { seconds(text, .utc) }

    @Test func africaCairo() {
        let cairo = zone("Africa/Cairo")
        #expect(seconds("2026-04-24", cairo) == utc("2026-04-23T22:00:00Z"))  // 01:00 +03, the day's first instant
        #expect(seconds("2026-04-24T00:30", cairo) == utc("2026-04-23T22:30:00Z"))  // 00:30 + 2 h → 01:30 +03
        #expect(seconds("2026-04-24T01:30", cairo) == utc("2026-04-23T22:30:00Z"))
        #expect(seconds("2026-04-23T23:59", cairo) == utc("2026-04-23T21:59:00Z"))  // +02 still
        #expect(seconds("2026-10-29T23:30", cairo) == utc("2026-10-29T20:30:00Z"))  // first, at +03
        #expect(seconds("2026-10-29T23:30+02:00", cairo) == utc("2026-10-29T21:30:00Z"))  // the second, by offset
        #expect(seconds("2026-10-30", cairo) == utc("2026-10-29T22:00:00Z"))
    }

    @Test func americaSantiago() {
        let santiago = zone("America/Santiago")
        #expect(seconds("2026-09-06", santiago) == utc("2026-09-06T04:00:00Z"))  // 01:00 −03
        #expect(seconds("2026-09-06T00:30", santiago) == utc("2026-09-06T04:30:00Z"))  // → 01:30 −03
        #expect(seconds("2026-09-05T23:30", santiago) == utc("2026-09-06T03:30:00Z"))  // −04 still
        #expect(seconds("2026-04-04T23:30", santiago) == utc("2026-04-05T02:30:00Z"))  // first, at −03
        #expect(seconds("2026-04-05", santiago) == utc("2026-04-05T04:00:00Z"))  // −04 after the overlap
    }

    @Test func americaHavana() {
        let havana = zone("America/Havana")
        #expect(seconds("2026-03-08", havana) == utc("2026-03-08T05:00:00Z"))  // 01:00 −04
        #expect(seconds("2026-03-08T00:30", havana) == utc("2026-03-08T05:30:00Z"))  // → 01:30 −04
        #expect(seconds("2026-11-01", havana) == utc("2026-11-01T04:00:00Z"))  // first midnight, at −04
        #expect(seconds("2026-11-01T00:30", havana) == utc("2026-11-01T04:30:00Z"))
        #expect(seconds("2026-11-01T01:30", havana) == utc("2026-11-01T06:30:00Z"))  // −05 after the overlap
    }

    @Test func asiaBeirut() {
        let beirut = zone("Asia/Beirut")
        #expect(seconds("2026-03-29", beirut) == utc("2026-03-28T22:00:00Z"))  // 01:00 +03
        #expect(seconds("2026-03-29T00:30", beirut) == utc("2026-03-28T22:30:00Z"))  // → 01:30 +03
        #expect(seconds("2026-10-24T23:30", beirut) == utc("2026-10-24T20:30:00Z"))  // first, at +03
        #expect(seconds("2026-10-25T00:30", beirut) == utc("2026-10-24T22:30:00Z"))  // +02 after
    }

    /// Every date of 2026 in each zone starts on that date: its first instant's date, taken back in the
    /// zone, is the date itself (at a skipped midnight, the day before used to come back).
    @Test func everyDayStartsOnItself() {
        for id in ["Africa/Cairo", "America/Santiago", "America/Havana", "Asia/Beirut"] {
            let z = zone(id)
            let first = CivilDate(iso: "2026-01-01")!.days
            let last = CivilDate(iso: "2026-12-31")!.days
            let wrong = (first...last).map { CivilDate(days: $0) }.filter {
                Instant(startOf: $0, in: z).date(in: z) != $0
            }
            #expect(wrong.isEmpty, "\(id): \(wrong)")
        }
    }

    /// Offsets from the table agree with Foundation's at every hour of 2025–2026 in each zone.
    @Test func theTableAgreesWithFoundation() throws {
        for id in ["Africa/Cairo", "America/Santiago", "America/Havana", "Asia/Beirut", "Europe/Berlin"] {
            let z = zone(id)
            let tz = try #require(TimeZone(identifier: id))
            let start = try #require(utc("2025-01-01T00:00:00Z"))
            let differing = stride(from: start, to: start + 2 * 365 * 86400, by: 3600).filter {
                z.offset(atUTC: $0) != tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0)))
            }
            #expect(differing.isEmpty, "\(id)")
        }
    }
}

/// A date alone is the date written, whatever the zones.
@Suite struct DateOnlyTests {
    /// Pipeline in Africa/Cairo, cancellation approved "2026-04-24" (a Friday whose midnight Cairo skips):
    /// approved_on is 24 April, business days run Mon 27 Apr – Fri 1 May (1–5), 4–8 May (6–10), 11–15 (11–15),
    /// 18–22 (16–20): due Friday 22 May. The refund of 22 May is on time (read as 23 April, the case was due
    /// on 21 May and flagged late).
    @Test func anApprovalOnASkippedMidnightKeepsItsDate() throws {
        var scenario = Scenario(
            orders: "A,2026-04-20,USD,10.00,,EG,standard,2026-04-24,,,\n",
            payments: "R1,refund,2026-05-22,10.00,USD,,A,,\n")
        scenario.configure = { $0.zone = Zone(identifier: "Africa/Cairo")! }
        let result = try scenario.reconcile()
        let a = try #require(result.caseOf("A"))
        #expect(a.approvedOn.description == "2026-04-24" && a.dueOn.description == "2026-05-22")
        #expect(a.settledOn?.description == "2026-05-22" && a.state == .settled)
        #expect(result.flags(.late).isEmpty)
    }

    /// Orders read in Asia/Tokyo, pipeline in UTC: "2026-06-02" is 2 June (Tokyo's midnight is still 1 June
    /// in UTC, which a date alone no longer goes through); a refund dated "2026-06-03" is made on 3 June.
    @Test func aDateAloneIgnoresTheSourceZone() throws {
        var scenario = Scenario(
            orders: "A,2026-06-01,USD,10.00,,JP,standard,2026-06-02,,,\n",
            payments: "R1,refund,2026-06-03,10.00,USD,,A,,\n")
        scenario.configure = { config in
            config.orders[0].zone = Zone(identifier: "Asia/Tokyo")!
            config.payments[0].zone = Zone(identifier: "Asia/Tokyo")!
        }
        let result = try scenario.reconcile()
        #expect(result.caseOf("A")?.approvedOn.description == "2026-06-02")
        #expect(result.caseOf("A")?.settledOn?.description == "2026-06-03")
        #expect(result.refund("R1")?.createdOn.description == "2026-06-03")
    }
}

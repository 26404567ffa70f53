// libFuzzer target: the timestamp parser on arbitrary text, in UTC and in a zone with daylight saving,
// must never crash, and what it accepts must have a date that prints as a real YYYY-MM-DD.
@testable import ReconCore

let newYork = Zone(identifier: "America/New_York")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for zone in [Zone.utc, newYork] {
        if case .success(let instant) = TimestampParser.parse(text, zone: zone) {
            let date = instant.date(in: zone)
            precondition(CivilDate(iso: date.description) == date || date.components.year < 1, "date \(date)")
        }
    }
    return 0
}

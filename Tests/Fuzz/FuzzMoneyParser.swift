// libFuzzer target: the money parser on arbitrary text, for currencies with 0, 2, 3 and 4 decimals, must
// never crash, and what it accepts must print back to the same value.
@testable import ReconCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for code in ["JPY", "USD", "KWD", "CLF"] {
        let currency = Currency(code: code)!
        if case .success(let value) = MoneyParser.parse(text, currency: currency) {
            let printed = Money(minorUnits: value, currency: currency).plainDecimal
            precondition(MoneyParser.parse(printed, currency: currency) == .success(value), "round trip of \(printed)")
        }
    }
    return 0
}

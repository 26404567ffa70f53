/// An ISO 4217 currency code with its minor unit (number of decimals).
public struct Currency: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Position in `known`, which is sorted by code: one byte on every order, payment and report row
    /// instead of a string and an integer (ISO 4217 has fewer than 256 codes).
    private let index: UInt8

    public var code: String { Self.known[Int(index)].code }
    public var minorUnit: Int { Self.known[Int(index)].minorUnit }

    /// Looks `code` up after trimming and upper-casing; nil for a code not in ISO 4217.
    public init?(code raw: some StringProtocol) {
        if let slot = Self.letterSlot(raw.utf8) {
            // Three letters, the code as nearly every row writes it.
            let position = Self.positionByLetters[slot]
            guard position != 0 else { return nil }
            index = position - 1
        } else {
            guard let index = Self.indexByCode[raw.trimmingSpaces().uppercased()] else { return nil }
            self.index = index
        }
    }

    public var description: String { code }
    public static func < (a: Currency, b: Currency) -> Bool { a.index < b.index }

    private static let known: [(code: String, minorUnit: Int)] = minorUnits.sorted { $0.key < $1.key }.map {
        ($0.key, $0.value)
    }
    private static let indexByCode: [String: UInt8] =
        Dictionary(uniqueKeysWithValues: known.enumerated().map { ($0.element.code, UInt8($0.offset)) })

    /// Position in `known` + 1 (0: no such code) by `letterSlot`: a row's code is found without trimming,
    /// upper-casing or hashing a string.
    private static let positionByLetters: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 26 * 26 * 26)
        for (i, entry) in known.enumerated() { table[letterSlot(entry.code.utf8)!] = UInt8(i + 1) }
        return table
    }()

    /// 0..<26³ for three ASCII letters of either case; nil for anything else.
    private static func letterSlot(_ bytes: some Collection<UInt8>) -> Int? {
        guard bytes.count == 3 else { return nil }
        var slot = 0
        for byte in bytes {
            let lower = byte | 0x20
            guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return nil }
            slot = slot * 26 + Int(lower - UInt8(ascii: "a"))
        }
        return slot
    }

    /// ISO 4217 (list one, 2024 amendments): every active code that has a minor unit.
    /// Codes without one (gold, SDR, test codes) are left out, so they read as unknown.
    static let minorUnits: [String: Int] = {
        var table: [String: Int] = [:]
        let twoDecimals = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD \
            CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL \
            GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD \
            LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN \
            PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL \
            THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL
            """
        for code in twoDecimals.split(separator: " ") { table[String(code)] = 2 }
        for code in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(separator: " ") {
            table[String(code)] = 0
        }
        for code in "BHD IQD JOD KWD LYD OMR TND".split(separator: " ") { table[String(code)] = 3 }
        for code in "CLF UYW".split(separator: " ") { table[String(code)] = 4 }
        return table
    }()
}

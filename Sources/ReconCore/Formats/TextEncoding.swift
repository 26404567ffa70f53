/// How a source's bytes become text. UTF-8 (a BOM is always skipped), Windows-1252 (older PayPal and
/// bank exports), or `auto`: UTF-8 where the bytes are valid UTF-8, Windows-1252 where they are not.
package enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case auto

    package func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        switch self {
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .windows1252: return Self.fromWindows1252(bytes)
        case .auto:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return Self.fromWindows1252(bytes)
        }
    }

    /// As `decode`, but nil for bytes that are not valid UTF-8 when the encoding is `utf-8`.
    package func decodeStrictly(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII, the usual case, is valid in every encoding here and needs no checking beyond its bytes.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return self == .utf8 ? String(validating: bytes, as: UTF8.self) : decode(bytes)
    }

    static func fromWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b < 0x80 || b >= 0xA0 {
                scalars.append(Unicode.Scalar(b))
            } else {
                scalars.append(Unicode.Scalar(high[Int(b - 0x80)])!)
            }
        }
        return String(scalars)
    }

    /// 0x80–0x9F in Windows-1252; the five undefined bytes map to the C1 controls, as Windows does.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]
}

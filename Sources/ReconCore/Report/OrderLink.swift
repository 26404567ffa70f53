/// Turns an order id into a link to the order in the merchant's admin, from a template such as
/// `https://admin.shopify.com/store/acme/orders/{order_id}`. The id is percent-encoded.
public struct OrderLink: Sendable, Equatable {
    public let template: String

    /// Nil unless the template contains `{order_id}`, starts with http:// or https:// and is printable ASCII
    /// (other characters belong in a URL percent-encoded; a control character would break the workbook).
    public init?(template: String) {
        guard template.contains("{order_id}"), template.hasPrefix("https://") || template.hasPrefix("http://"),
            template.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else { return nil }
        self.template = template
    }

    public func url(for orderId: String) -> String {
        var encoded = ""
        for byte in orderId.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                encoded.append(c)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return template.replacingOccurrences(of: "{order_id}", with: encoded)
    }
}

/// What became of the workbook's order links (`links` in manifest.json).
struct LinkCounts: Encodable, Equatable, Sendable {
    /// Rows with a link to their order.
    var written = 0
    /// Rows whose link address would be longer than Excel takes: the cell holds the order id as plain text.
    var tooLong = 0
    /// Rows past the links a sheet holds (65,530 in Excel): the cell holds the order id as plain text.
    var overSheetLimit = 0

    mutating func add(_ other: LinkCounts) {
        written += other.written
        tooLong += other.tooLong
        overSheetLimit += other.overSheetLimit
    }
}

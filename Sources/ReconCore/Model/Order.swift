/// An order after normalisation: exact money, dates in the pipeline's zone, `as_of` applied. Every order is
/// held until the report is written, so the fields are ordered to leave little padding (48 bytes), the four
/// texts that repeat across orders are held as one code of the run's (`OrderTexts`) read through the
/// properties named for them, and the cancellation and refund columns, which most orders leave empty, are
/// held apart (`RefundDetails`). The id is the run's to read (`RunTexts.id(_:)`).
package struct Order: Sendable {
    package var id: RecordId
    package var total: Int64
    /// Nil for an order with no cancellation approved, refund requested or refund approved by `as_of`.
    var refundDetails: RefundDetails?
    package var placedOn: CivilDate
    var textsCode: OrderTexts.Code
    package var source: RowSource
    package var currency: Currency
}

/// The texts of an order that repeat across orders, coded once for all the orders that share all four:
/// 4 bytes an order instead of 16.
struct OrderTexts: Equatable, Sendable {
    var method: TextCode
    var country: TextCode
    var sellerType: TextCode
    var status: TextCode

    /// The number of an `OrderTexts` in the run's texts (`RunTexts.add(_:)`).
    struct Code: Sendable, Hashable {
        let number: UInt32

        /// What an order holds from when it is read until its normaliser takes it (`OrderTextsCodes`).
        static let unassigned = Code(number: .max)
    }

    /// A hash of the four codes, its high bits mixed from all of them (multiply and shift mixing).
    var hash: UInt64 {
        let low = UInt64(method.number) << 32 | UInt64(country.number)
        let high = UInt64(sellerType.number) << 32 | UInt64(status.number)
        let h = low &* 0x9E37_79B9_7F4A_7C15
        return (h ^ h >> 29 ^ high) &* 0xBF58_476D_1CE4_E5B9
    }
}

/// What an order says about its cancellation or refund (and what was captured and already refunded, which
/// only a case reads), with the customer shown beside its case: held only by orders that say something,
/// which spares the others 56 bytes each. One allocation holds it all, the customer's UTF-8 bytes after the
/// fields (a customer `String` past 15 bytes is an allocation of its own, 48 bytes more); the amounts and
/// dates are held without optionals' padding (a value no input can have stands for none).
///
/// Sendable unchecked because the compiler cannot check a `ManagedBuffer`'s header and elements: they are
/// written only inside `init`, before the value exists for any other thread, and only read after (`storage`
/// is a `let`, `Storage` has no mutating member, and every property below only reads).
struct RefundDetails: @unchecked Sendable {
    private final class Storage: ManagedBuffer<Fields, UInt8> {}
    private struct Fields {
        let amount: Int64
        let capturedAmount: Int64
        let refundedAmount: Int64
        let cancelApprovedDays: Int32
        let refundRequestedDays: Int32
        let refundApprovedDays: Int32
        /// The customer's bytes, or -1 for no customer.
        let customerCount: Int32
    }
    private let storage: Storage
    /// Never an amount (amounts are not negative) nor a day of the years 0001–9999.
    private static let noAmount = Int64.min, noDay = Int32.min

    /// `customer` is kept only for an order with a refund case, the only kind whose customer an output shows.
    init(
        customer: String?, refundAmount: Int64?, cancelApprovedOn: CivilDate?, refundRequestedOn: CivilDate?,
        refundApprovedOn: CivilDate?, capturedAmount: Int64? = nil, refundedAmount: Int64? = nil
    ) {
        // Checked one by one, and the customer's bytes copied straight in: the order's one allocation is its
        // only one (an array of the amounts, or of the bytes, would be another).
        precondition(
            (refundAmount ?? 0) >= 0 && (capturedAmount ?? 0) >= 0 && (refundedAmount ?? 0) >= 0,
            "a negative amount is rejected before it is held")
        let byteCount = customer?.utf8.count ?? 0
        precondition(byteCount < Int32.max, "a customer is a field of one row")
        let storage = Storage.create(minimumCapacity: byteCount) { _ in
            Fields(
                amount: refundAmount ?? Self.noAmount, capturedAmount: capturedAmount ?? Self.noAmount,
                refundedAmount: refundedAmount ?? Self.noAmount,
                cancelApprovedDays: cancelApprovedOn?.days ?? Self.noDay,
                refundRequestedDays: refundRequestedOn?.days ?? Self.noDay,
                refundApprovedDays: refundApprovedOn?.days ?? Self.noDay,
                customerCount: customer == nil ? -1 : Int32(byteCount))
        }
        if let customer {
            storage.withUnsafeMutablePointerToElements { elements in
                _ = UnsafeMutableBufferPointer(start: elements, count: byteCount).initialize(from: customer.utf8)
            }
        }
        self.storage = unsafeDowncast(storage, to: Storage.self)
    }

    var customer: String? {
        let count = Int(storage.header.customerCount)
        guard count >= 0 else { return nil }
        return storage.withUnsafeMutablePointerToElements {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
    var refundAmount: Int64? { Self.amount(storage.header.amount) }
    var capturedAmount: Int64? { Self.amount(storage.header.capturedAmount) }
    var refundedAmount: Int64? { Self.amount(storage.header.refundedAmount) }
    var cancelApprovedOn: CivilDate? { Self.date(storage.header.cancelApprovedDays) }
    var refundRequestedOn: CivilDate? { Self.date(storage.header.refundRequestedDays) }
    var refundApprovedOn: CivilDate? { Self.date(storage.header.refundApprovedDays) }

    /// The one allocation's address, for tests of its size.
    var allocation: UnsafeMutableRawPointer { Unmanaged.passUnretained(storage).toOpaque() }

    private static func amount(_ held: Int64) -> Int64? { held == noAmount ? nil : held }
    private static func date(_ days: Int32) -> CivilDate? { days == noDay ? nil : CivilDate(days: days) }
}

extension Order {
    func methodCode(in texts: RunTexts) -> TextCode { texts.orderTexts(textsCode).method }
    package func method(in texts: RunTexts) -> String? { texts.text(methodCode(in: texts)) }
    package func country(in texts: RunTexts) -> String? { texts.text(texts.orderTexts(textsCode).country) }
    package func sellerType(in texts: RunTexts) -> String? { texts.text(texts.orderTexts(textsCode).sellerType) }
    /// Free text from the export (`cancelled`, `shipped`, …): shown, never interpreted.
    package func status(in texts: RunTexts) -> String? { texts.text(texts.orderTexts(textsCode).status) }

    package var customer: String? { refundDetails?.customer }
    /// Approved refund amount; nil means the order total.
    package var refundAmount: Int64? { refundDetails?.refundAmount }
    /// Money actually taken for the order; nil means the total, 0 that nothing was captured.
    package var capturedAmount: Int64? { refundDetails?.capturedAmount }
    /// What the orders' source itself records as already refunded (cumulative, without a date); nil when
    /// it says nothing.
    package var refundedAmount: Int64? { refundDetails?.refundedAmount }
    /// Approvals and requests dated after `as_of` are nil (not yet made on that night).
    package var cancelApprovedOn: CivilDate? { refundDetails?.cancelApprovedOn }
    package var refundRequestedOn: CivilDate? { refundDetails?.refundRequestedOn }
    package var refundApprovedOn: CivilDate? { refundDetails?.refundApprovedOn }
}

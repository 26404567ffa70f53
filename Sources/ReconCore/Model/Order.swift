/// An order after normalisation: exact money, dates in the pipeline's zone, `as_of` applied. Every order is
/// held until matching ends (and a third of them, at 10M generated orders, until the report is written), so
/// the fields are ordered to leave little padding (40 bytes), the four
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
/// which spares the others 56 bytes each. One allocation holds it all: the three dates and a word saying
/// which amounts follow and how long the customer is, then the amounts it has (most orders have one or none),
/// then the customer's UTF-8 bytes (a customer `String` past 15 bytes is an allocation of its own, 48 bytes
/// more). An order with a refund amount and a 16-byte customer takes 56 bytes, which `malloc` holds in 64.
///
/// Sendable unchecked because the compiler cannot check a `ManagedBuffer`'s header and elements: they are
/// written only inside `init`, before the value exists for any other thread, and only read after (`storage`
/// is a `let`, `Storage` has no mutating member, and every property below only reads).
struct RefundDetails: @unchecked Sendable {
    private final class Storage: ManagedBuffer<Fields, UInt8> {}
    private struct Fields {
        let cancelApprovedDays: Int32
        let refundRequestedDays: Int32
        let refundApprovedDays: Int32
        /// The customer's byte count in the low 28 bits (all ones for no customer); above them, a bit for
        /// each amount held (`Amount`), the amounts after the fields in that order.
        let layout: UInt32
    }
    /// The amounts an order may hold, by their bit in `Fields.layout` above the customer's count.
    private enum Amount: Int {
        case refund, captured, refunded
    }
    private let storage: Storage
    /// Never a day of the years 0001–9999.
    private static let noDay = Int32.min
    private static let customerBits: UInt32 = 28
    private static let noCustomer: UInt32 = 1 << customerBits - 1

    /// `customer` is kept only for an order with a refund case, the only kind whose customer an output shows.
    init(
        customer: String?, refundAmount: Int64?, cancelApprovedOn: CivilDate?, refundRequestedOn: CivilDate?,
        refundApprovedOn: CivilDate?, capturedAmount: Int64? = nil, refundedAmount: Int64? = nil
    ) {
        // Checked one by one, and the amounts and the customer's bytes copied straight in: the order's one
        // allocation is its only one (an array of the amounts, or of the bytes, would be another).
        precondition(
            (refundAmount ?? 0) >= 0 && (capturedAmount ?? 0) >= 0 && (refundedAmount ?? 0) >= 0,
            "a negative amount is rejected before it is held")
        let byteCount = customer?.utf8.count ?? 0
        precondition(byteCount < Self.noCustomer, "a customer is a field of one row")
        let amountBits =
            Self.bit(refundAmount, .refund) | Self.bit(capturedAmount, .captured) | Self.bit(refundedAmount, .refunded)
        let amountBytes = 8 * amountBits.nonzeroBitCount
        let storage = Storage.create(minimumCapacity: amountBytes + byteCount) { _ in
            Fields(
                cancelApprovedDays: cancelApprovedOn?.days ?? Self.noDay,
                refundRequestedDays: refundRequestedOn?.days ?? Self.noDay,
                refundApprovedDays: refundApprovedOn?.days ?? Self.noDay,
                layout: amountBits << Self.customerBits | (customer == nil ? Self.noCustomer : UInt32(byteCount)))
        }
        storage.withUnsafeMutablePointerToElements { elements in
            var offset = Self.store(refundAmount, at: elements)
            offset += Self.store(capturedAmount, at: elements + offset)
            offset += Self.store(refundedAmount, at: elements + offset)
            if let customer {
                _ = UnsafeMutableBufferPointer(start: elements + offset, count: byteCount).initialize(
                    from: customer.utf8)
            }
        }
        self.storage = unsafeDowncast(storage, to: Storage.self)
    }

    var customer: String? {
        let layout = storage.header.layout
        let count = layout & Self.noCustomer
        guard count != Self.noCustomer else { return nil }
        let start = 8 * (layout >> Self.customerBits).nonzeroBitCount
        return storage.withUnsafeMutablePointerToElements {
            String(decoding: UnsafeBufferPointer(start: $0 + start, count: Int(count)), as: UTF8.self)
        }
    }
    var refundAmount: Int64? { amount(.refund) }
    var capturedAmount: Int64? { amount(.captured) }
    var refundedAmount: Int64? { amount(.refunded) }
    var cancelApprovedOn: CivilDate? { Self.date(storage.header.cancelApprovedDays) }
    var refundRequestedOn: CivilDate? { Self.date(storage.header.refundRequestedDays) }
    var refundApprovedOn: CivilDate? { Self.date(storage.header.refundApprovedDays) }

    /// The bytes after the fields that the one allocation has room for: what `malloc` gave, less the
    /// object's header and the fields (32 bytes), for tests of its size.
    var roomForAmountsAndCustomer: Int { storage.capacity }

    /// The amount held for `which`, after those of the amounts before it that are held.
    private func amount(_ which: Amount) -> Int64? {
        let held = storage.header.layout >> Self.customerBits
        guard held & 1 << UInt32(which.rawValue) != 0 else { return nil }
        let offset = 8 * (held & (1 << UInt32(which.rawValue) - 1)).nonzeroBitCount
        return storage.withUnsafeMutablePointerToElements {
            UnsafeRawPointer($0 + offset).loadUnaligned(as: Int64.self)
        }
    }

    /// `which`'s bit in `Fields.layout`'s amount bits when `amount` is held, else 0.
    private static func bit(_ amount: Int64?, _ which: Amount) -> UInt32 {
        amount == nil ? 0 : 1 << UInt32(which.rawValue)
    }

    /// Writes `amount`, when there is one, at `place`; returns the bytes written.
    private static func store(_ amount: Int64?, at place: UnsafeMutablePointer<UInt8>) -> Int {
        guard let amount else { return 0 }
        UnsafeMutableRawPointer(place).storeBytes(of: amount, as: Int64.self)
        return 8
    }

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

/// One row of `exceptions.csv.gz`: one flag on a case, an order or a refund.
public struct ExceptionRow: Sendable, Equatable {
    public var flag: Flag
    public var orderId: String
    public var paymentId: String
    public var originalPaymentId: String
    public var currency: Currency
    /// Position of the flagged order among the orders, -1 when the orders input has none by `orderId`: how
    /// the Overdue sheet finds an order's columns once the orders' id slots are gone.
    var order: Int32 = -1
    public var amount: Int64
    public var approvedOn: CivilDate? = nil
    public var dueOn: CivilDate? = nil
    public var settledOn: CivilDate? = nil
    public var businessDays: Int? = nil
    public var detail: String
    /// A refund-side flag's refund's day (`created_at` in the pipeline's zone); nil on case and order flags.
    public var paymentDate: CivilDate? = nil
    /// A refund-side flag's refund's `description` (a statement line's words), empty when it has none.
    public var description = ""

    /// The fields every flag sets; the named factories below set the rest.
    private init(_ flag: Flag, orderId: String, currency: Currency, order: Int32, amount: Int64, detail: String) {
        self.flag = flag
        self.orderId = orderId
        paymentId = ""
        originalPaymentId = ""
        self.currency = currency
        self.order = order
        self.amount = amount
        self.detail = detail
    }

    /// `overdue` on `refundCase`: what is still owed, `businessDaysOverdue` after its due date.
    static func overdue(_ refundCase: CaseRow, businessDaysOverdue: Int, detail: String)
        -> ExceptionRow
    {
        var row = ExceptionRow(
            .overdue, orderId: refundCase.orderId, currency: refundCase.currency,
            order: refundCase.order, amount: refundCase.outstanding, detail: detail)
        row.approvedOn = refundCase.approvedOn
        row.dueOn = refundCase.dueOn
        row.businessDays = businessDaysOverdue
        return row
    }

    /// `late` on `refundCase`, settled by the refund `settlingPaymentId` (empty when none did alone): what
    /// was owed, and the business days the case took.
    static func late(_ refundCase: CaseRow, settlingPaymentId: String, detail: String)
        -> ExceptionRow
    {
        var row = ExceptionRow(
            .late, orderId: refundCase.orderId, currency: refundCase.currency,
            order: refundCase.order, amount: refundCase.expected, detail: detail)
        row.paymentId = settlingPaymentId
        row.approvedOn = refundCase.approvedOn
        row.dueOn = refundCase.dueOn
        row.settledOn = refundCase.settledOn
        row.businessDays = refundCase.businessDaysElapsed
        return row
    }

    /// `out_of_window` on `order`, at `position` among the orders: its case's amount and dates when it has
    /// a case, else its total. `texts`: the run's, in which the order's id is read.
    static func outOfWindow(
        _ order: Order, at position: Int, case refundCase: CaseRow?, detail: String, texts: RunTexts
    ) -> ExceptionRow {
        var row = ExceptionRow(
            .outOfWindow, orderId: texts.id(order.id), currency: order.currency, order: Int32(position),
            amount: refundCase?.expected ?? order.total, detail: detail)
        row.approvedOn = refundCase?.approvedOn
        row.dueOn = refundCase?.dueOn
        row.settledOn = refundCase?.settledOn
        return row
    }

    /// A refund-side `flag` on `refund`, linked to `orderId` (at `orderPosition` among the orders, or -1)
    /// and to the original payment `originalPaymentId` (empty when none); `amount` is the refund's unless given.
    /// `paymentDate` and `description` are the refund's; `texts` the run's, in which its id is read.
    static func onRefund(
        _ flag: Flag, _ refund: Payment, orderId: String, orderPosition: Int32,
        originalPaymentId: String, amount: Int64? = nil, detail: String, paymentDate: CivilDate? = nil,
        description: String = "", texts: RunTexts
    ) -> ExceptionRow {
        var row = ExceptionRow(
            flag, orderId: orderId, currency: refund.currency, order: orderPosition,
            amount: amount ?? refund.amount, detail: detail)
        row.paymentId = texts.id(refund.id)
        row.originalPaymentId = originalPaymentId
        row.paymentDate = paymentDate
        row.description = description
        return row
    }

    /// Rows are equal when they say the same: the order's position, which depends on where its file put
    /// it, is left out (its id is compared).
    public static func == (a: ExceptionRow, b: ExceptionRow) -> Bool {
        (a.flag, a.orderId, a.paymentId, a.originalPaymentId, a.currency, a.amount)
            == (b.flag, b.orderId, b.paymentId, b.originalPaymentId, b.currency, b.amount)
            && (a.approvedOn, a.dueOn, a.settledOn, a.businessDays, a.detail) == (
                b.approvedOn, b.dueOn, b.settledOn, b.businessDays, b.detail
            ) && (a.paymentDate, a.description) == (b.paymentDate, b.description)
    }

    /// Sorted by (`flag`, `order_id`, `payment_id`).
    static func ordered(_ a: ExceptionRow, _ b: ExceptionRow) -> Bool {
        if a.flag != b.flag { return a.flag < b.flag }
        if a.orderId != b.orderId { return a.orderId < b.orderId }
        return a.paymentId < b.paymentId
    }
}

public enum CaseKind: String, Sendable { case cancellation, refund }

/// Where a case stands. `refunded_per_store`: the orders' source records the amount owed as refunded and
/// no payment names the order, so nothing in the payments can confirm it. `never_captured`: no money was
/// taken (`captured_amount` 0), so the case owes nothing.
public enum CaseState: String, Sendable, CaseIterable {
    case settled, late, pending, overdue
    case refundedPerStore = "refunded_per_store"
    case neverCaptured = "never_captured"

    /// The states every summary lists, even when no case is in them; the others are listed only when some
    /// case is.
    public static let alwaysListed: [CaseState] = [.settled, .late, .pending, .overdue]
}

/// One row of `cases.csv.gz`: an order's refund case and its 20-business-day clock. One row per case is
/// held until the report is written, so what follows from other fields is computed (`outstanding`) and
/// the rest is held in 64 bytes: optional date, counts and positions in four bytes each.
public struct CaseRow: Sendable, Equatable {
    public var orderId: String
    public var expected: Int64
    public var settled: Int64
    public var approvedOn: CivilDate
    public var dueOn: CivilDate
    /// `settledOn`'s day number, or `Int32.min` for none.
    private var settledDays: Int32
    private var businessDays: Int32
    /// Position among the payments of the refund that brought the sum to the expected amount, or -1.
    let settlingPayment: Int32
    /// Position of the case's order among the run's orders (what the report finds its party by).
    let order: Int32
    public var kind: CaseKind
    public var state: CaseState
    public var currency: Currency

    init(
        orderId: String, order: Int, kind: CaseKind, approvedOn: CivilDate, dueOn: CivilDate, currency: Currency,
        expected: Int64, settled: Int64, settledOn: CivilDate?, state: CaseState, businessDaysElapsed: Int,
        settlingPayment: Int?
    ) {
        self.orderId = orderId
        self.order = Int32(order)
        self.expected = expected
        self.settled = settled
        self.approvedOn = approvedOn
        self.dueOn = dueOn
        settledDays = settledOn?.days ?? .min
        businessDays = Int32(clamping: businessDaysElapsed)
        self.settlingPayment = settlingPayment.map(Int32.init) ?? -1
        self.kind = kind
        self.state = state
        self.currency = currency
    }

    /// What is still to be refunded: the expected amount less what counted toward it, never below zero.
    public var outstanding: Int64 { max(0, expected - settled) }
    public var settledOn: CivilDate? { settledDays == .min ? nil : CivilDate(days: settledDays) }
    public var businessDaysElapsed: Int { Int(businessDays) }

    /// Rows are equal when they say the same: the settling refund's position, which depends on where its
    /// file put it, is left out (its id shows on the `late` flag).
    public static func == (a: CaseRow, b: CaseRow) -> Bool {
        (a.orderId, a.expected, a.settled, a.approvedOn, a.dueOn) == (
            b.orderId, b.expected, b.settled, b.approvedOn, b.dueOn
        )
            && (a.settledDays, a.businessDays, a.kind, a.state, a.currency) == (
                b.settledDays, b.businessDays, b.kind, b.state, b.currency
            )
    }
}

public enum MatchTier: String, Sendable, CaseIterable { case reference, order, amount, ambiguous, none }

/// One row of `refunds.csv.gz`: a refund, how it was matched and what it raised.
/// Methods are held as `TextCode`s and flags as bits, since there is one row per refund.
public struct RefundRow: Sendable, Equatable {
    public var paymentId: String
    public var orderId: String
    public var originalPaymentId: String
    public var amount: Int64
    public var createdOn: CivilDate
    var paymentMethodCode: TextCode
    var originalMethodCode: TextCode
    /// The refund's `description` (a statement line's words).
    var descriptionCode: TextCode = .none
    public var currency: Currency
    public var status: PaymentStatus
    public var match: MatchTier
    var flagBits: Flag.Bits
    /// The refund in its case's currency, when it was converted.
    package var conversion: Conversion? = nil

    package func paymentMethod(in texts: RunTexts) -> String? { texts.text(paymentMethodCode) }
    package func originalMethod(in texts: RunTexts) -> String? { texts.text(originalMethodCode) }
    package func description(in texts: RunTexts) -> String? { texts.text(descriptionCode) }
    /// The flags raised on this refund, sorted by name.
    public var flags: [Flag] { Flag.byName.filter { flagBits & $0.bit != 0 } }
}

/// One row of `rejected.csv.gz`: an input row that could not be used, and why.
public struct RejectedRow: Sendable, Equatable {
    public var source: String
    public var file: String
    public var line: Int
    /// The column at fault, or empty when the whole row is.
    public var column: String
    public var reason: String
    public var raw: String

    /// Sorted by (`source`, `file`, `line`).
    static func ordered(_ a: RejectedRow, _ b: RejectedRow) -> Bool {
        if a.source != b.source { return a.source < b.source }
        if a.file != b.file { return a.file < b.file }
        return a.line < b.line
    }
}

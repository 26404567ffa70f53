/// Writes realistic canonical inputs of any size for benchmarks and tests, the same bytes for the same
/// seed: currencies with 0, 2 and 3 decimals, cancellations and approved refunds refunded on time, late,
/// in parts or not at all, refunds linked by reference, by order or by nothing (the amount tier), every
/// flag, and a small share of damaged rows.
package struct InputGenerator {
    package var orders: Int
    package var seed: UInt64
    /// Share of rows written damaged (a bad date or amount), rejected on reading.
    package var damagedShare = 0.001
    /// The night the data is meant for; events are dated before it.
    package let asOf = CivilDate(iso: "2026-06-30")!

    package init(orders: Int, seed: UInt64) {
        self.orders = orders
        self.seed = seed
    }

    package struct Counts: Sendable {
        package var orders = 0
        package var payments = 0
        package var bytes = 0
    }

    /// SplitMix64.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) < p * 1_000_000 }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// A currency, how often it is drawn (of 100), and its minor units in one unit.
    typealias GeneratedCurrency = (code: String, decimals: Int, weight: Int, scale: Int)

    static let currencies: [GeneratedCurrency] = [
        ("USD", 2, 80, 100), ("EUR", 2, 8, 100), ("JPY", 0, 6, 1), ("KWD", 3, 3, 1000), ("GBP", 2, 3, 100),
    ]
    static let countries = ["US", "US", "US", "GB", "DE", "BR", "JP", "FR"]

    /// Writes both files, with exactly `orders` order rows (a twin counts as one). Every value is drawn from
    /// one random sequence in a fixed order, so the order in which the steps below draw is part of the output:
    /// the same seed gives the same bytes.
    package func write(ordersTo ordersPath: String, paymentsTo paymentsPath: String) throws -> Counts {
        var files = try GeneratedFiles(ordersPath: ordersPath, paymentsPath: paymentsPath)
        var rng = Random(state: seed)
        let start = asOf.adding(days: -270)
        var n = 0
        while files.orderCount < orders {
            defer { n += 1 }
            let order = Self.drawOrder(n, placedFrom: start, &rng)
            let refund = drawRefund(of: order, &rng)
            let damaged = rng.chance(damagedShare)
            try files.order(Self.orderLine(order, refund: refund, damaged: damaged, &rng))
            try Self.writeCharges(of: order, &rng, to: &files)
            guard let refund else { continue }
            let parts = Self.drawRefundParts(of: refund, currency: order.currency, &rng)
            for (i, part) in parts.enumerated() {
                let day = refund.approvedOn.adding(days: part.daysAfterApproval)
                guard day <= asOf, part.amount > 0 else { continue }
                try files.payment(refundLine(order, number: i, amount: part.amount, on: day, &rng))
            }
            if rng.chance(0.002) {
                try files.payment("U\(n),refund,\(refund.approvedOn)T12:00:00Z,7.77,USD,card:0000,,,")
            }
            // Now and then a twin: the same open case twice, and a refund naming neither (ambiguous_match).
            if parts.isEmpty && refund.cancelApprovedAt.isEmpty && rng.chance(0.2) && files.orderCount < orders {
                try Self.writeTwin(of: order, refund: refund, to: &files)
            }
        }
        return try files.close()
    }

    /// An order as drawn: the columns of its row but the refund's.
    struct GeneratedOrder {
        let number: Int
        let currency: GeneratedCurrency
        /// The total in minor units.
        let minor: Int64
        let placed: CivilDate
        let method: String
        let country: String
        let sellerType: String

        var id: String { "O\(number)" }
        var charge: String { "C\(number)" }
        var total: String { Money.format(minor, decimals: currency.decimals) }
    }

    /// A cancellation or an approved refund request, with what is owed back.
    struct GeneratedRefund {
        var cancelApprovedAt = ""
        var requestedAt = ""
        var approvedAt = ""
        /// The `refund_amount` column: empty for the whole total.
        var amountColumn = ""
        var approvedOn: CivilDate
        /// In minor units.
        var expected: Int64
    }

    private static func drawOrder(_ number: Int, placedFrom start: CivilDate, _ rng: inout Random) -> GeneratedOrder {
        let currency = drawCurrency(&rng)
        // 200–30,200 yen; 2–302 of a currency with decimals, cents (or fils) and all.
        let minor =
            currency.decimals == 0
            ? Int64(200 + rng.below(30_000))
            : Int64(2 + rng.below(300)) * Int64(currency.scale) + Int64(rng.below(currency.scale))
        let placed = start.adding(days: rng.below(262))
        let method =
            rng.chance(0.1)
            ? "paypal:buyer\(rng.below(50_000))@example.com"
            : "card:\(String(rng.below(10_000)).leftPadded(4))"
        let country = countries[rng.below(countries.count)]
        let sellerType = rng.chance(0.4) ? "choice" : "standard"
        return GeneratedOrder(
            number: number, currency: currency, minor: minor, placed: placed, method: method,
            country: country, sellerType: sellerType)
    }

    /// A currency drawn by weight (the weights add up to 100).
    private static func drawCurrency(_ rng: inout Random) -> GeneratedCurrency {
        var pick = rng.below(100)
        for currency in currencies {
            pick -= currency.weight
            if pick < 0 { return currency }
        }
        preconditionFailure("the currencies' weights add up to less than 100")
    }

    /// Three orders in ten have a refund: four of those are cancelled, the rest asked for and approved (a few
    /// after the 90-day window, some for part of the total). Nil too when the approval falls after `asOf`.
    private func drawRefund(of order: GeneratedOrder, _ rng: inout Random) -> GeneratedRefund? {
        guard rng.chance(0.3) else { return nil }
        let refund: GeneratedRefund
        if rng.chance(0.4) {
            let approvedOn = order.placed.adding(days: rng.below(3))
            let hour = String(8 + rng.below(10)).leftPadded(2)
            refund = GeneratedRefund(
                cancelApprovedAt: "\(approvedOn)T\(hour):15:00Z", approvedOn: approvedOn,
                expected: order.minor)
        } else {
            let requestedOn = order.placed.adding(days: rng.chance(0.03) ? 95 + rng.below(30) : 5 + rng.below(40))
            let approvedOn = requestedOn.adding(days: 1 + rng.below(3))
            var request = GeneratedRefund(
                requestedAt: "\(requestedOn)T10:00:00Z",
                approvedAt: "\(approvedOn)T16:30:00Z", approvedOn: approvedOn,
                expected: order.minor)
            if rng.chance(0.3) {
                request.expected = max(1, order.minor * Int64(30 + rng.below(50)) / 100)
                request.amountColumn = Money.format(request.expected, decimals: order.currency.decimals)
            }
            refund = request
        }
        return refund.approvedOn > asOf ? nil : refund
    }

    /// The order's row; a damaged one has an impossible date.
    private static func orderLine(
        _ order: GeneratedOrder, refund: GeneratedRefund?, damaged: Bool,
        _ rng: inout Random
    ) -> String {
        let placedAt = damaged ? "2026-02-30" : "\(order.placed)T\(String(rng.below(24)).leftPadded(2)):00:00Z"
        let refundColumns = [refund?.cancelApprovedAt, refund?.requestedAt, refund?.approvedAt, refund?.amountColumn]
            .map { $0 ?? "" }.joined(separator: ",")
        return "\(order.id),\(placedAt),\(order.currency.code),\(order.total),\(order.method),\(order.country),"
            + "\(order.sellerType),Customer \(order.number),,\(refundColumns)"
    }

    /// The order's charge, after a failed attempt now and then.
    private static func writeCharges(
        of order: GeneratedOrder, _ rng: inout Random,
        to files: inout GeneratedFiles
    ) throws {
        let columns = "\(order.total),\(order.currency.code),\(order.method),\(order.id)"
        if rng.chance(0.03) {
            try files.payment("\(order.charge)x,charge,\(order.placed)T09:00:00Z,\(columns),,failed")
        }
        try files.payment("\(order.charge),charge,\(order.placed)T09:05:00Z,\(columns),,")
    }

    /// How the money comes back, as (amount, days after approval) parts: on time, late, in two parts, not
    /// yet, or too much.
    private static func drawRefundParts(
        of refund: GeneratedRefund, currency: GeneratedCurrency,
        _ rng: inout Random
    ) -> [(amount: Int64, daysAfterApproval: Int)] {
        let expected = refund.expected
        switch rng.below(100) {
        case 0..<75: return [(expected, 2 + rng.below(25))]
        case 75..<83: return [(expected, 30 + rng.below(20))]
        case 83..<90: return [(expected / 2, 3 + rng.below(8)), (expected - expected / 2, 12 + rng.below(12))]
        case 90..<99: return []
        default: return [(expected, 4), (Int64(currency.scale), 6)]
        }
    }

    /// One refund payment: linked by the order (six in ten), by the charge, or by nothing; now and then to
    /// another card or in another currency, or damaged (an amount that is not one).
    private func refundLine(
        _ order: GeneratedOrder, number: Int, amount: Int64, on day: CivilDate,
        _ rng: inout Random
    ) -> String {
        let link = rng.below(100)
        let method = rng.chance(0.01) ? "card:\(String(rng.below(10_000)).leftPadded(4))" : order.method
        let code = order.currency.code
        let currency = rng.chance(0.003) ? (code == "EUR" ? "USD" : "EUR") : code
        let reference = link < 60 ? "\(order.id)," : (link < 85 ? ",\(order.charge)" : ",")
        let bad = rng.chance(damagedShare)
        let time = "\(day)T\(String(8 + rng.below(12)).leftPadded(2)):30:00Z"
        let written = bad ? "\"-1,5\"" : "-" + Money.format(amount, decimals: order.currency.decimals)
        return "R\(order.number)-\(number),refund,\(time),\(written),\(currency),\(method),\(reference),"
    }

    /// A second order like `order` with the same open refund, and a refund that names neither.
    private static func writeTwin(
        of order: GeneratedOrder, refund: GeneratedRefund,
        to files: inout GeneratedFiles
    ) throws {
        let n = order.number
        let code = order.currency.code
        try files.order(
            "\(order.id)t,\(order.placed)T12:00:00Z,\(code),\(order.total),\(order.method),"
                + "\(order.country),\(order.sellerType),Customer \(n)t,,,"
                + "\(refund.requestedAt),\(refund.approvedAt),\(refund.amountColumn)")
        let expected = Money.format(refund.expected, decimals: order.currency.decimals)
        try files.payment(
            "A\(n),refund,\(refund.approvedOn.adding(days: 3))T12:00:00Z,\(expected),\(code),"
                + "\(order.method),,,")
    }
}

/// The two files being generated, and how many rows each has been given.
private struct GeneratedFiles {
    private let ordersFile: OutputFile
    private let paymentsFile: OutputFile
    private var orders: LineBuffer
    private var payments: LineBuffer
    private var counts = InputGenerator.Counts()

    /// Opens both files and writes their headers: SPEC's canonical columns, in their order, the orders' up
    /// to `refund_amount` (the generated orders say nothing of capture or refunds made by the store), the
    /// payments' up to `status` (nor do the generated charges record an amount refunded of them).
    init(ordersPath: String, paymentsPath: String) throws {
        ordersFile = try OutputFile(path: ordersPath)
        paymentsFile = try OutputFile(path: paymentsPath)
        orders = LineBuffer(sink: ordersFile)
        payments = LineBuffer(sink: paymentsFile)
        try orders.line(
            SourceKind.orders.columns.prefix(through: CanonicalColumn.refundAmount.position).joined(separator: ","))
        try payments.line(
            SourceKind.payments.columns.prefix(through: CanonicalColumn.paymentStatus.position).joined(separator: ","))
    }

    /// The order rows written so far.
    var orderCount: Int { counts.orders }

    mutating func order(_ line: String) throws {
        try orders.line(line)
        counts.orders += 1
    }

    mutating func payment(_ line: String) throws {
        try payments.line(line)
        counts.payments += 1
    }

    /// Writes what is buffered and closes both files; the rows and bytes written.
    mutating func close() throws -> InputGenerator.Counts {
        try orders.flush()
        try payments.flush()
        try ordersFile.close()
        try paymentsFile.close()
        counts.bytes = ordersFile.bytesWritten + paymentsFile.bytesWritten
        return counts
    }
}

/// Collects text lines and writes them in large blocks.
struct LineBuffer {
    let sink: ByteSink
    var bytes: [UInt8] = []

    init(sink: ByteSink) {
        self.sink = sink
        bytes.reserveCapacity(1 << 20)
    }

    mutating func line(_ text: String) throws {
        bytes.append(contentsOf: text.utf8)
        bytes.append(10)
        if bytes.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try sink.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

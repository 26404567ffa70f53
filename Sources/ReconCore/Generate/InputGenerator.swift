/// Writes realistic canonical inputs of any size for benchmarks and tests, the same bytes for the same
/// seed: currencies with 0, 2 and 3 decimals, cancellations and approved refunds refunded on time, late,
/// in parts or not at all, refunds linked by reference, by order or by nothing (the amount tier), every
/// flag, and a small share of damaged rows.
public struct InputGenerator {
    public var orders: Int
    public var seed: UInt64
    /// Share of rows written damaged (a bad date or amount), rejected on reading.
    public var damagedShare = 0.001
    /// The night the data is meant for; events are dated before it.
    public let asOf = CivilDate(iso: "2026-06-30")!

    public init(orders: Int, seed: UInt64) {
        self.orders = orders
        self.seed = seed
    }

    public struct Counts: Sendable {
        public var orders = 0
        public var payments = 0
        public var bytes = 0
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

    static let currencies: [(code: String, decimals: Int, weight: Int, scale: Int)] = [
        ("USD", 2, 80, 100), ("EUR", 2, 8, 100), ("JPY", 0, 6, 1), ("KWD", 3, 3, 1000), ("GBP", 2, 3, 100),
    ]
    static let countries = ["US", "US", "US", "GB", "DE", "BR", "JP", "FR"]

    public func write(ordersTo ordersPath: String, paymentsTo paymentsPath: String) throws -> Counts {
        let ordersFile = try OutputFile(path: ordersPath)
        let paymentsFile = try OutputFile(path: paymentsPath)
        var o = LineBuffer(sink: ordersFile)
        var p = LineBuffer(sink: paymentsFile)
        try o.line("order_id,placed_at,currency,total,payment_method,country,seller_type,customer,status,cancel_approved_at,refund_requested_at,refund_approved_at,refund_amount")
        try p.line("payment_id,type,created_at,amount,currency,payment_method,order_id,original_payment_id,status")
        var rng = Random(state: seed)
        var counts = Counts()
        let start = asOf.adding(days: -270)
        for n in 0..<orders {
            var pick = rng.below(100)
            let currency = Self.currencies.first { pick -= $0.weight; return pick < 0 }!
            // 200–30,200 yen; 2–302 of a currency with decimals, cents (or fils) and all.
            let minor = currency.decimals == 0 ? Int64(200 + rng.below(30_000))
                : Int64(2 + rng.below(300)) * Int64(currency.scale) + Int64(rng.below(currency.scale))
            let total = Money.format(minor, decimals: currency.decimals)
            let placed = start.adding(days: rng.below(262))
            let method = rng.chance(0.1) ? "paypal:buyer\(rng.below(50_000))@example.com" : "card:\(String(rng.below(10_000)).leftPadded(4))"
            let country = Self.countries[rng.below(Self.countries.count)]
            let seller = rng.chance(0.4) ? "choice" : "standard"
            let id = "O\(n)"
            var cancel = "", requested = "", approved = "", refundAmount = ""
            var expected = minor
            var approvedOn: CivilDate?
            if rng.chance(0.3) {
                if rng.chance(0.4) {
                    approvedOn = placed.adding(days: rng.below(3))
                    cancel = "\(approvedOn!)T\(String(8 + rng.below(10)).leftPadded(2)):15:00Z"
                } else {
                    let requestedOn = placed.adding(days: rng.chance(0.03) ? 95 + rng.below(30) : 5 + rng.below(40))
                    approvedOn = requestedOn.adding(days: 1 + rng.below(3))
                    requested = "\(requestedOn)T10:00:00Z"
                    approved = "\(approvedOn!)T16:30:00Z"
                    if rng.chance(0.3) {
                        expected = max(1, minor * Int64(30 + rng.below(50)) / 100)
                        refundAmount = Money.format(expected, decimals: currency.decimals)
                    }
                }
                if approvedOn! > asOf { cancel = ""; requested = ""; approved = ""; refundAmount = ""; approvedOn = nil }
            }
            let damaged = rng.chance(damagedShare)
            try o.line("\(id),\(damaged ? "2026-02-30" : "\(placed)T\(String(rng.below(24)).leftPadded(2)):00:00Z"),\(currency.code),\(total),\(method),\(country),\(seller),Customer \(n),,\(cancel),\(requested),\(approved),\(refundAmount)")
            counts.orders += 1

            let charge = "C\(n)"
            if rng.chance(0.03) {
                try p.line("\(charge)x,charge,\(placed)T09:00:00Z,\(total),\(currency.code),\(method),\(id),,failed")
                counts.payments += 1
            }
            try p.line("\(charge),charge,\(placed)T09:05:00Z,\(total),\(currency.code),\(method),\(id),,")
            counts.payments += 1

            guard let approvedOn else { continue }
            // How the money comes back: on time, late, in two parts, not yet, or too much.
            let outcome = rng.below(100)
            var parts: [(Int64, Int)] = []
            switch outcome {
            case 0..<75: parts = [(expected, 2 + rng.below(25))]
            case 75..<83: parts = [(expected, 30 + rng.below(20))]
            case 83..<90: parts = [(expected / 2, 3 + rng.below(8)), (expected - expected / 2, 12 + rng.below(12))]
            case 90..<99: parts = []
            default: parts = [(expected, 4), (Int64(currency.scale), 6)]
            }
            for (i, (amount, after)) in parts.enumerated() {
                let day = approvedOn.adding(days: after)
                guard day <= asOf, amount > 0 else { continue }
                let link = rng.below(100)
                let refundMethod = rng.chance(0.01) ? "card:\(String(rng.below(10_000)).leftPadded(4))" : method
                let refundCurrency = rng.chance(0.003) ? (currency.code == "EUR" ? "USD" : "EUR") : currency.code
                let reference = link < 60 ? "\(id)," : (link < 85 ? ",\(charge)" : ",")
                let bad = rng.chance(damagedShare)
                try p.line("R\(n)-\(i),refund,\(day)T\(String(8 + rng.below(12)).leftPadded(2)):30:00Z,\(bad ? "\"-1,5\"" : "-" + Money.format(amount, decimals: currency.decimals)),\(refundCurrency),\(refundMethod),\(reference),")
                counts.payments += 1
            }
            if rng.chance(0.002) {
                try p.line("U\(n),refund,\(approvedOn)T12:00:00Z,7.77,USD,card:0000,,,")
                counts.payments += 1
            }
            // Now and then a twin: the same open case twice, and a refund naming neither (ambiguous_match).
            if parts.isEmpty && cancel.isEmpty && rng.chance(0.2) {
                try o.line("\(id)t,\(placed)T12:00:00Z,\(currency.code),\(total),\(method),\(country),\(seller),Customer \(n)t,,,\(requested),\(approved),\(refundAmount)")
                try p.line("A\(n),refund,\(approvedOn.adding(days: 3))T12:00:00Z,\(Money.format(expected, decimals: currency.decimals)),\(currency.code),\(method),,,")
                counts.orders += 1
                counts.payments += 1
            }
        }
        try o.flush()
        try p.flush()
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

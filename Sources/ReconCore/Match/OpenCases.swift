/// Tier 3's refund cases: each case's approval and outstanding amount, in arrays by the case's slot sized
/// once (a dictionary by order would hold a hashed key and a bucket for each case), and the open ones
/// (outstanding above zero) indexed by (currency, outstanding), each list in order-id order, so that a refund
/// looks up its candidates instead of scanning every case. With a rate file, the open cases are also filed
/// by currency in order of outstanding amount, where a refund in another currency looks up the range of
/// amounts its converted amount may be within the tolerance of.
struct OpenCases {
    struct Key: Hashable {
        var currency: Currency
        var amount: Int64
    }

    /// An open case as a refund's search reads it: beside its order, what the search compares.
    private struct Entry {
        var order: Int32
        var approvedOn: CivilDate
        var method: TextCode
    }

    private let orders: [Order]
    /// The run's texts, in which an error finds the files of the rows it names.
    private let texts: RunTexts
    /// The orders with a case, each's slot its place among them (a bit an order, where a slot number for
    /// every order took four bytes).
    private let withCase: KeptPositions
    private var approvedOn: [CivilDate] = []
    private var outstanding: [Int64] = []
    private var open: [Key: [Entry]] = [:]
    /// By currency, the open cases as (outstanding, order) in increasing order; an entry whose case's
    /// outstanding has changed since is stale and passed over.
    private var byAmount: [Currency: [(amount: Int64, order: Int32)]] = [:]

    init(orders: [Order], texts: RunTexts) {
        self.orders = orders
        self.texts = texts
        withCase = KeptPositions(count: orders.count) { RefundCase(order: orders[$0]) != nil }
        approvedOn.reserveCapacity(withCase.keptCount)
        outstanding.reserveCapacity(withCase.keptCount)
        for order in orders {
            guard let c = RefundCase(order: order) else { continue }
            approvedOn.append(c.approvedOn)
            outstanding.append(c.expected)
        }
    }

    /// Whether `order` has a refund case.
    func hasCase(_ order: Int) -> Bool { withCase.isKept(order) }

    /// Takes `amount` (what a refund linked in tier 1 or 2 counts for) off its order's outstanding amount,
    /// before the index is built. An order's refunds that sum past `Int64.max` stop the run (see `subtract`).
    mutating func count(_ amount: Int64, of refund: Payment, toward order: Int) throws {
        outstanding[slot(order)] = try subtract(amount, of: refund, from: order)
    }

    /// What `order`'s case still owes.
    func outstanding(of order: Int) -> Int64 { outstanding[slot(order)] }

    /// Indexes the open cases, only under the keys in `wanted` (those of the refunds left for tier 3: no
    /// other key is ever looked up, and a case whose outstanding changes later was found under such a key,
    /// and goes under its new amount); and, `acrossCurrencies`, every open case by currency and amount.
    mutating func index(wanted: Set<Key>, acrossCurrencies: Bool) {
        for order in orders.indices where withCase.isKept(order) && outstanding[slot(order)] > 0 {
            let key = Key(currency: orders[order].currency, amount: outstanding[slot(order)])
            if wanted.contains(key) { open[key, default: []].append(entry(order)) }
            if acrossCurrencies { byAmount[key.currency, default: []].append((key.amount, Int32(order))) }
        }
        let (orders, ids) = (orders, texts.ids)
        for key in open.keys { open[key]!.sort { ids.precedes(orders[Int($0.order)].id, orders[Int($1.order)].id) } }
        for currency in byAmount.keys { byAmount[currency]!.sort { $0.amount < $1.amount } }
    }

    /// The open cases a refund of `key` made on `day` with `method` may reverse: approved by `day`, with a
    /// method that does not differ (codes are equal exactly when the texts are; 0 is unknown). Returns how
    /// many there are and the first `limit` orders by order id.
    func candidates(_ key: Key, madeOn day: CivilDate, method: TextCode, limit: Int) -> (count: Int, first: [Int]) {
        guard let entries = open[key] else { return (0, []) }
        var count = 0
        var first: [Int] = []
        for e in entries where fits(e, madeOn: day, method: method) {
            if count < limit { first.append(Int(e.order)) }
            count += 1
        }
        return (count, first)
    }

    /// The open cases in other currencies than `refund`'s that it may reverse: approved by `day`, with a
    /// method that does not differ, whose outstanding amount the refund, converted at `day`'s rates, is
    /// within the tolerance of; with each one's conversion, in order-id order.
    func candidates(across refund: Payment, madeOn day: CivilDate, converter: CurrencyConverter)
        -> [(order: Int, conversion: Conversion)]
    {
        var found: [(order: Int, conversion: Conversion)] = []
        for (currency, entries) in byAmount where currency != refund.currency {
            guard let conversion = converter.convert(refund.amount, from: refund.currency, to: currency, on: day)
            else { continue }
            let amounts = converter.owedAmounts(near: conversion.amount)
            var i = firstIndex(in: entries, atLeast: amounts.lowerBound)
            while i < entries.count, entries[i].amount <= amounts.upperBound {
                let (amount, order) = (entries[i].amount, Int(entries[i].order))
                i += 1
                guard outstanding[slot(order)] == amount, converter.isWithinTolerance(conversion.amount, of: amount),
                    fits(entry(order), madeOn: day, method: refund.methodCode)
                else { continue }
                found.append((order, conversion))
            }
        }
        return found.sorted { precedes($0.order, $1.order) }
    }

    /// The first position in `entries` (in increasing amount) whose amount is at least `amount`.
    private func firstIndex(in entries: [(amount: Int64, order: Int32)], atLeast amount: Int64) -> Int {
        var (low, high) = (0, entries.count)
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].amount < amount { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether a refund made on `day` with `method` may reverse the case of `e`: approved by `day`, and a
    /// method that does not differ (codes are equal exactly when the texts are; 0 is unknown).
    private func fits(_ e: Entry, madeOn day: CivilDate, method: TextCode) -> Bool {
        e.approvedOn <= day && (e.method == .none || method == .none || e.method == method)
    }

    /// Links a tier-3 refund to `order`, where it counts for `amount`: its case's outstanding drops at once,
    /// and an amount still open goes under its new key, in order-id order, and among its currency's amounts.
    mutating func settle(_ amount: Int64, of refund: Payment, toward order: Int) throws {
        let currency = orders[order].currency
        let key = Key(currency: currency, amount: outstanding[slot(order)])
        open[key]?.removeAll { $0.order == Int32(order) }
        let left = try subtract(amount, of: refund, from: order)
        outstanding[slot(order)] = left
        guard left > 0 else { return }
        let newKey = Key(currency: currency, amount: left)
        var list = open.removeValue(forKey: newKey) ?? []
        var (low, high) = (0, list.count)
        while low < high {
            let mid = (low + high) / 2
            if precedes(Int(list[mid].order), order) { low = mid + 1 } else { high = mid }
        }
        list.insert(entry(order), at: low)
        open[newKey] = list
        if let entries = byAmount[currency] {
            byAmount[currency]!.insert((left, Int32(order)), at: firstIndex(in: entries, atLeast: left))
        }
    }

    private func slot(_ order: Int) -> Int { withCase.newPosition(order) }

    /// Whether the order at `a` comes before the one at `b` in order-id order.
    private func precedes(_ a: Int, _ b: Int) -> Bool { texts.ids.precedes(orders[a].id, orders[b].id) }

    private func entry(_ order: Int) -> Entry {
        Entry(order: Int32(order), approvedOn: approvedOn[slot(order)], method: orders[order].methodCode(in: texts))
    }

    /// `order`'s outstanding less `amount`, what `refund` counts for. Each amount is at most
    /// `MoneyParser.maximumAmount`, so only an order with thousands of such refunds can leave `Int64`; that
    /// stops the run, naming the order and the refund, rather than wrapping or trapping.
    private func subtract(_ amount: Int64, of refund: Payment, from order: Int) throws -> Int64 {
        let (left, overflow) = outstanding[slot(order)].subtractingReportingOverflow(amount)
        if overflow {
            throw ReconError.sumTooLarge(
                what: "refunds linked to order \(texts.id(orders[order].id))",
                rows: [texts.inputLine(orders[order].source), texts.inputLine(refund.source)])
        }
        return left
    }
}

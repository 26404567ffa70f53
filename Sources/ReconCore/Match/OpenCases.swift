/// Tier 3's refund cases: each case's approval and outstanding amount, in arrays by the case's slot sized
/// once (a dictionary by order would hold a hashed key and a bucket for each case), and the open ones
/// (outstanding above zero) indexed by (currency, outstanding), each list in order-id order, so that a refund
/// looks up its candidates instead of scanning every case.
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
    private var slotOfOrder: [Int32]
    private var approvedOn: [CivilDate] = []
    private var outstanding: [Int64] = []
    private var open: [Key: [Entry]] = [:]

    init(orders: [Order], texts: RunTexts) {
        self.orders = orders
        self.texts = texts
        slotOfOrder = [Int32](repeating: -1, count: orders.count)
        let caseCount = orders.lazy.filter { RefundCase(order: $0) != nil }.count
        approvedOn.reserveCapacity(caseCount)
        outstanding.reserveCapacity(caseCount)
        for (i, order) in orders.enumerated() {
            guard let c = RefundCase(order: order) else { continue }
            slotOfOrder[i] = Int32(approvedOn.count)
            approvedOn.append(c.approvedOn)
            outstanding.append(c.expected)
        }
    }

    /// Whether `order` has a refund case.
    func hasCase(_ order: Int) -> Bool { slotOfOrder[order] >= 0 }

    /// Takes a refund linked in tier 1 or 2 off its order's outstanding amount, before the index is built.
    /// An order's refunds that sum past `Int64.max` stop the run (see `subtract`).
    mutating func count(_ refund: Payment, toward order: Int) throws {
        outstanding[slot(order)] = try subtract(refund, from: order)
    }

    /// Indexes the open cases, only under the keys in `wanted` (those of the refunds left for tier 3: no
    /// other key is ever looked up, and a case whose outstanding changes later was found under such a key,
    /// and goes under its new amount).
    mutating func index(wanted: Set<Key>) {
        for (order, s) in slotOfOrder.enumerated() where s >= 0 && outstanding[Int(s)] > 0 {
            let key = Key(currency: orders[order].currency, amount: outstanding[Int(s)])
            if wanted.contains(key) { open[key, default: []].append(entry(order)) }
        }
        for key in open.keys { open[key]!.sort { orders[Int($0.order)].id < orders[Int($1.order)].id } }
    }

    /// The open cases a refund of `key` made on `day` with `method` may reverse: approved by `day`, with a
    /// method that does not differ (codes are equal exactly when the texts are; 0 is unknown). Returns how
    /// many there are and the first `limit` orders by order id.
    func candidates(_ key: Key, madeOn day: CivilDate, method: TextCode, limit: Int) -> (count: Int, first: [Int]) {
        guard let entries = open[key] else { return (0, []) }
        let unknown = TextCode.none
        var count = 0
        var first: [Int] = []
        for e in entries where e.approvedOn <= day && (e.method == unknown || method == unknown || e.method == method) {
            if count < limit { first.append(Int(e.order)) }
            count += 1
        }
        return (count, first)
    }

    /// Links a tier-3 refund to `order`: its case's outstanding drops at once, and an amount still open
    /// goes under its new key, in order-id order.
    mutating func settle(_ refund: Payment, toward order: Int) throws {
        let key = Key(currency: refund.currency, amount: outstanding[slot(order)])
        open[key]?.removeAll { $0.order == Int32(order) }
        let left = try subtract(refund, from: order)
        outstanding[slot(order)] = left
        guard left > 0 else { return }
        let newKey = Key(currency: refund.currency, amount: left)
        let id = orders[order].id
        var list = open.removeValue(forKey: newKey) ?? []
        var (low, high) = (0, list.count)
        while low < high {
            let mid = (low + high) / 2
            if orders[Int(list[mid].order)].id < id { low = mid + 1 } else { high = mid }
        }
        list.insert(entry(order), at: low)
        open[newKey] = list
    }

    private func slot(_ order: Int) -> Int { Int(slotOfOrder[order]) }

    private func entry(_ order: Int) -> Entry {
        Entry(order: Int32(order), approvedOn: approvedOn[slot(order)], method: orders[order].methodCode)
    }

    /// `order`'s outstanding less the refund. Each amount is at most `MoneyParser.maximumAmount`, so only an
    /// order with thousands of such refunds can leave `Int64`; that stops the run, naming the order and the
    /// refund, rather than wrapping or trapping.
    private func subtract(_ refund: Payment, from order: Int) throws -> Int64 {
        let (left, overflow) = outstanding[slot(order)].subtractingReportingOverflow(refund.amount)
        if overflow {
            throw ReconError.sumTooLarge(
                what: "refunds linked to order \(orders[order].id)",
                rows: [texts.inputLine(orders[order].source), texts.inputLine(refund.source)])
        }
        return left
    }
}

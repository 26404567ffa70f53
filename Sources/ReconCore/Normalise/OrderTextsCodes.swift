/// The codes of the order texts that the orders taken so far have, for the one thread that takes them: a
/// table without a lock, where each row's four texts find their code, and the run's texts are asked for a
/// new code only by texts not seen before.
struct OrderTextsCodes {
    private struct Entry: ProbeEntry {
        var texts = OrderTexts(method: .none, country: .none, sellerType: .none, status: .none)
        var code = OrderTexts.Code.unassigned
        var isEmpty: Bool { code == .unassigned }
        var hash: UInt64 { texts.hash }
    }

    private var table = ProbeTable<Entry>()

    /// Asks the CPU for where `code` will look for texts of this hash (`OrderTexts.hash`).
    func prefetch(_ hash: UInt64) { table.prefetch(hash) }

    /// The code of `orderTexts`, new in `texts` the first time they are seen; `hash` is theirs.
    mutating func code(_ orderTexts: OrderTexts, hash: UInt64, in texts: RunTexts) -> OrderTexts.Code {
        var i = table.firstSlot(hash)
        while !table[i].isEmpty {
            if table[i].texts == orderTexts { return table[i].code }
            i = table.nextSlot(i)
        }
        let code = texts.add(orderTexts)
        table.insert(Entry(texts: orderTexts, code: code))
        return code
    }
}

/// A record that another names by id, in four bytes: its position among the records when they have the
/// id by the time it is read, else the id itself as a `TextCode`, else none. Orders are read before
/// payments, so a payment's order is a position unless no order has the id; a refund's original is a
/// position when the original came earlier in the payments, as it usually does. Either way a payment holds
/// four bytes instead of an 8-byte `RecordId`, and the run's text table only the ids left over.
package struct Reference<Record: Identified>: Sendable, Hashable {
    /// A position from 0 up; -1 for none; from -2 down, the id's text code -2 - number.
    private let value: Int32

    package static var none: Reference { Reference(value: -1) }

    private init(value: Int32) { self.value = value }

    /// The record at `position` among the records.
    init(position: Int) {
        precondition(position >= 0 && position < Int(Int32.max), "more records than a reference holds")
        value = Int32(position)
    }

    /// An id not found among the records (when it was read), coded in `texts`.
    init(unresolvedId id: String, texts: RunTexts) {
        let number = texts.code(id).number
        precondition(number < UInt32(Int32.max) - 1, "more distinct texts than a reference holds")
        value = -2 - Int32(number)
    }

    /// The record `id` names: by its position when `index` has it, else by the id; none for no id.
    init(naming id: HashedText?, in index: IdIndex<Record>, texts: RunTexts) where Record: Sendable {
        guard let id else {
            self = .none
            return
        }
        self = index[id].map(Reference.init(position:)) ?? Reference(unresolvedId: id.text, texts: texts)
    }

    /// The record at `position` when the records have its id, else the record `id` names; none for neither.
    init(position: Int?, orId id: String?, texts: RunTexts) {
        if let position {
            self.init(position: position)
        } else {
            self = id.map { Reference(unresolvedId: $0, texts: texts) } ?? .none
        }
    }

    /// The same reference once the records have moved: a position goes to `newPosition(position)`.
    func renumbered(_ newPosition: (Int) -> Int) -> Reference {
        position.map { Reference(position: newPosition($0)) } ?? self
    }

    /// The position among the records, when they had the id.
    package var position: Int? { value >= 0 ? Int(value) : nil }

    /// The id, as a text code, when the records did not have it.
    var unresolvedId: TextCode? { value <= -2 ? TextCode(number: UInt32(-2 - value)) : nil }

    /// The id named, found among `records` (those this reference was made against) when they had it, else
    /// in the run's `texts`.
    package func id(in records: [Record], texts: RunTexts) -> String? {
        if let position { return texts.id(records[position].id) }
        return unresolvedId.flatMap(texts.text)
    }
}

package typealias OrderReference = Reference<Order>
package typealias PaymentReference = Reference<Payment>

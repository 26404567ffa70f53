/// The texts one run holds by number: the short texts its rows repeat (`TextCode`s: payment methods,
/// countries, seller types, statuses, ids no record had), the four of them each order holds as one
/// (`OrderTexts`), the ids of its orders and payments that a `RecordId` cannot hold in itself (`ids`), and
/// the paths of its inputs (`RowSource`s). Made
/// with the run's normalisers and handed on in its result, so that two runs in one process never share
/// numbers, and dropped with the result. Whatever turns a code into text asks the run's table.
package final class RunTexts: Sendable {
    private let codes = TextNumbering(reserving: 1)
    private let paths = TextNumbering()
    private let orderTexts = Locked<[OrderTexts]>([])
    /// The orders' and payments' ids, read and compared here.
    package let ids = IdArena()

    package init() {}

    /// The code of `text`, which is added to the table the first time it is seen; nil is `TextCode.none`.
    func code(_ text: String?) -> TextCode { text.map { TextCode(number: codes.number(of: $0)) } ?? .none }

    /// The text `code` stands for (nil for `TextCode.none`).
    package func text(_ code: TextCode) -> String? { code.number == 0 ? nil : codes.text(code.number) }

    /// The text of an order's or payment's id.
    package func id(_ id: RecordId) -> String { ids.text(id) }

    /// A new code for an order's four texts, which the table did not have (`OrderTextsCodes` knows which
    /// it has: the codes are given by the one thread that takes the orders).
    func add(_ texts: OrderTexts) -> OrderTexts.Code {
        orderTexts.withLock { all in
            precondition(all.count < Int(UInt32.max), "more distinct order texts than a 4-byte number holds")
            all.append(texts)
            return OrderTexts.Code(number: UInt32(all.count - 1))
        }
    }

    /// The four texts of an order that `code` stands for.
    func orderTexts(_ code: OrderTexts.Code) -> OrderTexts { orderTexts.withLock { $0[Int(code.number)] } }

    /// The number of an input's `path`, for its rows' `RowSource`s; a run reads at most 65,535 files.
    func fileNumber(of path: String) -> UInt16 {
        let number = paths.number(of: path)
        precondition(number <= UInt16.max, "more than 65,535 input files in one run")
        return UInt16(number)
    }

    /// The path of the file a row came from.
    package func file(_ source: RowSource) -> String { paths.text(UInt32(source.fileNumber)) }

    /// The file and line a row came from.
    package func inputLine(_ source: RowSource) -> InputLine { InputLine(file: file(source), line: source.line) }
}

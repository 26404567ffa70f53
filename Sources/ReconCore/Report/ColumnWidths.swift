/// How wide a cell's value shows, in Excel's width unit (the width of a digit): a column at least this wide
/// (plus padding) never shows `###` for a number or date and never cuts a text.
enum RenderedWidth {
    /// `USD 1,234,567.89` as the money format `[$USD] #,##0.00` shows it; a minus sign before a negative.
    static func money(_ minorUnits: Int64, _ currency: Currency) -> Int {
        let digits = digitCount(minorUnits.magnitude)
        let whole = max(1, digits - currency.minorUnit)
        let separators = (whole - 1) / 3
        let decimals = currency.minorUnit == 0 ? 0 : currency.minorUnit + 1
        return currency.code.count + 1 + whole + separators + decimals + (minorUnits < 0 ? 1 : 0)
    }

    /// A text's characters, those of East Asian scripts (which take two digits' room) counted twice.
    static func text(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    /// The width of `text` on at most two lines, broken at the space that makes the longer line shortest.
    static func twoLines(_ text: String) -> Int {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { Self.text(String($0)) }
        var widest = Self.text(text)
        var before = 0
        for i in words.indices.dropLast() {
            before += words[i] + (i > 0 ? 1 : 0)
            let after = words[(i + 1)...].reduce(0, +) + words.count - i - 2
            widest = min(widest, max(before, after))
        }
        return widest
    }

    static func of(_ cell: Cell) -> Int {
        switch cell {
        case .text(let s): return text(s)
        case .date: return 10
        case .money(let v, let currency): return money(v, currency)
        case .amount(let v, let currency): return money(v, currency) - currency.code.count - 1
        case .integer(let n): return digitCount(n.magnitude) + (n < 0 ? 1 : 0)
        case .count(let n):
            let digits = digitCount(n.magnitude)
            return digits + (digits - 1) / 3 + (n < 0 ? 1 : 0)
        case .decimal(let d): return d.description.utf8.count
        case .empty: return 0
        }
    }

    /// The lines `text` takes wrapped at `width` characters: at spaces, a longer word broken, a line feed kept.
    static func lines(_ text: String, width: Int) -> Int {
        guard text.utf8.count > width else { return 1 }
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, paragraph in
            var lines = 1
            var used = 0
            for word in paragraph.split(separator: " ").map({ Self.text(String($0)) }) {
                let needed = used == 0 ? word : used + 1 + word
                if needed <= width {
                    used = needed
                } else {
                    lines += used == 0 ? 0 : 1
                    lines += (word - 1) / width
                    used = (word - 1) % width + 1
                }
            }
            return total + lines
        }
    }

    /// The decimal digits of `n` (one for 0), counted without making a string: every money cell is measured.
    static func digitCount<N: UnsignedInteger>(_ n: N) -> Int {
        var count = 1
        var rest = n / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Hangul, CJK, kana and full-width forms: the scripts a spreadsheet draws two digits wide.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// A sheet's column widths, grown to the widest value each column holds as the cells are written.
struct ColumnWidths {
    /// Room beside a value: a cell's own padding, and the indent of text.
    static let numberPadding = 2.0
    static let textPadding = 3.0
    /// A line of 11-point text, in points.
    static let linePoints = 15.0
    /// Room a bold header takes more than plain text, and its filter button.
    static let headerFactor = 1.1
    static let filterButton = 3.0

    private(set) var widths: [Double]
    /// The widest a column grows; wider text wraps or is cut, numbers never are.
    private var caps: [Double]

    init(floors: [Double], caps: [Double]) {
        widths = floors
        self.caps = caps
    }

    /// Adds columns until there are `count`, each as wide as `floor` to start with and at most `cap`.
    mutating func extend(to count: Int, floor: Double, cap: Double) {
        guard count > widths.count else { return }
        caps += repeatElement(cap, count: count - widths.count)
        widths += repeatElement(floor, count: count - widths.count)
    }

    /// Room for `title` as a bold header in column `c`: on one line, or wrapped on two at most, with a filter
    /// button unless `filtered` is false.
    mutating func fit(header title: String, at c: Int, filtered: Bool = true, wrapped: Bool = true) {
        let text = wrapped ? RenderedWidth.twoLines(title) : RenderedWidth.text(title)
        let needed = (Double(text) * Self.headerFactor).rounded(.up) + (filtered ? Self.filterButton : Self.textPadding)
        widths[c] = max(widths[c], min(caps[c], needed))
    }

    mutating func fit(_ cell: Cell, at c: Int) {
        switch cell {
        case .empty: return
        case .text(let s):
            // Never wider than its UTF-8 bytes: count the characters only when those could widen the column.
            guard Double(s.utf8.count) + Self.textPadding > widths[c], widths[c] < caps[c] else { return }
            widths[c] = max(widths[c], min(caps[c], Double(RenderedWidth.text(s)) + Self.textPadding))
        case .date, .money, .amount, .integer, .count, .decimal:
            widths[c] = max(widths[c], Double(RenderedWidth.of(cell)) + Self.numberPadding)
        }
    }
}

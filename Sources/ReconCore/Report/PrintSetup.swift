import Foundation

/// How a sheet prints: landscape, a header (sheet, pipeline, as-of) and a footer (page X of Y) on every page,
/// its header row and key columns repeated, and a scale that never makes text smaller than about 8 pt.
package struct PrintSetup: Equatable, Sendable {
    package enum Scale: Equatable, Sendable {
        /// One page wide, as many tall as the rows take.
        case fitToWidth
        /// Everything on one page.
        case onePage
        /// This percentage; a wider sheet continues on pages to the right.
        case percent(Int)
    }

    package var scale: Scale
    /// Landscape unless the sheet fits a page larger upright.
    package var portrait = false
    /// Rows repeated at the top of every printed page (the header row), if any.
    package var repeatedRows: ClosedRange<Int>?
    /// Columns repeated at the left of every printed page (the key id), if any.
    package var repeatedColumns: ClosedRange<Int>?
    /// `&A` the sheet's name, `&P` the page, `&N` the pages.
    package var header: String
    package var footer: String

    /// The smallest scale printed: 11 pt text at 75% is a little over 8 pt.
    static let smallestPercent = 75
    /// A landscape Letter page's printable width at 100%, in pixels (11 inches less 0.7-inch margins
    /// each side, at 96 pixels an inch); A4 is wider, so a sheet that fits Letter fits A4.
    static let printableWidthPixels = 921.0

    /// A landscape Letter page's printable height at 100%, in pixels: 8.5 inches less 0.75-inch margins. An
    /// upright page is taken as this wide and `printableWidthPixels` tall (it is a little more of each).
    static let printableHeightPixels = 672.0

    /// The header and footer of every sheet of a run of `pipeline` as of `asOf`.
    init(pipeline: String, asOf: CivilDate) {
        scale = .fitToWidth
        header = "&L&A&C" + Self.escaped(pipeline) + "&RAs of \(asOf)"
        footer = "&LRefund reconciliation&RPage &P of &N"
    }

    /// A detail sheet whose columns are `widths` wide (Excel's units), with its key column at `keyColumn`:
    /// one page wide when that prints at `smallestPercent` or more; else at that scale, the columns up
    /// to the key repeated on every page.
    func forDetailSheet(widths: [Double], keyColumn: Int) -> PrintSetup {
        var setup = self
        setup.repeatedRows = 0...0
        let percent = Self.fittingPercent(widths: widths)
        if percent >= Self.smallestPercent {
            setup.scale = .fitToWidth
        } else {
            setup.scale = .percent(Self.smallestPercent)
            setup.repeatedColumns = 0...keyColumn
        }
        return setup
    }

    /// The Summary, `pixels` wide and tall at 100%: everything on one page, upright when that prints it larger.
    func forSummary(width: Double, height: Double) -> PrintSetup {
        var setup = self
        setup.scale = .onePage
        let landscape = min(Self.printableWidthPixels / width, Self.printableHeightPixels / height)
        let upright = min(Self.printableHeightPixels / width, Self.printableWidthPixels / height)
        setup.portrait = upright > landscape
        return setup
    }

    /// The largest whole percentage at which columns `widths` wide fit one landscape page's width.
    static func fittingPercent(widths: [Double]) -> Int {
        let pixels = self.pixels(widths: widths)
        return pixels <= printableWidthPixels ? 100 : Int((printableWidthPixels / pixels * 100).rounded(.down))
    }

    /// Excel draws a column w digits wide (Calibri 11, 7-pixel digits) as 7w + 5 pixels.
    static func pixels(widths: [Double]) -> Double { widths.reduce(0) { $0 + ($1 * 7 + 5).rounded(.down) } }

    /// `text` as a header or footer shows it: `&` written `&&`, at most 100 characters (the whole header
    /// must stay within Excel's 255).
    static func escaped(_ text: String) -> String {
        String(text.prefix(100)).replacingOccurrences(of: "&", with: "&&")
    }
}

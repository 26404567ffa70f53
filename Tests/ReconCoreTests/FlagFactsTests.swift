import Foundation
import Testing

@testable import ReconCore

/// A flag's facts come from `Flag.facts`; the docs are prose, but must name every flag.
@Suite struct FlagFactsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyFlagIsFoundByItsName() {
        for flag in Flag.allCases {
            #expect(Flag(name: flag.name) == flag)
            #expect(Flag(rawValue: flag.name) == flag)
        }
        #expect(Set(Flag.names).count == Flag.allCases.count)
        #expect(Flag(name: "Overdue") == nil && Flag(name: "") == nil && Flag(name: "outOfWindow") == nil)
        #expect(Flag(name: "out_of_window") == .outOfWindow)
    }

    /// SPEC: overdue, late and out_of_window are raised on an order's case; the other five on a refund.
    @Test func sidesAreAsTheContractSays() {
        #expect(Flag.allCases.filter { $0.side == .order } == [.overdue, .late, .outOfWindow])
        #expect(Flag.allCases.filter { $0.side == .refund }.count == 5)
    }

    /// RULES' and README's flag tables have one row per flag, in declaration order, each starting "| `name` |".
    @Test func theDocsTablesListEveryFlag() throws {
        for doc in ["docs/RULES.md", "README.md"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(doc), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(lines.firstIndex { $0.hasPrefix("| `\(Flag.names[0])` |") }, "\(doc)")
            let table = lines[start...].prefix { $0.hasPrefix("| `") }
            #expect(table.map { String($0.dropFirst(3).prefix { $0 != "`" }) } == Flag.names, "\(doc)")
        }
    }
}

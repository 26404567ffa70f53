import ArgumentParser
import Foundation
import ReconCore

/// In the command line's files `@Flag` is ArgumentParser's on/off option, as in its documentation; the
/// flags a run raises are `ReconCore.Flag`.
typealias Flag<Value> = ArgumentParser.Flag<Value>

/// A flag's name on the command line.
extension ReconCore.Flag: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }

    public static var allValueStrings: [String] { names }
}

/// `--fail-on`'s value: flag names separated by commas (`overdue,late`), spaces around them allowed.
struct FlagList: ExpressibleByArgument {
    let flags: [ReconCore.Flag]

    init?(argument: String) {
        var flags: [ReconCore.Flag] = []
        for name in argument.split(separator: ",") {
            guard let flag = ReconCore.Flag(argument: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            flags.append(flag)
        }
        self.flags = flags
    }

    /// The names to choose from, for help and for the message about a name that is not one.
    static var allValueStrings: [String] { ReconCore.Flag.allValueStrings }
}

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

/// `--fail-on`'s value: flag names and watchlist kinds separated by commas (`overdue,dispute_window`), spaces
/// around them allowed. A value naming none is no value: an unset variable in a scheduler's command line
/// (`--fail-on "$FLAGS"`) must not switch the alerts off.
struct FlagList: ExpressibleByArgument {
    let flags: [ReconCore.Flag]
    let watchKinds: [WatchKind]

    init?(argument: String) {
        var flags: [ReconCore.Flag] = []
        var watchKinds: [WatchKind] = []
        for part in argument.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            if let flag = ReconCore.Flag(argument: name) {
                flags.append(flag)
            } else if let kind = WatchKind(rawValue: name) {
                watchKinds.append(kind)
            } else {
                return nil
            }
        }
        guard !flags.isEmpty || !watchKinds.isEmpty else { return nil }
        self.flags = flags
        self.watchKinds = watchKinds
    }

    private init(flags: [ReconCore.Flag], watchKinds: [WatchKind]) {
        self.flags = flags
        self.watchKinds = watchKinds
    }

    /// The names of several `--fail-on`s together, each once, in the order first given.
    static func joined(_ lists: [FlagList]) -> FlagList? {
        guard !lists.isEmpty else { return nil }
        var flags: [ReconCore.Flag] = []
        var watchKinds: [WatchKind] = []
        for list in lists {
            flags += list.flags.filter { !flags.contains($0) }
            watchKinds += list.watchKinds.filter { !watchKinds.contains($0) }
        }
        return FlagList(flags: flags, watchKinds: watchKinds)
    }

    /// The names to choose from, for help and for the message about a name that is not one.
    static var allValueStrings: [String] { ReconCore.Flag.allValueStrings + WatchKind.names }
}

import Foundation

/// Finds the ids `explain` is asked about as people type them: regardless of case and of a leading `#`
/// (Shopify shows order `#1011`, a person types `1011`), and otherwise the ids closest to what was typed.
struct IdLookup {
    /// Every order and payment id of the run, each once, sorted.
    let ids: [String]

    init(ids: some Sequence<String>) {
        self.ids = Array(Set(ids)).sorted()
    }

    /// How many ids a suggestion lists at most.
    static let suggestionCount = 5

    /// An id as compared: lower case, without surrounding spaces and leading `#`s.
    static func key(_ id: String) -> String {
        String(id.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }).lowercased()
    }

    /// The ids that are `typed` but for case and a leading `#`.
    func matches(_ typed: String) -> [String] {
        let key = Self.key(typed)
        return key.isEmpty ? [] : ids.filter { Self.key($0) == key }
    }

    /// Up to `suggestionCount` ids close to `typed`: those that start with it, and those a few edits away
    /// (a third of its length, at least 2), the fewest edits first, then in order.
    func closest(to typed: String) -> [String] {
        let key = Array(Self.key(typed))
        guard !key.isEmpty else { return [] }
        let limit = max(2, key.count / 3)
        var scored: [(edits: Int, id: String)] = []
        for id in ids {
            let candidate = Array(Self.key(id))
            if candidate.starts(with: key) {
                scored.append((candidate.count - key.count, id))
            } else if abs(candidate.count - key.count) <= limit {
                let edits = Self.editDistance(key, candidate)
                if edits <= limit { scored.append((edits, id)) }
            }
        }
        return scored.sorted { ($0.edits, $0.id) < ($1.edits, $1.id) }.prefix(Self.suggestionCount).map(\.id)
    }

    /// Levenshtein distance: the fewest characters inserted, deleted or replaced to turn `a` into `b`.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(replace, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

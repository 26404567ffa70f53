extension StringProtocol {
    /// Trims ASCII spaces and tabs (the only padding exports put around values).
    /// Works on the UTF-8 bytes: values are trimmed on every field of every row, and walking characters
    /// costs several times more.
    func trimmingSpaces() -> Substring {
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start = bytes.index(after: start) }
        while start < end {
            let last = bytes.index(before: end)
            guard bytes[last] == 32 || bytes[last] == 9 else { break }
            end = last
        }
        return text[start..<end]
    }
}

extension String {
    /// `trimmingSpaces()` as a `String`: the string itself, not a copy, when there is nothing to trim.
    var trimmedOfSpaces: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 32 && first != 9 && last != 32 && last != 9 { return self }
        return String(trimmingSpaces())
    }
}

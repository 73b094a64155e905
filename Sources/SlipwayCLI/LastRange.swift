extension StringProtocol {
    /// The range of the last occurrence of `needle` (`range(of:options: .backwards)` without Foundation).
    func lastRange(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var found: Range<Index>?
        var searchStart = startIndex
        while let range = self[searchStart...].firstRange(of: needle) {
            found = range
            searchStart = index(after: range.lowerBound)
        }
        return found
    }
}

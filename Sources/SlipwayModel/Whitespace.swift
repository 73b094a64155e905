extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (`Character.isWhitespace`, so
    /// "\r\n" counts too), as Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public var trimmedOfWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}

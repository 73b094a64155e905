import SlipwayModel

/// The promotion table's tag forms.
public enum PromotionTags {
    /// What is wrong with `tag` for an environment that runs `stage`, or nil.
    public static func problem(with tag: String, stage: PromotionStageModel) -> String? {
        if tag.isEmpty { return "an image without a tag is `latest`" }
        if tag == "latest" { return "`latest` moves" }
        let matches: Bool
        switch stage {
        case .development: matches = isShaTag(tag, prefix: "dev-")
        case .staging: matches = isShaTag(tag, prefix: "staging-")
        case .release: matches = isVersion(tag)
        }
        if matches { return nil }
        if isShaTag(tag, prefix: "dev-") || isShaTag(tag, prefix: "staging-") || isVersion(tag) {
            return "it belongs to another promotion stage than \(stage.rawValue)"
        }
        return "it is not an immutable tag of the promotion table, so it can move"
    }

    /// `dev-1a2b3c4`: the prefix and 7 to 40 lowercase hex digits.
    static func isShaTag(_ tag: String, prefix: String) -> Bool {
        guard tag.hasPrefix(prefix) else { return false }
        let sha = tag.dropFirst(prefix.count)
        return (7...40).contains(sha.count) && sha.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// `1.4.2`: three dot-separated numbers without leading zeros.
    static func isVersion(_ tag: String) -> Bool {
        let parts = tag.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3
            && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } && (part == "0" || !part.hasPrefix("0"))
            }
    }
}

/// A Kubernetes version as AKS writes it: `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`.
public struct KubernetesVersion: Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    /// Nil when only `MAJOR.MINOR` is given (an auto-upgrade channel picks the patch).
    public var patch: Int?

    /// Nil for anything but two or three dot-separated runs of digits.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            let major = Int(parts[0]), let minor = Int(parts[1])
        else { return nil }
        self.major = major
        self.minor = minor
        patch = parts.count == 3 ? Int(parts[2]) : nil
    }

    public var description: String { "\(major).\(minor)" + (patch.map { ".\($0)" } ?? "") }

    /// `MAJOR.MINOR`.
    public var minorText: String { "\(major).\(minor)" }

    /// How many minors `self` is ahead of `other` (negative: behind); nil across majors.
    public func minorsAhead(of other: KubernetesVersion) -> Int? {
        major == other.major ? minor - other.minor : nil
    }

    /// Is `self` newer than `other`? A missing patch compares as the same patch (MAJOR.MINOR
    /// stands for whatever patch the channel picked).
    public func isNewer(than other: KubernetesVersion) -> Bool {
        if major != other.major { return major > other.major }
        if minor != other.minor { return minor > other.minor }
        guard let patch, let otherPatch = other.patch else { return false }
        return patch > otherPatch
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Kubernetes resource quantities, enough to compare CPU and memory limits: `500m`, `1`, `0.5`,
/// `256Mi`, `1Gi`, `512M`, `1e3`-free decimal forms.
enum Quantity {
    static let suffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("m", 1e-3),
    ]

    /// The quantity in base units (cores or bytes), or nil when it is not a quantity.
    static func value(of text: String) -> Double? {
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }
}

import SlipwayModel

/// Answers "does anything overlap this range?" in logarithmic time: the ranges sorted by first
/// address with the running maximum of their last addresses. A range [a, b] overlaps some [s, e]
/// exactly when one with s ≤ b has e ≥ a, so the answer is exact, and callers look for the
/// overlapping ones (in their own order) only when there are some.
///
/// NET005 asks it for every cluster's pod and service range against every VNet of the run: a
/// scan per cluster made that rule quadratic in the size of the fleet.
struct RangeIndex {
    private let firsts: [UInt32]
    private let maximumLasts: [UInt32]

    init(_ ranges: [CIDR]) {
        let sorted = ranges.sorted { $0.network < $1.network }
        firsts = sorted.map(\.network)
        var maximum: UInt32 = 0
        maximumLasts = sorted.map { range in
            maximum = max(maximum, range.last)
            return maximum
        }
    }

    /// Whether any indexed range shares an address with `range`.
    func overlapsAny(_ range: CIDR) -> Bool {
        // How many ranges start at or before the query's last address.
        var low = 0
        var high = firsts.count
        while low < high {
            let middle = (low + high) / 2
            if firsts[middle] <= range.last { low = middle + 1 } else { high = middle }
        }
        return low > 0 && maximumLasts[low - 1] >= range.network
    }
}

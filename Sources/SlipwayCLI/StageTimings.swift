import FoundationEssentials
import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Seconds per pipeline stage of one run, for `generate --timings FILE` and `slipway bench`.
final class StageTimings: @unchecked Sendable {
    var seconds: [String: Double] = [:]
    private let clock = ContinuousClock()

    /// Runs `body`, adding its duration to `stage`.
    func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        defer {
            let duration = clock.now - start
            seconds[stage, default: 0] +=
                duration.seconds
        }
        return try body()
    }

    /// Peak resident set size in KiB of this process, and the largest of its finished children.
    static func peakResidentKiB() -> (own: Int, children: Int) {
        var own = rusage()
        var children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        return (Int(own.ru_maxrss), Int(children.ru_maxrss))
    }

    /// The timings as JSON, with peak memory and output size.
    func json(outputBytes: Int) -> String {
        let rss = StageTimings.peakResidentKiB()
        var fields = seconds.sorted { $0.key < $1.key }.map { "  \"\($0.key)\": \($0.value)" }
        fields.append("  \"peakRSSKiB\": \(rss.own)")
        fields.append("  \"childPeakRSSKiB\": \(rss.children)")
        fields.append("  \"outputBytes\": \(outputBytes)")
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }
}

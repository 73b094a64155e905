import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bench's compile-scaling case: how the Swift type checker's time grows with a large
/// environment written out literally (``LiteralEnvironmentFile``). It measures semantic analysis
/// (`time.swift.perform-sema.wall` from `swiftc -typecheck -stats-output-dir`), the part that
/// grows with the file, for the taught form and the `let` form at 40, 80 and 160 clusters, and
/// for comparison the builder form at 10, 20 and 40 (its cost grows with the square: at 160 it
/// would take about 40 s).
struct DSLCompileScaling: Codable {
    /// Median seconds of semantic analysis, by form and then by cluster count.
    var seconds: [String: [String: Double]] = [:]
    /// Log-log slope of the taught form from 40 to 160 clusters (1 is linear, 2 quadratic).
    var slopeTaught = 0.0
    /// The same slope for the builder form from 10 to 40 clusters.
    var slopeBuilder = 0.0
    /// Taught form at 160 clusters over the `let` form at 160.
    var taughtOverLets = 0.0

    static let sizes: [LiteralEnvironmentFile.Form: [Int]] = [
        .taught: [40, 80, 160], .lets: [40, 80, 160], .builder: [10, 20, 40],
    ]

    static func measure(toolchain: Toolchain, scratch: URL, moduleCache: URL, runs: Int) throws -> DSLCompileScaling {
        var result = DSLCompileScaling()
        let folder = scratch.appendingPathComponent("literal-dsl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for form in LiteralEnvironmentFile.Form.allCases {
            for clusters in sizes[form]! {
                let file = folder.appendingPathComponent("\(form.rawValue)-\(clusters).swift")
                try LiteralEnvironmentFile(clusters: clusters, form: form).source.write(
                    to: file, atomically: false, encoding: .utf8)
                var samples: [Double] = []
                for run in 0..<runs {
                    let stats = folder.appendingPathComponent("stats-\(form.rawValue)-\(clusters)-\(run)")
                    samples.append(
                        try semanticAnalysisSeconds(file, toolchain: toolchain, moduleCache: moduleCache, stats: stats))
                }
                result.seconds[form.rawValue, default: [:]][String(clusters)] = Bench.median(samples)
            }
        }
        func slope(_ form: LiteralEnvironmentFile.Form) -> Double {
            let sizes = sizes[form]!
            let first = result.seconds[form.rawValue]![String(sizes.first!)]!
            let last = result.seconds[form.rawValue]![String(sizes.last!)]!
            return log(last / first) / log(Double(sizes.last!) / Double(sizes.first!))
        }
        result.slopeTaught = slope(.taught)
        result.slopeBuilder = slope(.builder)
        result.taughtOverLets = result.seconds["taught"]!["160"]! / result.seconds["lets"]!["160"]!
        return result
    }

    /// `swiftc -typecheck` of one file, with the flags a DSL program is compiled with.
    static func semanticAnalysisSeconds(_ file: URL, toolchain: Toolchain, moduleCache: URL, stats: URL) throws
        -> Double
    {
        try FileManager.default.createDirectory(at: stats, withIntermediateDirectories: true)
        let arguments = [
            "-typecheck", "-swift-version", "5", "-Onone", "-module-name", "SlipwayProgram",
            "-module-cache-path", moduleCache.path, "-I", toolchain.modules.path,
            "-stats-output-dir", stats.path, file.path,
        ]
        let result = try Subprocess.run(toolchain.swiftc, arguments, captureOutput: true)
        guard result.status == 0, !result.signalled else {
            throw CLIFailure(
                code: .ioError,
                message: "slipway bench: swiftc -typecheck \(file.lastPathComponent) failed:\n\(result.output)")
        }
        let reports = try FileManager.default.contentsOfDirectory(atPath: stats.path).filter { $0.hasSuffix(".json") }
        guard reports.count == 1,
            let data = FileManager.default.contents(atPath: stats.appendingPathComponent(reports[0]).path),
            let figures = try? JSONDecoder().decode([String: Double].self, from: data),
            let seconds = figures["time.swift.perform-sema.wall"]
        else {
            throw CLIFailure(
                code: .ioError, message: "slipway bench: swiftc wrote no semantic-analysis time into \(stats.path)")
        }
        return seconds
    }

    /// The two goals of the case.
    var goals: [String: Bool] {
        [
            "literal DSL, taught form: compile-time slope 40→160 clusters ≤ 1.15": slopeTaught <= 1.15,
            "literal DSL, taught form: 160 clusters ≤ 2 × the let form": taughtOverLets <= 2,
        ]
    }

    /// The report's lines.
    var lines: [String] {
        func row(_ form: LiteralEnvironmentFile.Form) -> String {
            let figures = Self.sizes[form]!.map {
                "\($0) → \((seconds[form.rawValue]?[String($0)] ?? 0).decimalText(places: 3)) s"
            }
            return "  \(form.rawValue.padded(to: 8)) \(figures.joined(separator: ", "))"
        }
        return [
            "literal DSL, semantic analysis (swiftc -typecheck) by clusters:",
            row(.taught), row(.lets), row(.builder),
            "  slope: taught \(slopeTaught.decimalText(places: 2)), builder \(slopeBuilder.decimalText(places: 2)); taught/lets at 160: ×\(taughtOverLets.decimalText(places: 2))",
        ]
    }
}

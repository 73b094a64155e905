import FoundationEssentials
import SlipwayModel
import SlipwayRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `slipway bench [--runs N] [--json FILE] [--check]`: the speed and memory goals, measured.
/// Run it from a release build (`swift build -c release`; `.build/release/slipway bench`).
enum Bench {
    static let help = """
        usage: slipway bench [--runs N] [--json FILE] [--check]

        Compiles Examples/fleet.swift once, then generates the fleet for N = 1, 10, 100 and 1,000
        clusters, each run in a fresh child process, and reports per size the median model build
        (timed inside the DSL program), result transport, validation, render and write, the peak
        RSS of each process and the output size; before each run it flushes the previous runs'
        dirty pages (sync, untimed). It also times the aks-baseline example in process and end to
        end, cold and warm (with and without the rendering cache), against `swiftc` alone and
        `cp -r`. --json writes the figures; --check exits 1 when a goal is missed. Use a release
        build, and wait five minutes after deleting many files (see README).
        """

    struct Figure: Codable {
        var build = 0.0, transport = 0.0, validate = 0.0, render = 0.0, write = 0.0, overlapCheck = 0.0
        var peakRSSKiB = 0, childPeakRSSKiB = 0, outputBytes = 0
        var pipeline: Double { transport + validate + render + write }
    }

    struct Report: Codable {
        var configuration: String
        var sizes: [String: Figure] = [:]
        var inProcessRenderSeconds = 0.0
        var coldSeconds = 0.0, swiftcSeconds = 0.0, warmSeconds = 0.0, copySeconds = 0.0
        /// A warm run with the rendering cache off: the cached model is validated and rendered.
        var warmRenderingSeconds = 0.0
        var slopePipeline = 0.0, slopeOverlap = 0.0
        /// Write seconds of `generate` over an existing, unchanged output (the CI case), by size.
        var rewriteSeconds: [String: Double] = [:]
        var goals: [String: Bool] = [:]
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Wall-clock seconds of one child process, run in the current directory (the checkout).
    static func time(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Double {
        let result = try Subprocess.run(
            executable, arguments, captureOutput: true, environment: environment, separateStandardOutput: true)
        guard result.status == 0, !result.signalled else {
            throw CLIFailure(
                code: .ioError, message: "slipway bench: \(arguments.joined(separator: " ")) failed:\n\(result.output)")
        }
        return result.seconds
    }

    static func run(_ arguments: Arguments, _ standardOutput: (String) -> Void) throws -> ExitCode {
        let toolchain = try Toolchain.locate()
        try toolchain.ensureLibraryMatchesModule()
        guard let root = toolchain.packageRoot else {
            throw CLIFailure(code: .ioError, message: "slipway bench: run it from a Slipway checkout")
        }
        let jsonFile = arguments.options["--json"].map { URL(fileURLWithPath: $0) }
        // Every child runs in the checkout: the example paths below are relative to it, as in CI.
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let runs = arguments.options["--runs"].flatMap(Int.init) ?? 5
        let slipway = URL(fileURLWithPath: CommandLine.executablePathResolved)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-bench-\(UUID().uuidString)")
        let cache = scratch.appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var environment = ProcessEnvironment.current
        environment["XDG_CACHE_HOME"] = cache.path
        var report = Report(configuration: toolchain.buildDirectory.lastPathComponent)
        if report.configuration != "release" {
            standardOutput(
                "slipway bench: warning: this is a \(report.configuration) build; goals are for release builds")
        }

        // Compile the fleet once (program cache), then run each size in fresh processes.
        _ = try time(
            slipway,
            ["generate", "Examples/fleet.swift", "--output", scratch.appendingPathComponent("prime").path, "--quiet"],
            environment: environment)
        var fleetEnvironment = environment
        fleetEnvironment["SLIPWAY_NO_RESULT_CACHE"] = "1"
        for size in [1, 10, 100, 1000] {
            var samples: [Figure] = []
            for run in 0..<runs {
                let output = scratch.appendingPathComponent("fleet-\(size)-\(run)/Output")
                let timings = scratch.appendingPathComponent("timings-\(size)-\(run).json")
                // Untimed: the previous run's 70 MB of dirty pages would otherwise be written back
                // during this run and be charged to its write stage. One `generate` in CI starts clean.
                sync()
                _ = try time(
                    slipway,
                    [
                        "generate", "Examples/fleet.swift", "--set", "fleetSize=\(size)", "--output", output.path,
                        "--timings", timings.path, "--quiet",
                    ], environment: fleetEnvironment)
                samples.append(try JSONDecoder().decode(Figure.self, from: Data(contentsOf: timings)))
                // Outputs stay until the end: deleting tens of thousands of files right before the
                // next run makes ext4 scan recently deleted inodes and would inflate the next write.
            }
            var figure = Figure()
            figure.build = median(samples.map(\.build))
            figure.transport = median(samples.map(\.transport))
            figure.validate = median(samples.map(\.validate))
            figure.render = median(samples.map(\.render))
            figure.write = median(samples.map(\.write))
            figure.overlapCheck = median(samples.map(\.overlapCheck))
            figure.peakRSSKiB = samples.map(\.peakRSSKiB).max() ?? 0
            figure.childPeakRSSKiB = samples.map(\.childPeakRSSKiB).max() ?? 0
            figure.outputBytes = samples.last?.outputBytes ?? 0
            report.sizes[String(size)] = figure
            // Once more over the first run's output, unchanged: the writer reads it back and keeps it.
            let rewrite = scratch.appendingPathComponent("rewrite-\(size).json")
            sync()
            _ = try time(
                slipway,
                [
                    "generate", "Examples/fleet.swift", "--set", "fleetSize=\(size)", "--output",
                    scratch.appendingPathComponent("fleet-\(size)-0/Output").path, "--timings", rewrite.path, "--quiet",
                ], environment: fleetEnvironment)
            report.rewriteSeconds[String(size)] = try JSONDecoder().decode(Figure.self, from: Data(contentsOf: rewrite))
                .write
        }

        // aks-baseline in process: render only.
        let baseline = try DSLProgram(argument: "Examples/aks-baseline.swift")
        if case .environments(let models) = try baseline.run(with: toolchain, relay: { _ in }).outcome {
            var samples: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<20 {
                let start = clock.now
                for model in models {
                    _ = try EnvironmentRenderer.render(model, among: models, fluxPathPrefix: "Output")
                }
                let duration = clock.now - start
                samples.append(duration.seconds)
            }
            report.inProcessRenderSeconds = median(samples)
        }

        // aks-baseline end to end: cold (no cached program, warm module cache) against swiftc alone,
        // and warm (cached rendering, unchanged output) against cp -r of the output folder; also warm
        // with the rendering cache off (the cached model is validated and rendered again).
        let baselineOutput = scratch.appendingPathComponent("baseline/Output")
        var cold: [Double] = []
        var swiftc: [Double] = []
        for run in 0..<3 {
            // No cached program, result or rendering; the module cache stays warm.
            for folder in ["programs", "results", "rendered"] {
                try? FileManager.default.removeItem(at: cache.appendingPathComponent("slipway/\(folder)"))
            }
            cold.append(
                try time(
                    slipway, ["generate", "Examples/aks-baseline.swift", "--output", baselineOutput.path, "--quiet"],
                    environment: environment))
            let flags = DSLProgram.compilerFlags(
                toolchain: toolchain, moduleCache: cache.appendingPathComponent("slipway/module-cache"))
            swiftc.append(
                try time(
                    toolchain.swiftc,
                    flags + [
                        "-o", scratch.appendingPathComponent("program-\(run)").path, "Examples/aks-baseline.swift",
                    ],
                    environment: environment))
        }
        report.coldSeconds = median(cold)
        report.swiftcSeconds = median(swiftc)
        var warm: [Double] = []
        var warmRendering: [Double] = []
        var copy: [Double] = []
        var renderingEnvironment = environment
        renderingEnvironment["SLIPWAY_NO_RENDER_CACHE"] = "1"
        let cp = Toolchain.findExecutable("cp") ?? URL(fileURLWithPath: "/bin/cp")
        for run in 0..<10 {
            warm.append(
                try time(
                    slipway, ["generate", "Examples/aks-baseline.swift", "--output", baselineOutput.path, "--quiet"],
                    environment: environment))
            warmRendering.append(
                try time(
                    slipway, ["generate", "Examples/aks-baseline.swift", "--output", baselineOutput.path, "--quiet"],
                    environment: renderingEnvironment))
            copy.append(
                try time(
                    cp,
                    [
                        "-r", baselineOutput.appendingPathComponent("aks-baseline").path,
                        scratch.appendingPathComponent("copy-\(run)").path,
                    ], environment: environment))
        }
        report.warmSeconds = median(warm)
        report.warmRenderingSeconds = median(warmRendering)
        report.copySeconds = median(copy)

        let t100 = report.sizes["100"]!
        let t1000 = report.sizes["1000"]!
        report.slopePipeline = log10(t1000.pipeline / t100.pipeline)
        report.slopeOverlap = log10(max(t1000.overlapCheck, 1e-9) / max(t100.overlapCheck, 1e-9))
        let maxRSS = report.sizes.values.map { max($0.peakRSSKiB, $0.childPeakRSSKiB) }.max() ?? 0
        report.goals = [
            "in-process render of aks-baseline ≤ 20 ms": report.inProcessRenderSeconds <= 0.020,
            "1,000-cluster fleet, model to files ≤ 1 s": t1000.pipeline <= 1.0,
            "peak RSS of every process ≤ 200 MB": maxRSS <= 200 * 1024,
            "scaling slope of the pipeline ≤ 1.1": report.slopePipeline <= 1.1,
            "scaling slope of the overlap check ≤ 1.1": report.slopeOverlap <= 1.1,
            "warm run ≤ 4 × cp -r": report.warmSeconds <= 4 * report.copySeconds,
            "cold run ≤ 1.3 × swiftc": report.coldSeconds <= 1.3 * report.swiftcSeconds,
        ]

        func ms(_ seconds: Double) -> String { (seconds * 1000).decimalText(places: 1) + " ms" }
        var lines = ["slipway bench (\(report.configuration), median of \(runs) runs)", ""]
        lines.append(
            "clusters  build      transport  validate   render     write      overlap    peak RSS (CLI/program)  output"
        )
        for size in ["1", "10", "100", "1000"] {
            let f = report.sizes[size]!
            lines.append(
                [
                    size.padded(to: 8), ms(f.build), ms(f.transport),
                    ms(f.validate),
                    ms(f.render), ms(f.write), ms(f.overlapCheck),
                ].map { $0.padded(to: 10) }
                    .joined(separator: " ")
                    + " \(f.peakRSSKiB / 1024)/\(f.childPeakRSSKiB / 1024) MB".padded(to: 24)
                    + "\(f.outputBytes / 1024) KiB")
        }
        lines += [
            "",
            "write over an existing, unchanged output: "
                + ["1", "10", "100", "1000"].map { "\($0) → \(ms(report.rewriteSeconds[$0] ?? 0))" }.joined(
                    separator: ", "),
            "aks-baseline in-process render: \(ms(report.inProcessRenderSeconds))",
            "aks-baseline cold: \(ms(report.coldSeconds)) vs swiftc alone \(ms(report.swiftcSeconds)) (×\((report.coldSeconds / report.swiftcSeconds).decimalText(places: 2)))",
            "aks-baseline warm: \(ms(report.warmSeconds)) vs cp -r \(ms(report.copySeconds)) (×\((report.warmSeconds / report.copySeconds).decimalText(places: 2)))",
            "aks-baseline warm, rendering from the cached model: \(ms(report.warmRenderingSeconds)) (×\((report.warmRenderingSeconds / report.copySeconds).decimalText(places: 2)))",
            "scaling slope 100→1000: pipeline \(report.slopePipeline.decimalText(places: 2)), overlap check \(report.slopeOverlap.decimalText(places: 2))",
            "",
        ]
        lines += report.goals.sorted { $0.key < $1.key }.map { "\($0.value ? "met   " : "MISSED") \($0.key)" }
        standardOutput(lines.joined(separator: "\n"))
        if let jsonFile {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: jsonFile)
        }
        return arguments.flags.contains("--check") && report.goals.values.contains(false) ? .changes : .ok
    }
}

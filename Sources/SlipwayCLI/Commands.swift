import Foundation
import SlipwayWriter

/// The `slipway` command line: verbs, exit codes and messages.
public enum SlipwayCommandLine {
    /// Runs one command line (without the program name) and returns its exit code.
    public static func run(
        _ commandLine: [String], standardOutput: @escaping (String) -> Void = { print($0) },
        standardError: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) -> Int32 {
        do {
            if commandLine.first == "--version" {
                standardOutput("slipway \(SlipwayVersion.current)")
                return ExitCode.ok.rawValue
            }
            if commandLine.first == "--help" || commandLine.first == "-h" || commandLine.first == "help" {
                standardOutput(Help.general)
                return ExitCode.ok.rawValue
            }
            let arguments = try Arguments(commandLine)
            let verbs: [String: (help: String, run: () throws -> ExitCode)] = [
                "generate": (Help.generate, { try generate(arguments, standardOutput, standardError) }),
                "check": (Help.check, { try check(arguments, standardOutput, standardError) }),
                "diff": (DiffCommand.help, { try DiffCommand.run(arguments, standardOutput, standardError) }),
                "init": (
                    InitCommand.help,
                    { try InitCommand.run(arguments, toolchain: try Toolchain.locate(), standardOutput) }
                ),
                "bench": (Bench.help, { try Bench.run(arguments, standardOutput) }),
                "sample": (Sample.help, { try Sample.run(arguments, standardOutput, standardError) }),
                "explain": (Explain.help, { try Explain.run(arguments, standardOutput) }),
            ]
            guard let verb = verbs[arguments.verb] else {
                throw CLIFailure(code: .usage, message: "slipway: unknown verb '\(arguments.verb)'\n\n\(Help.general)")
            }
            if arguments.wantsHelp {
                standardOutput(verb.help)
                return ExitCode.ok.rawValue
            }
            return try verb.run().rawValue
        } catch let failure as CLIFailure {
            standardError(failure.message)
            return failure.code.rawValue
        } catch {
            standardError("slipway: \(error)")
            return ExitCode.ioError.rawValue
        }
    }

    static func generate(
        _ arguments: Arguments, _ standardOutput: @escaping (String) -> Void,
        _ standardError: @escaping (String) -> Void
    ) throws -> ExitCode {
        var pipeline = Pipeline(
            arguments: arguments, toolchain: try Toolchain.locate(), standardError: standardError,
            standardOutput: standardOutput)
        let timings = arguments.options["--timings"].map { _ in StageTimings() }
        pipeline.timings = timings
        let rendered = try pipeline.render()
        let writeStart = ContinuousClock.now
        defer {
            if let timings, let path = arguments.options["--timings"] {
                let duration = ContinuousClock.now - writeStart
                timings.seconds["write"] =
                    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                let bytes = rendered.folders.values.flatMap(\.values).map(\.utf8.count).reduce(0, +)
                try? timings.json(outputBytes: bytes).write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        let output = pipeline.outputDirectory
        let failAfter = ProcessInfo.processInfo.environment["SLIPWAY_FAIL_AFTER_FILES"].flatMap { Int($0) }
        var written = 0
        var unchanged = 0
        var filesWritten = 0
        var filesUnchanged = 0
        do {
            OutputFolder.removeLeftovers(in: output)
            for name in rendered.folders.keys.sorted() {
                if let outcome = try OutputFolder.replace(
                    output.appendingPathComponent(name), with: rendered.folders[name]!, failAfterFiles: failAfter)
                {
                    written += 1
                    filesWritten += outcome.written
                    filesUnchanged += outcome.unchanged
                } else {
                    unchanged += 1
                    filesUnchanged += rendered.folders[name]!.count
                }
            }
            var removed: [String] = []
            for name in Ownership.folders(in: output, ownedBy: rendered.sources) where rendered.folders[name] == nil {
                try OutputFolder.remove(output.appendingPathComponent(name))
                removed.append(name)
            }
            standardOutput(
                "slipway: \(rendered.folders.count) environment(s): \(written) written, \(unchanged) unchanged, \(removed.count) removed"
                    + (removed.isEmpty ? "" : " (\(removed.joined(separator: ", ")))")
                    + "; files: \(filesWritten) written, \(filesUnchanged) unchanged")
        } catch {
            throw CLIFailure(code: .ioError, message: "slipway: writing \(output.path) failed: \(error)")
        }
        return .ok
    }

    static func check(
        _ arguments: Arguments, _ standardOutput: @escaping (String) -> Void,
        _ standardError: @escaping (String) -> Void
    ) throws -> ExitCode {
        let pipeline = Pipeline(
            arguments: arguments, toolchain: try Toolchain.locate(), standardError: standardError,
            standardOutput: standardOutput)
        let rendered = try pipeline.render()
        let output = pipeline.outputDirectory
        let display = arguments.output.hasSuffix("/") ? String(arguments.output.dropLast()) : arguments.output
        var drift: [String] = []
        let folders = Set(rendered.folders.keys).union(Ownership.folders(in: output, ownedBy: rendered.sources))
        for name in folders.sorted() {
            let expected = rendered.folders[name] ?? [:]
            let actual = OutputFolder.read(output.appendingPathComponent(name))
            for path in Set(expected.keys).union(actual.keys).sorted() {
                let shown = "\(display)/\(name)/\(path)"
                switch (expected[path], actual[path]) {
                case (let want?, let have?) where want != have:
                    drift.append("changed: \(shown)")
                    standardOutput(UnifiedDiff.diff(old: have, new: want, oldName: "a/\(shown)", newName: "b/\(shown)"))
                case (let want?, nil):
                    drift.append("missing: \(shown)")
                    standardOutput(UnifiedDiff.diff(old: "", new: want, oldName: "/dev/null", newName: "b/\(shown)"))
                case (nil, let have?):
                    drift.append("extra: \(shown)")
                    standardOutput(UnifiedDiff.diff(old: have, new: "", oldName: "a/\(shown)", newName: "/dev/null"))
                default: break
                }
            }
        }
        if drift.isEmpty {
            standardOutput("slipway: \(rendered.folders.count) environment(s) match \(display)/")
            return .ok
        }
        standardError(drift.joined(separator: "\n"))
        standardError(
            "slipway: \(drift.count) file(s) differ from what the DSL renders; run `slipway generate \(arguments.files.joined(separator: " "))`"
        )
        return .changes
    }
}

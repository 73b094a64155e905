import FoundationEssentials
import SlipwayModel
import SlipwayWriter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `slipway` command line: verbs, exit codes and messages.
public enum SlipwayCommandLine {
    /// Runs one command line (without the program name) and returns its exit code.
    public static func run(
        _ commandLine: [String], standardOutput: @escaping (String) -> Void = { print($0) },
        standardError: ((String) -> Void)? = nil
    ) -> Int32 {
        let standardError = standardError ?? Terminal.writeError
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
                "drift": (DriftCommand.help, { try DriftCommand.run(arguments, standardOutput) }),
                "init": (
                    InitCommand.help,
                    { try InitCommand.run(arguments, toolchain: try Toolchain.locate(), standardOutput) }
                ),
                "editor": (
                    EditorCommand.help,
                    { try EditorCommand.run(arguments, toolchain: try Toolchain.locate(), standardOutput) }
                ),
                "bench": (Bench.help, { try Bench.run(arguments, standardOutput) }),
                "install": (InstallCommand.help, { try InstallCommand.run(arguments, standardOutput) }),
                "sample": (Sample.help, { try Sample.run(arguments, standardOutput, standardError) }),
                "explain": (Explain.help, { try Explain.run(arguments, standardOutput) }),
                "set-input": (SetInput.help, { try SetInput.run(arguments, standardOutput) }),
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
                    duration.seconds
                let bytes = rendered.folders.values.flatMap(\.values).map(\.utf8.count).reduce(0, +)
                try? AtomicFile.write(timings.json(outputBytes: bytes), to: URL(fileURLWithPath: path))
            }
        }
        let output = pipeline.outputDirectory
        let terminal = Terminal(quiet: arguments.flags.contains("--quiet"))
        let writing = OutputWriting(
            output: output, folders: rendered.folders, owners: rendered.owners, sources: rendered.sources,
            workflowsFolder: try pipeline.workflowsDirectory, workflowsShownAs: try pipeline.settings.workflows,
            workflows: rendered.workflows,
            takeOwnership: arguments.flags.contains("--take-ownership"), wait: !arguments.flags.contains("--no-wait"),
            faults: FaultInjection(environment: ProcessEnvironment.current))
        let outcome: OutputTransaction.Outcome
        do {
            outcome = try writing.write {
                if !terminal.quiet {
                    standardError("slipway: waiting for another slipway run to finish writing \(arguments.output)…")
                }
            }
        } catch let failure as WriteFailure {
            throw CLIFailure(writing: failure)
        }
        if outcome.recovered && !terminal.quiet {
            standardError("slipway: rolled back a write that an interrupted run left unfinished")
        }
        standardOutput(
            "slipway: \(rendered.folders.count) environment(s): \(outcome.written.count) written, \(outcome.unchanged.count) unchanged, \(outcome.removed.count) removed"
                + (outcome.removed.isEmpty ? "" : " (\(outcome.removed.joined(separator: ", ")))")
                + "; files: \(outcome.filesWritten) written, \(outcome.filesUnchanged) unchanged"
                + "; workflows: \(rendered.workflows.count) (\(outcome.workflowsWritten.count) written, \(outcome.workflowsRemoved.count) removed)"
        )
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
        // Readers share the lock: a check never sees a write half done.
        let lock = try OutputWriting.lock(output, exclusive: false, wait: !arguments.flags.contains("--no-wait"))
        defer { lock.release() }
        if FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputTransaction.journalName).path) {
            drift.append(
                "interrupted: \(display)/\(OutputTransaction.journalName) (a write was interrupted; `slipway generate` rolls it back)"
            )
        }
        for name in Ownership.unowned(in: output) {
            drift.append(
                "unowned: \(display)/\(name)/ (no \(Ownership.fileName): not written by slipway, or left by an interrupted removal)"
            )
        }
        /// Compares one set of files (`expected` rendered, `actual` on disk), printing a unified
        /// diff per difference and recording it as `changed:`, `missing:` or `extra:`.
        func compare(_ expected: [String: String], _ actual: [String: String], shownAs prefix: String) {
            for path in Set(expected.keys).union(actual.keys).sorted() {
                let shown = prefix + path
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
        let folders = Set(rendered.folders.keys).union(Ownership.folders(in: output, ownedBy: rendered.sources))
        for name in folders.sorted() {
            compare(
                rendered.folders[name] ?? [:], OutputFolder.read(output.appendingPathComponent(name)),
                shownAs: "\(display)/\(name)/")
        }
        compare(
            rendered.workflows, GeneratedFiles.owned(in: try pipeline.workflowsDirectory, by: rendered.sources),
            shownAs: "\(try pipeline.settings.workflows)/")
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

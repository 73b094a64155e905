import FoundationEssentials
import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One DSL program: a `.swift` file, or a directory whose `main.swift` is the entry point. It is
/// compiled with `swiftc` against the Slipway module, run, and its result read from the channel.
struct DSLProgram {
    /// The argument as the user typed it: the owner of the environments it hands over.
    let argument: String
    /// Source files as paths the user would type (`dir/main.swift`), passed to `swiftc` unchanged.
    let sources: [String]

    init(argument: String) throws {
        self.argument = argument
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw CLIFailure(code: .usage, message: "slipway: no such file: \(argument)")
        }
        if isDirectory {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            let swiftFiles = names.filter { $0.hasSuffix(".swift") }.sorted()
            guard swiftFiles.contains("main.swift") else {
                throw CLIFailure(code: .usage, message: "slipway: directory \(argument) has no main.swift entry point")
            }
            let prefix = argument.hasSuffix("/") ? argument : argument + "/"
            sources = swiftFiles.map { prefix + $0 }
        } else {
            guard argument.hasSuffix(".swift") else {
                throw CLIFailure(code: .usage, message: "slipway: \(argument) is not a .swift file or a directory")
            }
            sources = [argument]
        }
    }

    /// How the last run was served, for progress lines and the benchmark.
    enum Provenance: String {
        case compiled = "compiled and ran"
        case cachedProgram = "ran the cached program of"
        case cachedResult = "used the cached result of"
        /// The rendering cache served the output; the model was not read (see ``RenderCache``).
        case cachedOutput = "used the cached output of"
    }

    /// The outcome of compiling and running.
    enum Outcome {
        case environments([EnvironmentModel])
        /// swiftc's diagnostics for the user's files.
        case compileFailed(String)
        /// One diagnostic line at the user's line where one was found.
        case programFailed(String)
    }

    /// - Parameter relay: receives what the program printed to stdout, for the user to see.
    /// The `swiftc` arguments, without sources and output: part of the program's cache key.
    static func compilerFlags(toolchain: Toolchain, moduleCache: URL) -> [String] {
        // -swift-version 5: ordinary script code (a top-level var used in a function) compiles.
        // -Onone -g: fast compiles, and line tables for crash reports.
        [
            "-swift-version", "5", "-Onone", "-g", "-diagnostic-style", "llvm",
            "-module-name", "SlipwayProgram", "-module-cache-path", moduleCache.path,
            "-I", toolchain.modules.path, "-L", toolchain.buildDirectory.path, "-lSlipway",
            "-Xlinker", "-rpath", "-Xlinker", toolchain.buildDirectory.path,
        ]
    }

    /// The program's cache key: sources (content and path as passed), library and module
    /// identity, compiler, and flags.
    func programKey(toolchain: Toolchain, flags: [String]) -> String {
        var parts = ["slipway-program-1"]
        for source in sources {
            parts.append(source)
            parts.append((try? String(contentsOfFile: source, encoding: .utf8)) ?? "unreadable")
        }
        parts.append(ProgramCache.identity(toolchain.library))
        parts.append(ProgramCache.identity(toolchain.modules.appendingPathComponent("Slipway.swiftmodule")))
        parts.append(ProgramCache.identity(toolchain.modules.appendingPathComponent("SlipwayModel.swiftmodule")))
        parts.append(ProgramCache.identity(toolchain.modules.appendingPathComponent("SlipwayVocabulary.swiftmodule")))
        parts.append(toolchain.swiftc.path + ":" + ProgramCache.identity(toolchain.swiftc.resolvingSymlinksInPath()))
        parts += flags
        return ProgramCache.key(parts)
    }

    /// The program's key, and its result's key: the program's key plus the inputs.
    func cacheKeys(
        toolchain: Toolchain, inputs: [String: String],
        flags: [String]? = nil
    ) -> (program: String, result: String) {
        let flags = flags ?? DSLProgram.compilerFlags(toolchain: toolchain, moduleCache: DSLProgram.moduleCache)
        let programKey = programKey(toolchain: toolchain, flags: flags)
        let resultKey = ProgramCache.key(
            [programKey] + inputs.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        return (programKey, resultKey)
    }

    /// Whether swiftc failed on a module it could not load: a module-cache problem, not the user's code.
    static func damagedModuleCache(_ output: String) -> Bool {
        output.contains("missing required module") || output.contains("malformed or corrupted AST file")
            || output.contains(".pcm") || output.contains(moduleCache.path)
    }

    /// Clang's module cache for DSL programs, shared by every compile.
    static var moduleCache: URL { cacheDirectory.appendingPathComponent("module-cache") }

    /// The default limit on a program's run, in seconds (`--timeout`); compiling is not counted.
    static let defaultTimeout = 300.0

    /// Output a program printed is relayed up to this many bytes.
    static let relayedBytes = 64 << 10

    func run(
        with toolchain: Toolchain, inputs: [String: String] = [:], timings: StageTimings? = nil,
        timeout: Double = DSLProgram.defaultTimeout, relay: (String) -> Void
    ) throws -> (outcome: Outcome, provenance: Provenance) {
        let manager = FileManager.default
        let cache = ProgramCache()
        try? manager.createDirectory(at: DSLProgram.moduleCache, withIntermediateDirectories: true)
        let flags = DSLProgram.compilerFlags(toolchain: toolchain, moduleCache: DSLProgram.moduleCache)
        let (programKey, resultKey) = cacheKeys(toolchain: toolchain, inputs: inputs, flags: flags)
        if !ProgramCache.resultsDisabled, let bytes = cache.result(resultKey),
            let result = try? ProgramResult(compact: bytes),
            result.format == ProgramResult.currentFormat
        {
            return (try outcome(of: result, inputs: inputs), .cachedResult)
        }

        let work = manager.temporaryDirectory.appendingPathComponent(
            "slipway-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        try manager.createDirectory(at: work, withIntermediateDirectories: true)
        Supervision.shared.register(path: work.path)
        defer {
            try? manager.removeItem(at: work)
            Supervision.shared.unregister(path: work.path)
        }
        var binary = cache.programURL(programKey)
        var provenance = Provenance.cachedProgram
        if ProgramCache.disabled || cache.verifiedProgram(programKey) == nil {
            binary = work.appendingPathComponent("program")
            provenance = .compiled
            var compile = try Subprocess.run(
                toolchain.swiftc, flags + ["-o", binary.path] + sources, captureOutput: true)
            // Clang's module cache is swiftc's, not ours, but a damaged entry (a truncated .pcm)
            // fails every later compile: clear it once and compile again.
            if compile.status != 0 && DSLProgram.damagedModuleCache(compile.output) {
                relay(
                    "slipway: the module cache at \(DSLProgram.moduleCache.path) looks damaged; clearing it and compiling again"
                )
                try? manager.removeItem(at: DSLProgram.moduleCache)
                try? manager.createDirectory(at: DSLProgram.moduleCache, withIntermediateDirectories: true)
                compile = try Subprocess.run(
                    toolchain.swiftc, flags + ["-o", binary.path] + sources, captureOutput: true)
                if compile.status != 0 && DSLProgram.damagedModuleCache(compile.output) {
                    throw CLIFailure(
                        code: .ioError,
                        message:
                            "slipway: compiling \(argument) fails on the module cache even after clearing it; delete \(DSLProgram.moduleCache.path) and the toolchain's own module cache, then run again:\n\(compile.output)"
                    )
                }
            }
            if compile.status != 0 {
                let relayed = relevantDiagnostics(compile.output)
                if relayed.isEmpty {
                    throw CLIFailure(
                        code: .ioError, message: "slipway: compiling \(argument) failed:\n\(compile.output)")
                }
                return (.compileFailed(relayed), provenance)
            }
            if !ProgramCache.disabled { cache.store(program: binary, key: programKey) }
        }

        let resultFile = work.appendingPathComponent("result.slpw")
        var environment = ProcessEnvironment.current
        // The backtracer writes to stdout unless told otherwise; keep it with the stderr we parse.
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,output-to=stderr"
        let inputArguments = inputs.sorted { $0.key < $1.key }.flatMap { ["--slipway-input", "\($0.key)=\($0.value)"] }
        let run = try Subprocess.run(
            binary, ["--slipway-result", resultFile.path] + inputArguments, captureOutput: true,
            environment: environment, separateStandardOutput: true, timeout: timeout)
        if !run.standardOutput.isEmpty {
            relay(DSLProgram.capped(run.standardOutput))
        }
        if run.timedOut {
            throw CLIFailure(
                code: .programFailed,
                message:
                    "slipway: \(argument) did not finish within \(timeout.decimalText(places: 0)) s and was stopped; an endless loop? (raise the limit with --timeout SECONDS)"
            )
        }
        if run.status != 0 || run.signalled {
            return (.programFailed(crashDiagnostic(run)), provenance)
        }
        guard let data = manager.contents(atPath: resultFile.path) else {
            return (
                .programFailed(
                    "\(sources.last!):1:1: error: [DSL001] \(argument) describes no environment: it never calls Slipway.emit(…)\n"
                        + "\(sources.last!):1:1: note: hand over the environments once, at the end: Slipway.emit(dev, prod)"
                ),
                provenance
            )
        }
        let result: ProgramResult
        do {
            result =
                try timings?.measure("transport") {
                    try ProgramResult(compact: [UInt8](data))
                }
                ?? ProgramResult(compact: [UInt8](data))
            timings?.seconds["build", default: 0] += result.buildSeconds
        } catch {
            throw CLIFailure(code: .ioError, message: "slipway: unreadable result from \(argument): \(error)")
        }
        guard result.format == ProgramResult.currentFormat else {
            throw CLIFailure(
                code: .ioError, message: "slipway: result format \(result.format) is not \(ProgramResult.currentFormat)"
            )
        }
        let outcome = try outcome(of: result, inputs: inputs)
        if case .environments = outcome, !ProgramCache.disabled { cache.store(result: data, key: resultKey) }
        return (outcome, provenance)
    }

    /// Turns a handed-over result into an outcome, checking that every `--set` input was read.
    func outcome(of result: ProgramResult, inputs: [String: String]) throws -> Outcome {
        // A --set value of the wrong type is the command line's fault: a usage error.
        let rejected = result.failures.filter { $0.code == "DSL004" }
        if !rejected.isEmpty {
            throw CLIFailure(
                code: .usage,
                message: rejected.map {
                    "slipway: \($0.message) (\($0.site.filePath):\($0.site.line):\($0.site.column))"
                }.joined(separator: "\n"))
        }
        if let failure = result.failures.first {
            return .programFailed(
                "\(failure.site.filePath):\(failure.site.line):\(failure.site.column): error: [\(failure.code)] \(failure.message)"
            )
        }
        for name in inputs.keys.sorted() where result.inputs[name] == nil {
            throw CLIFailure(
                code: .usage,
                message:
                    "slipway: \(argument) reads no input '\(name)' (it reads: \(result.inputs.keys.sorted().joined(separator: ", ")))"
            )
        }
        if result.environments.isEmpty {
            return .programFailed(
                "\(sources.last!):1:1: error: [DSL001] \(argument) describes no environment: Slipway.emit was called with none"
            )
        }
        return .environments(result.environments)
    }

    /// What a program printed, without a trailing newline, cut at ``relayedBytes``.
    static func capped(_ text: String) -> String {
        var text = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let bytes = text.utf8.count
        if bytes > relayedBytes {
            text =
                String(decoding: text.utf8.prefix(relayedBytes), as: UTF8.self)
                + "\n… (\(bytes - relayedBytes) more bytes of the program's output not shown)"
        }
        return text
    }

    /// swiftc's lines that concern the user's files, with their source snippets.
    func relevantDiagnostics(_ output: String) -> String {
        var kept: [String] = []
        var keeping = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if sources.contains(where: { line.hasPrefix($0 + ":") }) {
                keeping = true
                kept.append(String(line))
            } else if line.hasPrefix("/") || line.hasPrefix("error:") || line.hasPrefix("<unknown>") {
                keeping = false
            } else if keeping {
                kept.append(String(line))
            }
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n")
    }

    /// `File.swift:LINE:COL: error: [DSL003] the DSL program stopped: <reason>`, from the first frame
    /// of the backtrace that lies in the user's files. Never the raw backtrace.
    func crashDiagnostic(_ run: Subprocess.Result) -> String {
        let lines = run.output.split(separator: "\n").map(String.init)
        var reason = run.signalled ? "it crashed" : "it exited with status \(run.status)"
        if let fatal = lines.first(where: { $0.contains("Fatal error: ") }),
            let range = fatal.firstRange(of: "Fatal error: ")
        {
            let text = fatal[range.upperBound...].trimmedOfWhitespace
            reason = text.isEmpty ? "fatal error" : text
        } else if let crash = lines.first(where: { $0.contains("Program crashed: ") }),
            let range = crash.firstRange(of: "Program crashed: ")
        {
            reason = crash[range.upperBound...].replacing(" ***", with: "").trimmedOfWhitespace
        }
        // Frames read `… in program at PATH:LINE:COL`; PATH is as passed to swiftc, or absolute.
        var typedPaths: [String: String] = [:]
        for source in sources {
            typedPaths[source] = source
            typedPaths[URL(fileURLWithPath: source).standardizedFileURL.path] = source
        }
        for line in lines {
            guard let at = line.lastRange(of: " at ") else { continue }
            let parts = line[at.upperBound...].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let column = Int(parts[parts.count - 1]),
                let lineNumber = Int(parts[parts.count - 2]),
                let typed = typedPaths[parts[..<(parts.count - 2)].joined(separator: ":")]
            else { continue }
            return "\(typed):\(lineNumber):\(column): error: [DSL003] the DSL program stopped: \(reason)"
                + DSLProgram.hint(for: reason, at: "\(typed):\(lineNumber):\(column)")
        }
        return
            "\(sources.last!):1:1: error: [DSL003] the DSL program stopped: \(reason) (no frame in \(argument) was found)"
    }

    /// A note for traps whose Swift message does not say what to change in a DSL file.
    static func hint(for reason: String, at location: String) -> String {
        if reason.contains("Range requires lowerBound <= upperBound") {
            return
                "\n\(location): note: a range such as an autoscale range goes from low to high: write 2...5, not 5...2"
        }
        return ""
    }

    /// `${XDG_CACHE_HOME:-~/.cache}/slipway`.
    static var cacheDirectory: URL {
        let environment = ProcessEnvironment.current
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("slipway")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/slipway")
    }
}

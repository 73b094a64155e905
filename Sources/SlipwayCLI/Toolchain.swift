import FoundationEssentials

/// Where the built Slipway library and module live, and the compiler that builds DSL programs.
///
/// Decision (see README, "How slipway finds its library"): the CLI compiles DSL files against the
/// `.dynamic` `Slipway` product next to its own executable. `swift run` rebuilds the module but not
/// that library, and a stale library makes the DSL program crash, so before compiling the CLI checks
/// that the library is at least as new as the modules and otherwise runs
/// `swift build --product Slipway` with the same configuration and scratch path. This keeps the
/// package a single package with no nested path package.
struct Toolchain {
    /// The directory holding `slipway`, `libSlipway.so` and `Modules/`.
    let buildDirectory: URL
    let swiftc: URL

    static func locate() throws -> Toolchain {
        let executable = URL(fileURLWithPath: CommandLine.executablePathResolved).resolvingSymlinksInPath()
        let directory = executable.deletingLastPathComponent()
        guard let swiftc = findExecutable("swiftc") else {
            throw CLIFailure(code: .ioError, message: "slipway: swiftc is not on PATH; install the Swift 6 toolchain")
        }
        let toolchain = Toolchain(buildDirectory: directory, swiftc: swiftc)
        // Outside a checkout, slipway runs from an installation: it must be whole.
        if toolchain.packageRoot == nil {
            let installation = Installation(directory: directory)
            guard installation.missing.isEmpty else { throw installation.incomplete() }
        }
        return toolchain
    }

    var library: URL { buildDirectory.appendingPathComponent("libSlipway.so") }
    var modules: URL {
        let nested = buildDirectory.appendingPathComponent("Modules")
        return FileManager.default.fileExists(atPath: nested.path) ? nested : buildDirectory
    }

    /// The package root: the directory above the scratch directory (`.build`) that has Package.swift.
    var packageRoot: URL? {
        var candidate = buildDirectory
        for _ in 0..<4 {
            candidate = candidate.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path) {
                return candidate
            }
        }
        return nil
    }

    /// The scratch directory (`.build` or `--scratch-path`) that holds the build directory.
    var scratchDirectory: URL? {
        guard let root = packageRoot else { return nil }
        var candidate = buildDirectory
        while candidate.path.count > root.path.count {
            if candidate.deletingLastPathComponent().standardizedFileURL == root.standardizedFileURL {
                return candidate
            }
            candidate = candidate.deletingLastPathComponent()
        }
        return nil
    }

    /// `Templates/` of the package or of the installation, or `SLIPWAY_TEMPLATES` when set.
    var templatesDirectory: URL? {
        if let explicit = ProcessEnvironment.current["SLIPWAY_TEMPLATES"] {
            return URL(fileURLWithPath: explicit)
        }
        return packageRoot?.appendingPathComponent("Templates") ?? buildDirectory.appendingPathComponent("Templates")
    }

    /// Rebuilds the dynamic library when it is missing or older than the modules it must match.
    func ensureLibraryMatchesModule(rebuilt: (Double) -> Void = { _ in }) throws {
        let manager = FileManager.default
        func modified(_ url: URL) -> Date? {
            (try? manager.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
        }
        let moduleFiles = ["Slipway.swiftmodule", "SlipwayModel.swiftmodule", "SlipwayVocabulary.swiftmodule"].map {
            modules.appendingPathComponent($0)
        }
        let newestModule = moduleFiles.compactMap(modified).max()
        if let built = modified(library), let newestModule, built >= newestModule { return }
        guard let root = packageRoot, let scratch = scratchDirectory else {
            if manager.fileExists(atPath: library.path) { return }
            throw CLIFailure(
                code: .ioError, message: "slipway: \(library.path) is missing and no package was found to build it")
        }
        let configuration = buildDirectory.lastPathComponent == "release" ? "release" : "debug"
        guard let swift = Toolchain.findExecutable("swift") else {
            throw CLIFailure(code: .ioError, message: "slipway: swift is not on PATH")
        }
        let result = try Subprocess.run(
            swift,
            [
                "build", "--product", "Slipway", "-c", configuration, "--package-path", root.path, "--scratch-path",
                scratch.path,
            ],
            captureOutput: true)
        guard result.status == 0 else {
            throw CLIFailure(
                code: .ioError, message: "slipway: rebuilding the Slipway library failed:\n\(result.output)")
        }
        rebuilt(result.seconds)
    }

    static func findExecutable(_ name: String) -> URL? {
        let path = ProcessEnvironment.current["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

extension CommandLine {
    /// The running executable's real path (`/proc/self/exe` on Linux).
    static var executablePathResolved: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return URL(fileURLWithPath: arguments[0]).standardizedFileURL.path
    }
}

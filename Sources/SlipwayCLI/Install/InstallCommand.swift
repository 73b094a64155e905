import FoundationEssentials

/// `slipway install --prefix DIR`: copies this build of Slipway into a relocatable layout (see
/// ``Installation``), so that a team's repository can use it without a Slipway checkout.
enum InstallCommand {
    static let help = """
        usage: slipway install --prefix DIR

        Installs this build of Slipway into DIR: DIR/bin/slipway, and DIR/lib/slipway with the
        executable, libSlipway.so, the module files DSL programs compile against, and Templates/.
        Everything is found relative to the executable, so DIR can be moved. Run it from a Slipway
        checkout, as a release build:

          swift run -c release slipway install --prefix ~/.local

        DSL files then compile with the same Swift toolchain (Swift 6.3.1) that built Slipway. An
        existing installation in DIR is replaced as a whole.
        """

    static func run(_ arguments: Arguments, _ standardOutput: (String) -> Void) throws -> ExitCode {
        guard let prefixPath = arguments.options["--prefix"] else {
            throw CLIFailure(code: .usage, message: "slipway install: --prefix DIR is required\n\n\(help)")
        }
        let toolchain = try Toolchain.locate()
        guard let root = toolchain.packageRoot else {
            throw CLIFailure(
                code: .usage,
                message:
                    "slipway install: run it from a Slipway checkout (swift run -c release slipway install --prefix DIR); this slipway is already installed in \(toolchain.buildDirectory.path)"
            )
        }
        try toolchain.ensureLibraryMatchesModule()
        let manager = FileManager.default
        let prefix = URL(fileURLWithPath: prefixPath).standardizedFileURL
        let lib = prefix.appendingPathComponent("lib")
        let target = lib.appendingPathComponent("slipway")
        let staging = lib.appendingPathComponent(".slipway-new-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(
                at: staging.appendingPathComponent("Modules"), withIntermediateDirectories: true)
            let executable = URL(fileURLWithPath: CommandLine.executablePathResolved).resolvingSymlinksInPath()
            try manager.copyItem(at: executable, to: staging.appendingPathComponent("slipway"))
            try manager.copyItem(at: toolchain.library, to: staging.appendingPathComponent("libSlipway.so"))
            for module in Installation.modules {
                for suffix in ["swiftmodule", "swiftdoc", "swiftsourceinfo"] {
                    let file = toolchain.modules.appendingPathComponent("\(module).\(suffix)")
                    guard manager.fileExists(atPath: file.path) else { continue }
                    try manager.copyItem(at: file, to: staging.appendingPathComponent("Modules/\(module).\(suffix)"))
                }
            }
            try Self.copyResolvingLinks(
                root.appendingPathComponent("Templates"), to: staging.appendingPathComponent("Templates"))
            let manifest = Installation.Manifest(
                version: SlipwayVersion.current, sourceURL: Self.git(["remote", "get-url", "origin"], in: root),
                sourceCommit: Self.git(["rev-parse", "HEAD"], in: root))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: staging.appendingPathComponent(Installation.manifestName))
            let missing = Installation(directory: staging).missing
            guard missing.isEmpty else {
                throw CLIFailure(
                    code: .ioError, message: "slipway install: this build lacks \(missing.joined(separator: ", "))")
            }
            // Replace as a whole: the old installation is renamed aside, the new one in.
            let old = lib.appendingPathComponent(".slipway-old-\(UInt32.random(in: 0...UInt32.max))")
            if manager.fileExists(atPath: target.path) { try manager.moveItem(at: target, to: old) }
            try manager.moveItem(at: staging, to: target)
            try? manager.removeItem(at: old)
            let bin = prefix.appendingPathComponent("bin")
            try manager.createDirectory(at: bin, withIntermediateDirectories: true)
            let link = bin.appendingPathComponent("slipway")
            try? manager.removeItem(at: link)
            try manager.createSymbolicLink(atPath: link.path, withDestinationPath: "../lib/slipway/slipway")
        } catch {
            try? manager.removeItem(at: staging)
            if let failure = error as? CLIFailure { throw failure }
            throw CLIFailure(code: .ioError, message: "slipway install: \(error)")
        }
        standardOutput(
            "slipway: installed slipway \(SlipwayVersion.current) in \(target.path); put \(prefix.path)/bin on PATH")
        return .ok
    }

    /// Copies a tree, replacing each symbolic link by what it points at: the baseline blueprint is a
    /// link to `Examples/aks-baseline.swift`, which an installation does not have.
    static func copyResolvingLinks(_ source: URL, to destination: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: source.path) {
            let item = source.appendingPathComponent(name).resolvingSymlinksInPath()
            guard let type = try? manager.attributesOfItem(atPath: item.path)[.type] as? FileAttributeType else {
                throw CLIFailure(code: .ioError, message: "slipway install: \(source.path)/\(name) points nowhere")
            }
            if type == .typeDirectory {
                try copyResolvingLinks(item, to: destination.appendingPathComponent(name))
            } else {
                try manager.copyItem(at: item, to: destination.appendingPathComponent(name))
            }
        }
    }

    /// A Git value of the checkout, or nil (no Git, no remote).
    static func git(_ arguments: [String], in root: URL) -> String? {
        guard let git = Toolchain.findExecutable("git"),
            let result = try? Subprocess.run(
                git, ["-C", root.path] + arguments, captureOutput: true, separateStandardOutput: true),
            result.status == 0
        else { return nil }
        let value = result.standardOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return value.isEmpty ? nil : value
    }
}

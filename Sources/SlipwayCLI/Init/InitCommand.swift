import FoundationEssentials
import SlipwayRender

/// `slipway init [DIR] [--template NAME] [--slipway-source URL@REF] [--force]`.
enum InitCommand {
    static let help = """
        usage: slipway init [DIR] [--template minimal|baseline|multi-region] [--slipway-source URL@REF] [--force]

        Scaffolds a repository in DIR (default: the current directory) from Templates/blueprints/:
        environments.swift, slipway.json (the Slipway the workflows build, pinned to URL@REF),
        .gitignore and README.md. `slipway generate environments.swift` then writes Output/ and the
        deploy pipeline .github/workflows/slipway-deploy-environments.yml, derived from the DSL's
        environments. Existing files are kept unless --force is given; a DSL file is never
        overwritten.

        examples:
          slipway init platform --template minimal
          slipway init . --template baseline --slipway-source https://github.com/contoso/slipway.git@v1.2.0
        """

    /// The example in messages, and the pin when nothing better is known.
    static let defaultSource = "https://github.com/YOUR-ORG/slipway.git@v\(SlipwayVersion.current)"

    /// What the scaffold's workflow builds: the Git remote and commit this Slipway was built from
    /// (recorded by `slipway install`, or read from the checkout), so the pin is exact and exists.
    static func defaultPin(_ toolchain: Toolchain) -> String? {
        let recorded: Installation.Manifest?
        if let root = toolchain.packageRoot {
            recorded = Installation.Manifest(
                version: SlipwayVersion.current,
                sourceURL: InstallCommand.git(["remote", "get-url", "origin"], in: root),
                sourceCommit: InstallCommand.git(["rev-parse", "HEAD"], in: root))
        } else {
            recorded = Installation(directory: toolchain.buildDirectory).manifest
        }
        // A local path (a clone of a clone) is not something a CI runner can fetch.
        guard let url = recorded?.sourceURL, let commit = recorded?.sourceCommit,
            ["https://", "ssh://", "git@"].contains(where: { url.hasPrefix($0) })
        else { return nil }
        return "\(url)@\(commit)"
    }

    static func run(_ arguments: Arguments, toolchain: Toolchain, _ standardOutput: (String) -> Void) throws
        -> ExitCode
    {
        let template = arguments.options["--template"] ?? "minimal"
        let directory = URL(fileURLWithPath: arguments.files.first ?? ".").standardizedFileURL
        let pin = arguments.options["--slipway-source"] ?? defaultPin(toolchain)
        if pin == nil {
            standardOutput(
                "slipway init: warning: this Slipway was built from a checkout with no Git remote, so slipway.json pins no source; the workflows build the repository variables SLIPWAY_SOURCE_URL@SLIPWAY_SOURCE_REF and stop with a clear message while those are unset. Pass --slipway-source URL@REF (a commit or an exact version tag, such as \(defaultSource)) to pin it"
            )
        }
        if let given = arguments.options["--slipway-source"], WorkflowSource.Pin(parsing: given) == nil {
            throw CLIFailure(
                code: .usage, message: "slipway init: --slipway-source takes URL@REF, for example \(defaultSource)")
        }
        let source = pin.flatMap(WorkflowSource.Pin.init(parsing:))
        guard let blueprints = toolchain.templatesDirectory?.appendingPathComponent("blueprints") else {
            throw CLIFailure(code: .ioError, message: "slipway init: Templates/ was not found")
        }
        let folder = blueprints.appendingPathComponent(template)
        guard let dsl = try? String(contentsOf: folder.appendingPathComponent("environments.swift"), encoding: .utf8)
        else {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: blueprints.path)) ?? []).filter {
                FileManager.default.fileExists(
                    atPath: blueprints.appendingPathComponent("\($0)/environments.swift").path)
            }
            throw CLIFailure(
                code: .usage,
                message:
                    "slipway init: no template '\(template)'; choose one of \(names.sorted().joined(separator: ", "))")
        }
        let readme = try String(contentsOf: blueprints.appendingPathComponent("repository-readme.md"), encoding: .utf8)
            .replacing(
                "{{slipway-source}}",
                with: source?.text ?? "the repository variables `SLIPWAY_SOURCE_URL`@`SLIPWAY_SOURCE_REF`")
        var files: [String: String] = [
            "environments.swift": dsl,
            ".gitignore": try String(contentsOf: blueprints.appendingPathComponent("gitignore"), encoding: .utf8),
            "README.md": readme,
            RepositorySettings.fileName: RepositorySettings.scaffold(source: source),
        ]
        // Files the blueprint's DSL refers to (a workload's source, its inputs), under files/.
        let extras = folder.appendingPathComponent("files")
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: extras.path)) ?? [] {
            if let content = try? String(contentsOf: extras.appendingPathComponent(path), encoding: .utf8) {
                files[path] = content
            }
        }
        let manager = FileManager.default
        let existing = Set(files.keys.filter { manager.fileExists(atPath: directory.appendingPathComponent($0).path) })
        // A DSL file (or a file it reads) is the user's work: never overwritten, not even by --force.
        let kept = existing.filter { $0.hasSuffix(".swift") || $0.hasPrefix("Examples/") }
        if !existing.isEmpty && !arguments.flags.contains("--force") {
            throw CLIFailure(
                code: .usage,
                message:
                    "slipway init: \(existing.sorted().joined(separator: ", ")) already exist in \(directory.path); use --force to overwrite (DSL files are kept even then)"
            )
        }
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            if kept.contains(path) {
                standardOutput("kept \(path) (a DSL file is never overwritten)")
                continue
            }
            let target = directory.appendingPathComponent(path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: target)
            standardOutput("created \(path)")
        }
        // Machine-specific, so written here and ignored by Git (the blueprint's .gitignore lists it).
        if (try? EditorCommand.write(into: directory, toolchain: toolchain)) != nil {
            standardOutput("created \(EditorCommand.fileName) (for sourcekit-lsp; ignored by Git)")
        }
        standardOutput(
            "slipway init: '\(template)'; next: slipway generate environments.swift (it writes Output/ and the deploy pipeline)"
        )
        return .ok
    }
}

import FoundationEssentials
import SlipwayModel
import SlipwayRender
import SlipwayWriter

/// `slipway diff [FILE…] [--base REV] [--format text|markdown]`.
enum DiffCommand {
    static let help = """
        usage: slipway diff FILE… [--output DIR] [--format text|markdown]
               slipway diff --base REV [--output DIR] [--format text|markdown]

        Compares resolved models (Output/<env>/slipway-model.json), never Bicep text. The first form
        renders FILE… in memory and compares with the committed output; the second compares the
        committed models at REV with the ones in the working tree, without compiling any DSL.
        Reports changed parameters, added and removed resources, every resolved property that
        changed (derived ones included), Flux files, and a section of risky changes. Exit 0 when
        nothing changed, 1 when something did.

        examples:
          slipway diff Examples/dev-prod.swift
          slipway diff --base origin/main --format markdown > comment.md
        """

    static func run(
        _ arguments: Arguments, _ standardOutput: (String) -> Void, _ standardError: @escaping (String) -> Void
    )
        throws -> ExitCode
    {
        let output = URL(fileURLWithPath: arguments.output).standardizedFileURL
        var pairs: [(name: String, old: ModelDiff.JSON?, new: ModelDiff.JSON?)] = []
        if let base = arguments.options["--base"] {
            let git = try GitRevision(output: output)
            let names = Set(try git.environments(at: base)).union(environmentFolders(output))
            for name in names.sorted() {
                pairs.append(
                    (
                        name, try git.model(of: name, at: base).flatMap(parse),
                        read(output.appendingPathComponent(name).appendingPathComponent(EnvironmentRenderer.modelFile))
                    ))
            }
        } else {
            let pipeline = Pipeline(
                arguments: arguments, toolchain: try Toolchain.locate(), standardError: standardError,
                standardOutput: { _ in })
            let rendered = try pipeline.render()
            let names = Set(rendered.folders.keys).union(Ownership.folders(in: output, ownedBy: rendered.sources))
            for name in names.sorted() {
                pairs.append(
                    (
                        name,
                        read(output.appendingPathComponent(name).appendingPathComponent(EnvironmentRenderer.modelFile)),
                        rendered.folders[name]?[EnvironmentRenderer.modelFile].flatMap(parse)
                    ))
            }
        }
        let diffs = pairs.map { ModelDiff.environment(name: $0.name, old: $0.old, new: $0.new) }
        switch arguments.options["--format"] ?? "text" {
        case "markdown": standardOutput(DiffReport.markdown(diffs))
        case "text": standardOutput(DiffReport.text(diffs))
        case let other: throw CLIFailure(code: .usage, message: "slipway diff: unknown format '\(other)'")
        }
        return diffs.allSatisfy(\.isEmpty) ? .ok : .changes
    }

    static func parse(_ text: String) -> ModelDiff.JSON? {
        JSONReader.parse(text) as? ModelDiff.JSON
    }

    static func read(_ url: URL) -> ModelDiff.JSON? {
        (try? String(contentsOf: url, encoding: .utf8)).flatMap(parse)
    }

    static func environmentFolders(_ output: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter {
            !$0.hasPrefix(".")
                && FileManager.default.fileExists(
                    atPath: output.appendingPathComponent($0).appendingPathComponent(EnvironmentRenderer.modelFile).path
                )
        }
    }
}

/// Reads committed models from Git.
struct GitRevision {
    let root: String
    /// The output folder relative to the repository root.
    let prefix: String

    init(output: URL) throws {
        guard let git = Toolchain.findExecutable("git") else {
            throw CLIFailure(code: .ioError, message: "slipway diff: git is not on PATH")
        }
        let result = try Subprocess.run(
            git, ["-C", output.deletingLastPathComponent().path, "rev-parse", "--show-toplevel"], captureOutput: true)
        guard result.status == 0 else {
            throw CLIFailure(
                code: .ioError, message: "slipway diff --base: \(output.path) is not inside a Git repository")
        }
        root = result.output.trimmedOfWhitespace
        let base = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let full = output.resolvingSymlinksInPath().path
        prefix = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : output.lastPathComponent
    }

    func git(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run(
            Toolchain.findExecutable("git")!, ["-C", root] + arguments, captureOutput: true,
            separateStandardOutput: true)
    }

    func environments(at revision: String) throws -> [String] {
        let result = try git(["ls-tree", "--name-only", "\(revision):\(prefix)"])
        guard result.status == 0 else {
            throw CLIFailure(
                code: .usage, message: "slipway diff: cannot read \(prefix) at '\(revision)': \(result.output)")
        }
        // Environment folders only: hidden entries (the lock, a journal) are Slipway's bookkeeping.
        return result.standardOutput.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(".") }
    }

    func model(of environment: String, at revision: String) throws -> String? {
        let result = try git(["show", "\(revision):\(prefix)/\(environment)/\(EnvironmentRenderer.modelFile)"])
        return result.status == 0 ? result.standardOutput : nil
    }
}

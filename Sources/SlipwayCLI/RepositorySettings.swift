import FoundationEssentials
import SlipwayRender

/// `slipway.json`: what a repository says about how Slipway runs in it. It is found by looking in
/// the DSL file's folder, then each parent up to the repository root (as `bicepconfig.json` is),
/// and it is committed: nothing in it is machine-specific.
///
/// ```json
/// {
///   "source": "https://github.com/contoso/slipway.git@v0.6.0",
///   "workflows": ".github/workflows"
/// }
/// ```
/// - `source`: the Slipway the generated workflows build, `URL@REF` with an exact tag or a commit.
///   Without it they build `vars.SLIPWAY_SOURCE_URL`@`vars.SLIPWAY_SOURCE_REF`, and fail early with
///   a clear message when those are unset.
/// - `workflows`: where generated workflows go, relative to the repository root. GitHub runs only
///   `.github/workflows/` (the default); Slipway's own examples use `Examples/workflows` so that
///   they are drift-checked but never run as workflows of Slipway's repository.
struct RepositorySettings: Equatable {
    static let fileName = "slipway.json"

    var source: WorkflowSource.Pin?
    var workflows = ".github/workflows"
    /// The file they came from, relative to the repository root; nil for the defaults.
    var file: String?
    /// The file's bytes: part of the render cache's key, since the workflows depend on them.
    var contents = ""

    private struct Stored: Decodable {
        var source: String?
        var workflows: String?
    }

    /// What `slipway init` writes: the pin when one is known (else the workflows read the GitHub
    /// variables) and the default workflows folder, spelled out so it can be found and changed.
    static func scaffold(source: WorkflowSource.Pin?) -> String {
        var lines: [String] = []
        if let source { lines.append("  \"source\": \"\(source.text)\"") }
        lines.append("  \"workflows\": \".github/workflows\"")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// The settings for `dslFile`: the nearest `slipway.json` from its folder up to `root`.
    static func find(for dslFile: String, root: URL) throws -> RepositorySettings {
        let start = URL(fileURLWithPath: dslFile).standardizedFileURL
        var folder = start.deletingLastPathComponent()
        // A directory program (main.swift inside it) starts in that directory.
        var isDirectory = false
        if FileManager.default.fileExists(atPath: start.path, isDirectory: &isDirectory), isDirectory {
            folder = start
        }
        // Inside the root only (a sibling such as `/repo2` of `/repo` is not inside it).
        while folder.path == root.path || folder.path.hasPrefix(root.path + "/") {
            let candidate = folder.appendingPathComponent(fileName)
            if let data = FileManager.default.contents(atPath: candidate.path) {
                let shown = String(candidate.path.dropFirst(root.path.count).drop { $0 == "/" })
                return try parse(data, file: shown)
            }
            if folder.path == root.path { break }
            folder = folder.deletingLastPathComponent()
        }
        return RepositorySettings()
    }

    static func parse(_ data: Data, file: String) throws -> RepositorySettings {
        let stored: Stored
        do {
            stored = try JSONDecoder().decode(Stored.self, from: data)
        } catch {
            throw CLIFailure(
                code: .usage,
                message:
                    "slipway: \(file) is not valid: expected {\"source\": \"URL@REF\", \"workflows\": \"DIR\"} (\(error))"
            )
        }
        var settings = RepositorySettings(file: file, contents: String(decoding: data, as: UTF8.self))
        if let source = stored.source {
            guard let pin = WorkflowSource.Pin(parsing: source) else {
                throw CLIFailure(
                    code: .usage,
                    message:
                        "slipway: \(file): source '\(source)' is not URL@REF; write, for example, https://github.com/contoso/slipway.git@v\(SlipwayVersion.current)"
                )
            }
            settings.source = pin
        }
        if let workflows = stored.workflows {
            let parts = workflows.split(separator: "/")
            guard !workflows.hasPrefix("/"), !parts.isEmpty, !parts.contains("..") else {
                throw CLIFailure(
                    code: .usage,
                    message:
                        "slipway: \(file): workflows '\(workflows)' must be a folder inside the repository, relative to its root (for example .github/workflows)"
                )
            }
            settings.workflows = parts.joined(separator: "/")
        }
        return settings
    }
}

import Foundation

@testable import SlipwayCLI

/// Paths and process helpers shared by the tests.
enum Support {
    /// The package root, from this file's location.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let fixtures = root.appendingPathComponent("Tests/SlipwayTests/Fixtures")

    /// The built `slipway` next to the test bundle.
    static var slipway: URL {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("slipway")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `slipway` with `arguments` in `directory`.
    static func slipway(_ arguments: [String], in directory: URL = root, environment: [String: String] = [:]) throws
        -> Run
    {
        try run(slipway, arguments, in: directory, environment: environment)
    }

    /// Runs `executable` in `directory` through the CLI's own `Subprocess` (`posix_spawn` and
    /// `waitpid`; Foundation's `Process` adds up to 50 ms of polling to every run on Linux).
    /// `env -C` changes into the directory, which `posix_spawn` cannot portably do.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:])
        throws -> Run
    {
        let result = try Subprocess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["-C", directory.path, executable.path] + arguments,
            captureOutput: true,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
            separateStandardOutput: true)
        return Run(status: result.status, stdout: result.standardOutput, stderr: result.output)
    }

    /// A fresh temporary directory.
    /// A fresh folder under this test process's own root, which is removed when the process exits
    /// (`swift test` leaves nothing in the system's temporary folder).
    static func temporaryDirectory() -> URL {
        let url = testRoot.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `<tmp>/slipway-tests-<pid>`, removed at exit.
    static let testRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testRootPath = url.path
        atexit {
            if let path = Support.testRootPath { try? FileManager.default.removeItem(atPath: path) }
        }
        return url
    }()
    nonisolated(unsafe) static var testRootPath: String?

    /// A scratch "repository" holding copies of the examples (with their `slipway.json` and the
    /// generated workflows in `Examples/workflows/`) and their committed output.
    static func scratchRepository() throws -> URL {
        let repository = temporaryDirectory().appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        for folder in ["Examples", "Output"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent(folder), to: repository.appendingPathComponent(folder))
        }
        // The checkout's lock file exists once any run has read or written its Output/ (it is
        // ignored by git); a clean clone has none, so neither does the copy.
        try? FileManager.default.removeItem(at: repository.appendingPathComponent("Output/.slipway.lock"))
        return repository
    }

    /// The 1-based line of `source` that ends with the marker comment `// ⟵ <marker>` (0 when none),
    /// so that rule tests can assert the exact line a diagnostic points at.
    static func line(markedBy marker: String, in source: String) -> Int {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.hasSuffix("// ⟵ \(marker)") } ?? -1) + 1
    }

    /// Every regular file under `folder`, relative path → bytes.
    static func tree(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return files
        }
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            guard !isDirectory.boolValue else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = FileManager.default.contents(
                atPath: url.path)
        }
        return files
    }
}

import Foundation
import Testing

/// Editor support through the toolchain's own sourcekit-lsp, as an editor starts it: completion on
/// the DSL and type errors, in a scaffolded repository and in this repository's examples, with the
/// `compile_flags.txt` that `slipway init` and `slipway editor` write.
@Suite(.serialized) struct EditorSupportTests {
    /// A small Language Server Protocol client: JSON-RPC over the server's stdin and stdout.
    final class LanguageServer: @unchecked Sendable {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        let lock = NSLock()
        var buffer = Data()
        var messages: [[String: Any]] = []
        var nextID = 0

        init?(root: URL) throws {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            guard
                let server = path.split(separator: ":").map({ URL(fileURLWithPath: String($0)) }).map({
                    $0.appendingPathComponent("sourcekit-lsp")
                }).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
            else { return nil }
            process.executableURL = server
            process.currentDirectoryURL = root
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock {
                    self.buffer.append(data)
                    self.parse()
                }
            }
            let id = request(
                "initialize",
                [
                    "processId": NSNull(), "rootUri": root.absoluteString,
                    "capabilities": ["textDocument": ["publishDiagnostics": [String: Any]()]],
                ])
            _ = try wait(for: id, timeout: 60)
            notify("initialized", [String: Any]())
        }

        deinit {
            output.fileHandleForReading.readabilityHandler = nil
            if process.isRunning { process.terminate() }
        }

        /// Splits `Content-Length`-framed messages off the buffer (called under the lock).
        func parse() {
            let separator = Data("\r\n\r\n".utf8)
            while let end = buffer.range(of: separator) {
                let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                guard
                    let length = header.split(separator: "\r\n").first(where: {
                        $0.lowercased().hasPrefix("content-length:")
                    }).flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                    buffer.distance(from: end.upperBound, to: buffer.endIndex) >= length
                else { return }
                let body = buffer[end.upperBound..<buffer.index(end.upperBound, offsetBy: length)]
                if let message = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
                    messages.append(message)
                }
                buffer = Data(buffer[buffer.index(end.upperBound, offsetBy: length)...])
            }
        }

        func send(_ message: [String: Any]) {
            guard let body = try? JSONSerialization.data(withJSONObject: message) else { return }
            input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        }

        func request(_ method: String, _ parameters: Any) -> Int {
            nextID += 1
            send(["jsonrpc": "2.0", "id": nextID, "method": method, "params": parameters])
            return nextID
        }

        func notify(_ method: String, _ parameters: Any) {
            send(["jsonrpc": "2.0", "method": method, "params": parameters])
        }

        /// The first message that satisfies `match`, waiting up to `timeout` seconds.
        func first(timeout: Double, where match: ([String: Any]) -> Bool) -> [String: Any]? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let found = lock.withLock({ messages.first(where: match) }) { return found }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }

        func wait(for id: Int, timeout: Double) throws -> [String: Any] {
            try #require(first(timeout: timeout) { ($0["id"] as? Int) == id }, "no answer to request \(id)")
        }

        /// Opens `file` with `probe` appended on its last line; returns the probe's end position.
        func open(_ file: URL, appending probe: String) throws -> (line: Int, character: Int) {
            let text = try String(contentsOf: file, encoding: .utf8) + probe + "\n"
            notify(
                "textDocument/didOpen",
                [
                    "textDocument": [
                        "uri": file.absoluteString, "languageId": "swift", "version": 1, "text": text,
                    ]
                ])
            let lines = text.components(separatedBy: "\n")
            return (lines.count - 2, lines[lines.count - 2].utf16.count)
        }

        /// Completion labels (up to the first parenthesis) at `position`.
        func completions(in file: URL, at position: (line: Int, character: Int)) throws -> Set<String> {
            let id = request(
                "textDocument/completion",
                [
                    "textDocument": ["uri": file.absoluteString],
                    "position": ["line": position.line, "character": position.character],
                ])
            let answer = try wait(for: id, timeout: 120)
            let result = answer["result"]
            let items = (result as? [String: Any])?["items"] as? [[String: Any]] ?? result as? [[String: Any]] ?? []
            return Set(items.compactMap { ($0["label"] as? String)?.split(separator: "(").first.map(String.init) })
        }

        /// Diagnostic messages published for `file` once one contains `expected` (or the last
        /// published set when none does within `timeout`).
        func diagnostics(for file: URL, containing expected: String, timeout: Double = 120) -> [String] {
            func messages(_ message: [String: Any]) -> [String]? {
                guard message["method"] as? String == "textDocument/publishDiagnostics",
                    let parameters = message["params"] as? [String: Any],
                    (parameters["uri"] as? String).map({ URL(string: $0)?.standardizedFileURL.path })
                        == file.standardizedFileURL.path
                else { return nil }
                return (parameters["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            }
            if let match = first(
                timeout: timeout,
                where: { messages($0)?.contains { $0.localizedCaseInsensitiveContains(expected) } ?? false }
            ) {
                return messages(match) ?? []
            }
            return lock.withLock { self.messages.compactMap(messages).last ?? [] }
        }
    }

    /// Completion after `NodePool.` and after `.` on a cluster, and a type error, in `file`.
    func assertEditorSupport(root: URL, file: URL) throws {
        guard let server = try LanguageServer(root: root) else {
            Issue.record("sourcekit-lsp is not on PATH; the toolchain ships it")
            return
        }
        let probe = """

            let editorProbeCluster = AKSCluster("probe", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            }
            let editorProbeCount: Int = "three"
            _ = editorProbeCluster.
            """
        let end = try server.open(file, appending: probe)
        let modifiers = try server.completions(in: file, at: end)
        for modifier in ["nodes", "privateAPIServer", "monitoring", "gitOps", "pullsImages"] {
            #expect(modifiers.contains(modifier), "\(file.lastPathComponent): `.` on a cluster lacks \(modifier)")
        }
        // Right after `NodePool.` in the cluster's body (three lines up): its factories.
        let pools = try server.completions(in: file, at: (end.line - 3, "    NodePool.".count))
        #expect(
            pools.isSuperset(of: ["system", "user"]), "\(file.lastPathComponent): NodePool. offers \(pools.sorted())")
        let diagnostics = server.diagnostics(for: file, containing: "cannot convert")
        #expect(
            diagnostics.contains {
                $0.localizedCaseInsensitiveContains("cannot convert value of type 'String' to specified type 'Int'")
            },
            "\(file.lastPathComponent): \(diagnostics)")
    }

    @Test func aScaffoldedRepositoryCompletesTheDSLAndReportsTypeErrors() throws {
        let directory = Support.temporaryDirectory().appendingPathComponent("platform")
        let run = try Support.slipway(["init", directory.path, "--template", "minimal"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("created compile_flags.txt (for sourcekit-lsp; ignored by Git)"))
        let flags = try String(contentsOf: directory.appendingPathComponent("compile_flags.txt"), encoding: .utf8)
        #expect(flags.hasPrefix("-I\n/") && flags.hasSuffix("/Modules\n-swift-version\n5\n"))
        let ignored = try String(contentsOf: directory.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored.contains("\ncompile_flags.txt\n"))
        try assertEditorSupport(root: directory, file: directory.appendingPathComponent("environments.swift"))
    }

    @Test func theExamplesCompleteTheDSLAndReportTypeErrors() throws {
        let repository = try Support.scratchRepository()
        try? FileManager.default.removeItem(at: repository.appendingPathComponent("Examples/compile_flags.txt"))
        let run = try Support.slipway(["editor", "Examples"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote Examples/compile_flags.txt for sourcekit-lsp"))
        try assertEditorSupport(
            root: repository, file: repository.appendingPathComponent("Examples/aks-baseline.swift"))
    }

    /// The control: without the configuration, sourcekit-lsp cannot find the DSL at all.
    @Test func withoutTheConfigurationTheDSLIsNotFound() throws {
        let directory = Support.temporaryDirectory()
        let file = directory.appendingPathComponent("environments.swift")
        try "import Slipway\n".write(to: file, atomically: true, encoding: .utf8)
        guard let server = try LanguageServer(root: directory) else {
            Issue.record("sourcekit-lsp is not on PATH")
            return
        }
        _ = try server.open(file, appending: "")
        let diagnostics = server.diagnostics(for: file, containing: "No such module 'Slipway'")
        #expect(
            diagnostics.contains { $0.localizedCaseInsensitiveContains("No such module 'Slipway'") }, "\(diagnostics)")
    }
}

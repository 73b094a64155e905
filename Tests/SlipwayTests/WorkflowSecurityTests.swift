import Foundation
import SlipwayRender
import Testing

/// Every workflow Slipway writes (the examples' workload pipelines and each `init` template's
/// workflow and pipelines) pins its actions by commit, keeps no credentials in checkouts, and
/// never expands `${{ … }}` inside a shell script.
@Suite struct WorkflowSecurityTests {
    /// The generated workflows: this repository's examples and a fresh scaffold of every template.
    static func workflows() throws -> [(name: String, text: String)] {
        var files: [URL] = []
        let examples = Support.root.appendingPathComponent("Examples/workflows")
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) where name.hasSuffix(".yml") {
            files.append(examples.appendingPathComponent(name))
        }
        for template in ["minimal", "baseline", "multi-region"] {
            let directory = Support.temporaryDirectory().appendingPathComponent(template)
            #expect(try Support.slipway(["init", directory.path, "--template", template, "--quiet"]).status == 0)
            #expect(try Support.slipway(["generate", "environments.swift", "--quiet"], in: directory).status == 0)
            let folder = directory.appendingPathComponent(".github/workflows")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files.append(folder.appendingPathComponent(name))
            }
        }
        return try files.map { ($0.path, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// `(commit, version)` for each action in `../shared/reference/github-actions.md`, by name.
    static func referenceTable() throws -> [String: [(commit: String, version: String)]]? {
        let table = Support.root.deletingLastPathComponent().appendingPathComponent(
            "shared/reference/github-actions.md")
        guard let text = try? String(contentsOf: table, encoding: .utf8) else { return nil }
        var rows: [String: [(commit: String, version: String)]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[2].count == 40 else { continue }
            rows[cells[0], default: []].append((cells[2], cells[1]))
        }
        return rows
    }

    @Test func everyActionIsPinnedByACommitOfTheReferenceTable() throws {
        let table = try Self.referenceTable()
        let uses = try Regex(#"uses: "([^"@]+)@([^"]+)"(?: # (\S+))?"#)
        var seen = 0
        for (name, text) in try Self.workflows() {
            for match in text.matches(of: uses) {
                seen += 1
                let action = String(match.output[1].substring ?? "")
                let reference = String(match.output[2].substring ?? "")
                let comment = match.output[3].substring.map(String.init)
                #expect(reference.count == 40 && reference.allSatisfy(\.isHexDigit), "\(name): \(action)@\(reference)")
                let pinned = GitHubActions.pinnedActions.first { $0.name == action }
                #expect(pinned?.commit == reference && comment == pinned?.version, "\(name): \(action)")
                if let table {
                    let rows = table[action] ?? []
                    #expect(rows.contains { $0.commit == reference && $0.version == comment }, "\(name): \(action)")
                }
            }
        }
        #expect(seen > 20)
    }

    @Test func checkoutsKeepNoCredentialsAndScriptsExpandNoExpressions() throws {
        for (name, text) in try Self.workflows() {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- uses: \"actions/checkout@") || trimmed.hasPrefix("uses: \"actions/checkout@") {
                    // The step's `with:` block follows and sets persist-credentials: false.
                    let block = lines[(index + 1)...].prefix {
                        !$0.trimmingCharacters(in: .whitespaces).hasPrefix("- ")
                    }
                    #expect(block.contains { $0.contains("persist-credentials: false") }, "\(name):\(index + 1)")
                }
                if trimmed.hasPrefix("run: ") || trimmed.hasPrefix("- run: ") {
                    let indent = line.prefix { $0 == " " }.count
                    var script = [line]
                    if trimmed.hasSuffix("|") {
                        script += lines[(index + 1)...].prefix { $0.isEmpty || $0.prefix { $0 == " " }.count > indent }
                    }
                    #expect(!script.joined().contains("${{"), "\(name):\(index + 1) expands an expression in a script")
                }
                if trimmed.hasPrefix("image: ") {
                    #expect(trimmed.contains("# an exact tag"), "\(name):\(index + 1)")
                }
            }
        }
    }
}

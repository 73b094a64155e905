import Foundation
import SlipwayRules
import SlipwayWriter
import Testing

/// The validation issue's acceptance: every mistake at once, at its line, and nothing written.
@Suite struct ValidationTests {
    static let programs = "Tests/SlipwayTests/Fixtures/Programs"

    /// Bytes and modification times of every file under `folder`.
    func snapshot(_ folder: URL) throws -> [String: (Data, Date)] {
        var result: [String: (Data, Date)] = [:]
        for (path, data) in Support.tree(folder) {
            let date =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[
                    .modificationDate] as! Date
            result[path] = (data, date)
        }
        return result
    }

    @Test func fiveMistakesAreReportedAtOnceAndNothingIsWritten() throws {
        let repository = Support.temporaryDirectory()
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Output"), to: repository.appendingPathComponent("Output"))
        let before = try snapshot(repository.appendingPathComponent("Output"))
        let file = "\(Self.programs)/five-mistakes.swift"
        let run = try Support.slipway([
            "generate", file, "--output", repository.appendingPathComponent("Output").path,
        ])
        #expect(run.status == 5)
        let expected = try String(
            contentsOf: Support.fixtures.appendingPathComponent("Programs/five-mistakes.expected"), encoding: .utf8
        ).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(expected.count == 5)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: [") }
        #expect(errors.count == 5, "\(run.stderr)")
        for (line, expectation) in zip(errors, expected) {
            #expect(
                line.hasPrefix("\(file):\(expectation[1]):\(expectation[2]): error: [\(expectation[0])]"), "\(line)")
        }
        #expect(run.stderr.contains("slipway: 5 error(s), 0 warning(s); nothing was written"))
        let after = try snapshot(repository.appendingPathComponent("Output"))
        #expect(Set(after.keys) == Set(before.keys))
        for (path, (data, date)) in before {
            #expect(after[path]?.0 == data, "\(path) changed")
            #expect(after[path]?.1 == date, "\(path) was touched")
        }
    }

    @Test func explainPrintsTheRuleAndListsEveryRule() throws {
        let one = try Support.slipway(["explain", "NET004"])
        #expect(one.status == 0)
        #expect(one.stdout.hasPrefix("NET004 (error): Address spaces overlap across VNets"))
        #expect(one.stdout.contains("shared hub"))
        let all = try Support.slipway(["explain"])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == RuleCatalogue.entries.count)
        #expect(try Support.slipway(["explain", "XYZ999"]).status == 2)
    }

    @Test func rulesDocumentIsGeneratedFromTheCatalogue() throws {
        let markdown = try Support.slipway(["explain", "--markdown"]).stdout
        let committed = try String(
            contentsOf: Support.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(committed == markdown, "regenerate with: swift run slipway explain --markdown > docs/rules.md")
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let scratch = Support.temporaryDirectory()
        let file = scratch.appendingPathComponent("warned.swift")
        try """
        import Slipway
        let env = Environment("warned", location: .eastUS) {
            LogAnalyticsWorkspace("la-warned")
            ContainerRegistry("acrwarned01").literalName()
        }
        .diagnostics(to: "la-warned")
        Slipway.emit(env)
        """.write(to: file, atomically: false, encoding: .utf8)
        let output = scratch.appendingPathComponent("Output").path
        let relaxed = try Support.slipway(["generate", file.path, "--output", output])
        #expect(relaxed.status == 0)
        #expect(relaxed.stderr.contains("warning: [NAM003]"))
        let strict = try Support.slipway(["generate", file.path, "--output", output, "--strict"])
        #expect(strict.status == 5)
        #expect(strict.stderr.contains("0 error(s), 1 warning(s); nothing was written"))
    }
}

/// Atomic replacement: an interrupted run leaves a folder entirely old or entirely new.
@Suite struct AtomicWriteTests {
    func files(_ version: Int) -> [String: String] {
        var files: [String: String] = [:]
        for index in 0..<10 { files["dir\(index % 3)/file\(index).txt"] = "file \(index)\n" }
        files["changing.txt"] = "version \(version)\n"
        files["only-in-\(version).txt"] = "\(version)\n"
        return files
    }

    @Test func unchangedFilesKeepTheirInodeAndTheSwapIsAtomic() throws {
        let output = Support.temporaryDirectory().path
        let folder = URL(fileURLWithPath: output).appendingPathComponent("env")
        _ = try OutputTransaction.commit(.init(output: output, folders: ["env": files(1)]))
        let stable = folder.appendingPathComponent("dir0/file0.txt").path
        let inode = try FileManager.default.attributesOfItem(atPath: stable)[.systemFileNumber] as? UInt64
        let outcome = try OutputTransaction.commit(.init(output: output, folders: ["env": files(2)]))
        #expect(outcome.written == ["env"])
        #expect(outcome.filesWritten == 2)
        #expect(outcome.filesUnchanged == 10)
        #expect(try FileManager.default.attributesOfItem(atPath: stable)[.systemFileNumber] as? UInt64 == inode)
        #expect(OutputFolder.read(folder) == files(2))
        #expect(try OutputTransaction.commit(.init(output: output, folders: ["env": files(2)])).unchanged == ["env"])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: output)
        #expect(siblings == ["env"])
    }

    /// Runs `slipway generate` with SLIPWAY_FAIL_AFTER_FILES and checks the folder is all old or all new.
    @Test(arguments: [1, 5, 20])
    func interruptedGenerateLeavesTheOldFolder(failAfter: Int) throws {
        let repository = Support.temporaryDirectory()
        for folder in ["Examples", "Output"] {
            try FileManager.default.copyItem(
                at: Support.root.appendingPathComponent(folder), to: repository.appendingPathComponent(folder))
        }
        let file = repository.appendingPathComponent("Examples/dev-prod.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        try source.replacing("name == \"prod\" ? 90 : 30", with: "name == \"prod\" ? 60 : 30").write(
            to: file, atomically: false, encoding: .utf8)
        let old = OutputFolder.read(repository.appendingPathComponent("Output/prod"))
        let interrupted = try Support.slipway(
            ["generate", "Examples/dev-prod.swift"], in: repository,
            environment: ["SLIPWAY_FAIL_AFTER_FILES": String(failAfter)])
        #expect(interrupted.status == 86)
        #expect(interrupted.stderr.contains("injected failure"))
        #expect(OutputFolder.read(repository.appendingPathComponent("Output/prod")) == old)
        let finished = try Support.slipway(["generate", "Examples/dev-prod.swift"], in: repository)
        #expect(finished.status == 0)
        let new = OutputFolder.read(repository.appendingPathComponent("Output/prod"))
        #expect(new != old)
        #expect(new["monitoring.parameters.json"]?.contains("\"value\": 60") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: repository.appendingPathComponent("Output").path
        ).filter { $0.hasPrefix(".") && $0 != ".slipway.lock" }
        #expect(leftovers.isEmpty)
    }
}

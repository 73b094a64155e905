import Foundation
import Testing

/// Generate/check round trips in a scratch copy of the repository: drift detection, ownership and
/// removal, and determinism across clone paths and working directories.
@Suite struct WorkflowTests {
    @Test func checkNamesEditedAddedAndDeletedFiles() throws {
        let repository = try Support.scratchRepository()
        let check = ["check", "Examples/aks-baseline.swift"]
        #expect(try Support.slipway(check, in: repository).status == 0)

        let hub = repository.appendingPathComponent("Output/aks-baseline/hub.bicep")
        let original = try String(contentsOf: hub, encoding: .utf8)
        try (original + "// hand edit\n").write(to: hub, atomically: false, encoding: .utf8)
        let edited = try Support.slipway(check, in: repository)
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("changed: Output/aks-baseline/hub.bicep"))
        #expect(edited.stdout.contains("-// hand edit"))
        try original.write(to: hub, atomically: false, encoding: .utf8)

        let extra = repository.appendingPathComponent("Output/aks-baseline/notes.txt")
        try "stray\n".write(to: extra, atomically: false, encoding: .utf8)
        let added = try Support.slipway(check, in: repository)
        #expect(added.status == 1)
        #expect(added.stderr.contains("extra: Output/aks-baseline/notes.txt"))
        try FileManager.default.removeItem(at: extra)

        let script = repository.appendingPathComponent("Output/aks-baseline/deploy.sh")
        try FileManager.default.removeItem(at: script)
        let deleted = try Support.slipway(check, in: repository)
        #expect(deleted.status == 1)
        #expect(deleted.stderr.contains("missing: Output/aks-baseline/deploy.sh"))

        // Folders owned by other files are not looked at.
        #expect(!deleted.stderr.contains("Output/prod"))
    }

    @Test func generateRemovesEnvironmentsTheFileNoLongerDeclares() throws {
        let repository = try Support.scratchRepository()
        let file = repository.appendingPathComponent("Examples/dev-prod.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        try source.replacing("Slipway.emit(dev, prod)", with: "Slipway.emit(dev)").write(
            to: file, atomically: false, encoding: .utf8)
        let before = Support.tree(repository.appendingPathComponent("Output/aks-baseline"))

        let generate = try Support.slipway(["generate", "Examples/dev-prod.swift"], in: repository)
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(generate.stdout.contains("1 removed (prod)"))
        #expect(!FileManager.default.fileExists(atPath: repository.appendingPathComponent("Output/prod").path))
        #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent("Output/dev").path))
        // A folder owned by another file is untouched.
        #expect(Support.tree(repository.appendingPathComponent("Output/aks-baseline")) == before)

        let check = try Support.slipway(["check", "Examples/dev-prod.swift"], in: repository)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func anotherClonePathAndWorkingDirectoryGiveIdenticalBytes() throws {
        let repository = try Support.scratchRepository()
        let committed = Support.tree(repository.appendingPathComponent("Output"))
        try FileManager.default.removeItem(at: repository.appendingPathComponent("Output"))
        let elsewhere = Support.temporaryDirectory()
        let examples = try FileManager.default.contentsOfDirectory(
            atPath: repository.appendingPathComponent("Examples").path
        ).filter { $0.hasSuffix(".swift") }.sorted().map { repository.appendingPathComponent("Examples/\($0)").path }
        let run = try Support.slipway(
            ["generate"] + examples + [
                "--output", repository.appendingPathComponent("Output").path,
            ], in: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")
        var regenerated = Support.tree(repository.appendingPathComponent("Output"))
        // The lock file is bookkeeping that git ignores; the run creates it, the clone has none.
        #expect(regenerated.removeValue(forKey: ".slipway.lock") != nil)
        #expect(committed[".slipway.lock"] == nil)
        #expect(Set(regenerated.keys).symmetricDifference(committed.keys).sorted() == [])
        for (path, bytes) in committed {
            #expect(regenerated[path] == bytes, "\(path) differs")
        }
    }

    @Test func unchangedOutputIsNotRewritten() throws {
        let repository = try Support.scratchRepository()
        let hub = repository.appendingPathComponent("Output/aks-baseline/hub.bicep")
        let before = try FileManager.default.attributesOfItem(atPath: hub.path)[.modificationDate] as? Date
        let run = try Support.slipway(["generate", "Examples/aks-baseline.swift"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout.contains("0 written, 1 unchanged"))
        let after = try FileManager.default.attributesOfItem(atPath: hub.path)[.modificationDate] as? Date
        #expect(before == after)
    }
}

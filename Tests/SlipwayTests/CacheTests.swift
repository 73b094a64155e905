import Foundation
import Testing

@testable import SlipwayCLI

/// The compiled-program and result caches.
@Suite struct CacheTests {
    @Test func keysChangeWithEveryPart() {
        let parts = ["Examples/a.swift", "let x = 1", "lib-1", "module-1", "swiftc-6.3.1", "-Onone"]
        let key = ProgramCache.key(parts)
        #expect(key.count == 32)
        #expect(ProgramCache.key(parts) == key)
        for index in parts.indices {
            var changed = parts
            changed[index] += "x"
            #expect(ProgramCache.key(changed) != key, "part \(index) does not reach the key")
        }
        // Boundaries cannot shift between parts.
        #expect(ProgramCache.key(["ab", "c"]) != ProgramCache.key(["a", "bc"]))
    }

    @Test func rebuildingAFileChangesItsIdentity() throws {
        let file = Support.temporaryDirectory().appendingPathComponent("libSlipway.so")
        try Data("one".utf8).write(to: file)
        let before = ProgramCache.identity(file)
        try FileManager.default.removeItem(at: file)
        try Data("two!".utf8).write(to: file)
        #expect(ProgramCache.identity(file) != before)
    }

    func generate(_ file: String, in directory: URL, cache: URL, extra: [String] = []) throws -> Support.Run {
        try Support.slipway(
            ["generate", file, "--output", directory.appendingPathComponent("Output").path] + extra, in: directory,
            environment: ["XDG_CACHE_HOME": cache.path])
    }

    @Test func warmRunsUseTheCachesAndChangesInvalidateThem() throws {
        let directory = Support.temporaryDirectory()
        let cache = Support.temporaryDirectory()
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Examples/fleet.swift"),
            to: directory.appendingPathComponent("fleet.swift"))
        let cold = try generate("fleet.swift", in: directory, cache: cache)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(cold.stderr.contains("compiled and ran fleet.swift"))
        let warm = try generate("fleet.swift", in: directory, cache: cache)
        #expect(warm.stderr.contains("used the cached output of fleet.swift"))
        // Another repository path renders differently: the model comes from the result cache.
        let moved = try generate(
            "fleet.swift", in: directory, cache: cache, extra: ["--repository-path", "infra/Output"])
        #expect(moved.stderr.contains("used the cached result of fleet.swift"))
        // A new input re-runs the cached program without compiling.
        let input = try generate("fleet.swift", in: directory, cache: cache, extra: ["--set", "fleetSize=4"])
        #expect(input.stderr.contains("ran the cached program of fleet.swift"))
        // Renaming the file changes the path compiled into every call site: a recompile.
        try FileManager.default.moveItem(
            at: directory.appendingPathComponent("fleet.swift"), to: directory.appendingPathComponent("renamed.swift"))
        let renamed = try generate("renamed.swift", in: directory, cache: cache)
        #expect(renamed.stderr.contains("compiled and ran renamed.swift"))
        // Editing the file: a recompile.
        let file = directory.appendingPathComponent("renamed.swift")
        try (try String(contentsOf: file, encoding: .utf8) + "\n// edited\n").write(
            to: file, atomically: false, encoding: .utf8)
        let edited = try generate("renamed.swift", in: directory, cache: cache)
        #expect(edited.stderr.contains("compiled and ran renamed.swift"))
        // SLIPWAY_NO_CACHE bypasses both caches.
        let bypass = try Support.slipway(
            ["generate", "renamed.swift", "--output", directory.appendingPathComponent("Output").path], in: directory,
            environment: ["XDG_CACHE_HOME": cache.path, "SLIPWAY_NO_CACHE": "1"])
        #expect(bypass.stderr.contains("compiled and ran renamed.swift"))
    }

    @Test func warmRunsReuseTheRenderingAndRepairTheOutput() throws {
        let directory = Support.temporaryDirectory()
        let cache = Support.temporaryDirectory()
        let templates = Support.temporaryDirectory()
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Templates/manifests"),
            to: templates.appendingPathComponent("manifests"))
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Examples/aks-baseline.swift"),
            to: directory.appendingPathComponent("baseline.swift"))
        func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Support.Run {
            try Support.slipway(
                ["generate", "baseline.swift", "--output", directory.appendingPathComponent("Output").path] + extra,
                in: directory,
                environment: ["XDG_CACHE_HOME": cache.path, "SLIPWAY_TEMPLATES": templates.path].merging(environment) {
                    _, new in new
                })
        }
        let cold = try run()
        #expect(cold.status == 0, "\(cold.stderr)")
        let fresh = Support.tree(directory.appendingPathComponent("Output/aks-baseline"))
        #expect(fresh["cluster-aks-bu0001a0008.bicep"] != nil)

        // A hand-edited and a deleted file are repaired from the cached rendering.
        let unit = directory.appendingPathComponent("Output/aks-baseline/cluster-aks-bu0001a0008.bicep")
        try Data("edited by hand\n".utf8).write(to: unit)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("Output/aks-baseline/hub.bicep"))
        let warm = try run()
        #expect(warm.status == 0)
        #expect(warm.stderr.contains("used the cached output of baseline.swift"))
        #expect(warm.stdout.contains("files: 2 written, 47 unchanged"), "\(warm.stdout)")
        #expect(Support.tree(directory.appendingPathComponent("Output/aks-baseline")) == fresh)

        // Changing a template file changes the key: the model is read and rendered again.
        let template = try #require(
            FileManager.default.subpaths(atPath: templates.appendingPathComponent("manifests").path)?.first {
                $0.hasSuffix(".yaml")
            })
        let templateURL = templates.appendingPathComponent("manifests").appendingPathComponent(template)
        try (try String(contentsOf: templateURL, encoding: .utf8) + "\n").write(
            to: templateURL, atomically: false, encoding: .utf8)
        let changed = try run()
        #expect(changed.stderr.contains("used the cached result of baseline.swift"), "\(changed.stderr)")
        #expect(try run().stderr.contains("used the cached output of baseline.swift"))

        // SLIPWAY_NO_RENDER_CACHE renders from the cached model; a damaged entry is ignored.
        let rendering = try run(environment: ["SLIPWAY_NO_RENDER_CACHE": "1"])
        #expect(rendering.stderr.contains("used the cached result of baseline.swift"))
        let entries = try FileManager.default.contentsOfDirectory(
            at: cache.appendingPathComponent("slipway/rendered"), includingPropertiesForKeys: nil)
        #expect(entries.count == 1, "one rendering per output, not one per change")
        let entry = try Data(contentsOf: entries[0])
        try entry.prefix(entry.count / 2).write(to: entries[0])
        let damaged = try run()
        #expect(damaged.status == 0)
        #expect(damaged.stderr.contains("used the cached result of baseline.swift"))
        #expect(Support.tree(directory.appendingPathComponent("Output/aks-baseline")) == fresh)
    }

    @Test func cachedRenderingsReplayWarningsAndFailStrictRuns() throws {
        let directory = Support.temporaryDirectory()
        let cache = Support.temporaryDirectory()
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Tests/SlipwayTests/Fixtures/Programs/warning-only.swift"),
            to: directory.appendingPathComponent("warned.swift"))
        func run(_ extra: [String] = []) throws -> Support.Run {
            try Support.slipway(
                ["generate", "warned.swift", "--output", directory.appendingPathComponent("Output").path] + extra,
                in: directory, environment: ["XDG_CACHE_HOME": cache.path])
        }
        let cold = try run()
        #expect(cold.status == 0, "\(cold.stderr)")
        let warning = try #require(cold.stderr.split(separator: "\n").first { $0.contains(": warning: [") })
        let warm = try run()
        #expect(warm.stderr.contains("used the cached output of warned.swift"))
        #expect(warm.stderr.contains(warning))
        let strict = try run(["--strict"])
        #expect(strict.stderr.contains("used the cached output of warned.swift"))
        #expect(strict.status == 5)
        #expect(strict.stderr.contains("0 error(s), 1 warning(s); nothing was written"))
        let github = try run(["--format", "github"])
        #expect(github.stderr.contains("::warning file=warned.swift,line="), "\(github.stderr)")
    }

    @Test func renderCacheEntriesRoundTripAndRejectDamage() throws {
        let entry = RenderCache.Entry(
            key: "k1",
            rendered: Pipeline.Rendered(
                folders: ["prod": ["a.bicep": "x\n", "flux/é.yaml": "ü: 1\n"], "dev": [:]], owners: ["prod": "p.swift"],
                sources: ["p.swift", "q.swift"], workflows: ["w.yml": "on: push\n"]),
            warnings: [.init(formatted: "p.swift:1:1: warning: [X] y", githubAnnotation: "::warning::y")])
        let bytes = RenderCache.encode(entry)
        #expect(bytes.withUnsafeBytes { RenderCache.decode(ByteReader(bytes: $0)) } == entry)
        #expect(RenderCache.encode(entry) == bytes, "deterministic")
        for cut in [0, 1, 17, bytes.count / 2, bytes.count - 1] {
            #expect(Array(bytes.prefix(cut)).withUnsafeBytes { RenderCache.decode(ByteReader(bytes: $0)) } == nil)
        }
        #expect((bytes + [0]).withUnsafeBytes { RenderCache.decode(ByteReader(bytes: $0)) } == nil)

        #expect(RenderCache.worthStoring(entry.rendered))
        var large = entry.rendered
        large.folders["big"] = ["a.json": String(repeating: "x", count: RenderCache.largestStoredBytes + 1)]
        #expect(!RenderCache.worthStoring(large))

        let cache = RenderCache(root: Support.temporaryDirectory())
        cache.store(entry, slot: "s")
        #expect(cache.load(slot: "s", key: "k1") == entry)
        #expect(cache.load(slot: "s", key: "k2") == nil)
        #expect(cache.load(slot: "t", key: "k1") == nil)
    }

    @Test func concurrentGenerateRunsBothSucceed() throws {
        let cache = Support.temporaryDirectory()
        let outputs = [Support.temporaryDirectory(), Support.temporaryDirectory()]
        var processes: [Process] = []
        for output in outputs {
            let process = Process()
            process.executableURL = Support.slipway
            process.arguments = [
                "generate", "Examples/aks-baseline.swift", "--output", output.appendingPathComponent("Output").path,
                "--quiet",
            ]
            process.currentDirectoryURL = Support.root
            process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": cache.path]) {
                _, new in new
            }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let first = Support.tree(outputs[0].appendingPathComponent("Output/aks-baseline"))
        #expect(first == Support.tree(outputs[1].appendingPathComponent("Output/aks-baseline")))
        #expect(first["hub.bicep"] != nil)
    }
}

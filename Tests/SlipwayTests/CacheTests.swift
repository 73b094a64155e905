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
        #expect(warm.stderr.contains("used the cached result of fleet.swift"))
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
            to: file, atomically: true, encoding: .utf8)
        let edited = try generate("renamed.swift", in: directory, cache: cache)
        #expect(edited.stderr.contains("compiled and ran renamed.swift"))
        // SLIPWAY_NO_CACHE bypasses both caches.
        let bypass = try Support.slipway(
            ["generate", "renamed.swift", "--output", directory.appendingPathComponent("Output").path], in: directory,
            environment: ["XDG_CACHE_HOME": cache.path, "SLIPWAY_NO_CACHE": "1"])
        #expect(bypass.stderr.contains("compiled and ran renamed.swift"))
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

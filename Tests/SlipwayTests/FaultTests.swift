import Dispatch
import Foundation
import Testing

@testable import SlipwayWriter

/// Faults a CI runner or a laptop meets: concurrent runs, kills at any point of a write, a
/// read-only or full disk, damaged caches, a program that never ends, a signal. Each must end in
/// a tree that is complete old or complete new, with a clear message where one is due.
@Suite(.serialized) struct FaultTests {
    /// A scratch repository with the fleet example (and a second file declaring other environments).
    static func repository() throws -> URL {
        let repository = Support.temporaryDirectory().appendingPathComponent("repo")
        let examples = repository.appendingPathComponent("Examples")
        try FileManager.default.createDirectory(at: examples, withIntermediateDirectories: true)
        let fleet = try String(contentsOf: Support.root.appendingPathComponent("Examples/fleet.swift"), encoding: .utf8)
        try fleet.write(to: examples.appendingPathComponent("fleet.swift"), atomically: false, encoding: .utf8)
        try fleet.replacingOccurrences(of: "let name = \"fleet-", with: "let name = \"other-").write(
            to: examples.appendingPathComponent("other.swift"), atomically: false, encoding: .utf8)
        return repository
    }

    /// `slipway generate FILE --set fleetSize=N` in `repository`.
    static func generate(
        _ file: String = "Examples/fleet.swift", size: Int, in repository: URL, output: String = "Output",
        environment: [String: String] = [:], extra: [String] = []
    ) throws -> Support.Run {
        try Support.slipway(
            ["generate", file, "--set", "fleetSize=\(size)", "--output", output, "--quiet"] + extra, in: repository,
            environment: environment)
    }

    /// The visible tree of an output folder (the lock and the journal are Slipway's bookkeeping).
    static func visible(_ output: URL) -> [String: Data] {
        Support.tree(output).filter { !$0.key.hasPrefix(".") }
    }

    static func hidden(_ output: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter {
            $0.hasPrefix(".") && $0 != OutputLock.fileName
        }.sorted()
    }

    /// What a clean run of `file` with `size` writes.
    /// The tree `file` renders at `size`, over the output of an earlier run at `after` when given
    /// (units that run had and this one drops are retired by deploy.sh, so the tree depends on it).
    static func reference(_ file: String = "Examples/fleet.swift", size: Int, after: Int? = nil) throws -> [String:
        Data]
    {
        let repository = try repository()
        if let after { #expect(try generate(file, size: after, in: repository).status == 0) }
        let run = try generate(file, size: size, in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        return visible(repository.appendingPathComponent("Output"))
    }

    // MARK: concurrency

    /// Two runs at once on one output, the same file and two files: both finish (the second
    /// waits for the lock), and the tree is exactly what they render. 20 trials each.
    @Test func concurrentRunsNeverDamageTheOutput() throws {
        let same = try Self.reference(size: 30)
        let other = try Self.reference("Examples/other.swift", size: 30)
        for trial in 0..<20 {
            for files in [
                ["Examples/fleet.swift", "Examples/fleet.swift"], ["Examples/fleet.swift", "Examples/other.swift"],
            ] {
                let repository = try Self.repository()
                // Something to replace: a smaller fleet first.
                _ = try Self.generate(size: 12, in: repository)
                let runs = ParallelRuns(count: 2)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    runs.store(index, try? Self.generate(files[index], size: 30, in: repository))
                }
                for run in runs.results {
                    #expect(run?.status == 0, "trial \(trial) \(files): \(run?.stderr ?? "no run")")
                }
                let expected = files[0] == files[1] ? same : same.merging(other) { first, _ in first }
                let tree = Self.visible(repository.appendingPathComponent("Output"))
                #expect(
                    tree == expected,
                    "trial \(trial) \(files): \(Set(tree.keys).symmetricDifference(expected.keys).sorted().prefix(5))")
                #expect(Self.hidden(repository.appendingPathComponent("Output")).isEmpty)
            }
        }
    }

    @Test func aSecondFileCannotTakeAFolderOverWithoutSayingSo() throws {
        let repository = try Self.repository()
        #expect(try Self.generate(size: 3, in: repository).status == 0)
        let clash = repository.appendingPathComponent("Examples/clash.swift")
        try String(contentsOf: repository.appendingPathComponent("Examples/fleet.swift"), encoding: .utf8).write(
            to: clash, atomically: false, encoding: .utf8)
        let before = Self.visible(repository.appendingPathComponent("Output"))
        let refused = try Self.generate("Examples/clash.swift", size: 3, in: repository)
        #expect(refused.status == 6)
        #expect(
            refused.stderr.contains(
                "Output/fleet-000/ belongs to Examples/fleet.swift, and Examples/clash.swift also declares environment 'fleet-000'"
            ), "\(refused.stderr)")
        #expect(Self.visible(repository.appendingPathComponent("Output")) == before)
        let moved = try Self.generate("Examples/clash.swift", size: 3, in: repository, extra: ["--take-ownership"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let owner = try String(
            contentsOf: repository.appendingPathComponent("Output/fleet-000/.slipway-owner"), encoding: .utf8)
        #expect(owner == "source: Examples/clash.swift\n")
    }

    @Test func noWaitFailsClearlyWhileAnotherRunWrites() throws {
        let repository = try Self.repository()
        let output = repository.appendingPathComponent("Output")
        let lock = try OutputLock.acquire(output.path)
        defer { lock.release() }
        let run = try Self.generate(size: 3, in: repository, extra: ["--no-wait"])
        #expect(run.status == 6)
        #expect(run.stderr.contains("another slipway run is writing this output"), "\(run.stderr)")
        #expect(Self.visible(output).isEmpty)
    }

    // MARK: kills

    /// Kills at seeded points: while staging, after each step of the commit (a folder replaced, a
    /// folder moved aside), and after the commit point. Before the commit point the next run rolls
    /// back to the complete old tree; after it the tree is already complete new.
    @Test(arguments: [
        "SLIPWAY_FAIL_AFTER_FILES=1", "SLIPWAY_FAIL_AFTER_FILES=17", "SLIPWAY_FAIL_AT=swap:1", "SLIPWAY_FAIL_AT=swap:2",
        "SLIPWAY_FAIL_AT=cleanup:1", "SLIPWAY_FAIL_AT=cleanup:2",
    ])
    func aKilledWriteEndsCompleteOldOrCompleteNew(point: String) throws {
        let old = try Self.reference(size: 30)
        let new = try Self.reference(size: 12, after: 30)
        let repository = try Self.repository()
        let output = repository.appendingPathComponent("Output")
        #expect(try Self.generate(size: 30, in: repository).status == 0)
        // 30 → 12: fleet-001 is replaced, fleet-002 removed (two steps of the commit).
        let parts = point.split(separator: "=").map(String.init)
        let killed = try Self.generate(size: 12, in: repository, environment: [parts[0]: parts[1]])
        #expect(killed.status == 86, "\(killed.stderr)")
        let afterCommitPoint = point.contains("cleanup")
        let check = try Support.slipway(
            ["check", "Examples/fleet.swift", "--set", "fleetSize=30", "--output", "Output"], in: repository)
        if point.contains("swap") {
            // Between steps the journal is there: check says so instead of passing.
            #expect(check.status == 1)
            #expect(check.stderr.contains("interrupted: Output/.slipway-journal"), "\(check.stderr)")
            // Rolling back (what the next run does first) gives the complete old tree. In place:
            // the journal names the staged folders by inode, which a copy would not keep.
            #expect(try OutputTransaction.recover(output: output.path))
            #expect(Self.visible(output) == old)
            #expect(Self.hidden(output).isEmpty)
        } else if afterCommitPoint {
            #expect(Self.visible(output) == new)
        } else {
            #expect(Self.visible(output) == old)
        }
        // The next run recovers and writes the complete new tree, leaving nothing behind.
        let next = try Self.generate(size: 12, in: repository)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(Self.visible(output) == new)
        #expect(Self.hidden(output).isEmpty)
        let passes = try Support.slipway(
            ["check", "Examples/fleet.swift", "--set", "fleetSize=12", "--output", "Output"], in: repository)
        #expect(passes.status == 0, "\(passes.stderr)")
    }

    // MARK: disks

    /// A small tmpfs for the test, unmounted whatever happens; nil (with a message) where the test
    /// cannot mount one (not root, no mount permission in the container).
    static func withTmpfs(size: String, _ body: (URL) throws -> Void) throws {
        let mountPoint = Support.temporaryDirectory().appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try Support.run(
            URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint.path],
            in: Support.root)
        guard mount.status == 0 else {
            print(
                "skipped: cannot mount a tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? Support.run(URL(fileURLWithPath: "/bin/umount"), ["-l", mountPoint.path], in: Support.root) }
        try body(mountPoint)
    }

    @Test func aReadOnlyOutputFailsClearlyAndChangesNothing() throws {
        try Self.withTmpfs(size: "16m") { disk in
            let repository = try Self.repository()
            let output = disk.appendingPathComponent("Output").path
            #expect(try Self.generate(size: 3, in: repository, output: output).status == 0)
            let before = Self.visible(URL(fileURLWithPath: output))
            let remount = try Support.run(
                URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", disk.path], in: Support.root)
            #expect(remount.status == 0, "\(remount.stderr)")
            let run = try Self.generate(size: 12, in: repository, output: output)
            #expect(run.status == 6)
            #expect(run.stderr.contains("slipway: cannot write \(output)"), "\(run.stderr)")
            #expect(run.stderr.contains("Read-only file system"), "\(run.stderr)")
            #expect(!run.stderr.contains("CocoaError"))
            #expect(Self.visible(URL(fileURLWithPath: output)) == before)
            // Reading needs no lock where nothing can write: check passes on the read-only output.
            let check = try Support.slipway(
                ["check", "Examples/fleet.swift", "--set", "fleetSize=3", "--output", output], in: repository)
            #expect(check.status == 0, "\(check.stderr)")
        }
    }

    /// A full disk in the middle of a two-environment write: nothing of it stays.
    @Test func aFullDiskLeavesTheCompleteOldTree() throws {
        try Self.withTmpfs(size: "512k") { disk in
            let repository = try Self.repository()
            let output = disk.appendingPathComponent("Output")
            #expect(try Self.generate(size: 3, in: repository, output: output.path).status == 0)
            let before = Self.visible(output)
            let run = try Self.generate(size: 12, in: repository, output: output.path)
            #expect(run.status == 6, "\(run.stderr)")
            #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
            #expect(Self.visible(output) == before)
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("fleet-001").path))
            #expect(Self.hidden(output).isEmpty)
        }
    }

    // MARK: caches

    /// Flips one bit of a cache file and runs again: the output is byte for byte a clean run's.
    func flipping(
        _ file: URL, positions: [Int], cache: URL, repository: URL, environment: [String: String],
        expected: [String: Data]
    ) throws {
        let pristine = try Data(contentsOf: file)
        let output = repository.appendingPathComponent("Output")
        for position in positions {
            var damaged = pristine
            let byte = position / 8 % damaged.count
            damaged[byte] ^= UInt8(1 << (position % 8))
            try damaged.write(to: file)
            try? FileManager.default.removeItem(at: output)
            let run = try Self.generate(
                size: 3, in: repository, environment: environment.merging(["XDG_CACHE_HOME": cache.path]) { $1 })
            #expect(run.status == 0, "\(file.lastPathComponent) bit \(position): \(run.stderr)")
            #expect(Self.visible(output) == expected, "\(file.lastPathComponent) bit \(position)")
        }
        try pristine.write(to: file)
    }

    static func seededPositions(count: Int, below limit: Int, seed: UInt64) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(limit))
        }
    }

    @Test func damagedCacheEntriesAreRebuiltNeverUsed() throws {
        let cache = Support.temporaryDirectory().appendingPathComponent("cache")
        let repository = try Self.repository()
        let clean = try Self.generate(size: 3, in: repository, environment: ["XDG_CACHE_HOME": cache.path])
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = Self.visible(repository.appendingPathComponent("Output"))
        func only(_ folder: String, suffix: String) throws -> URL {
            let root = cache.appendingPathComponent("slipway/\(folder)")
            let names = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(suffix) }
            #expect(names.count == 1, "\(folder): \(names)")
            return root.appendingPathComponent(try #require(names.first))
        }
        // Renderings: read first on a warm run.
        let rendering = try only("rendered", suffix: ".slpr")
        let renderingBits = try Data(contentsOf: rendering).count * 8
        try flipping(
            rendering, positions: Self.seededPositions(count: 40, below: renderingBits, seed: 1), cache: cache,
            repository: repository, environment: [:], expected: expected)
        // Results: read when the rendering cache is off.
        let result = try only("results", suffix: ".slpw")
        let resultBits = try Data(contentsOf: result).count * 8
        try flipping(
            result, positions: Self.seededPositions(count: 40, below: resultBits, seed: 2), cache: cache,
            repository: repository, environment: ["SLIPWAY_NO_RENDER_CACHE": "1"], expected: expected)
        // Compiled programs: run when results and renderings are off (each flip recompiles).
        let program = try only("programs", suffix: "/program")
        let programBits = try Data(contentsOf: program).count * 8
        try flipping(
            program, positions: Self.seededPositions(count: 4, below: programBits, seed: 3), cache: cache,
            repository: repository, environment: ["SLIPWAY_NO_RESULT_CACHE": "1"], expected: expected)
        let sum = program.deletingLastPathComponent().appendingPathComponent("program.sum")
        try flipping(
            sum, positions: [5], cache: cache, repository: repository,
            environment: ["SLIPWAY_NO_RESULT_CACHE": "1"], expected: expected)
        // swiftc's module cache is not ours: a truncated module is cleared and the compile retried.
        let modules = cache.appendingPathComponent("slipway/module-cache")
        let pcm = try #require(
            FileManager.default.subpathsOfDirectory(atPath: modules.path).first { $0.hasSuffix(".pcm") })
        let handle = try FileHandle(forWritingTo: modules.appendingPathComponent(pcm))
        try handle.truncate(atOffset: 1000)
        try handle.close()
        try FileManager.default.removeItem(at: cache.appendingPathComponent("slipway/programs"))
        try? FileManager.default.removeItem(at: repository.appendingPathComponent("Output"))
        let rebuilt = try Support.slipway(
            ["generate", "Examples/fleet.swift", "--set", "fleetSize=3"], in: repository,
            environment: ["XDG_CACHE_HOME": cache.path, "SLIPWAY_NO_RESULT_CACHE": "1"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("looks damaged; clearing it and compiling again"), "\(rebuilt.stderr)")
        #expect(Self.visible(repository.appendingPathComponent("Output")) == expected)
    }

    // MARK: supervision

    /// Acceptance: `--timeout 5` on an endless program exits 4 within 10 s (a cached program, so
    /// compiling is not in it), leaving no process and no temporary file.
    @Test func anEndlessProgramIsStoppedAtItsTimeout() throws {
        let scratch = Support.temporaryDirectory()
        let temporary = scratch.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let program = Support.fixtures.appendingPathComponent("Programs/endless.swift").path
        // Compile once (the timeout counts only the run).
        _ = try Support.slipway([
            "generate", program, "--output", scratch.appendingPathComponent("Output").path, "--timeout", "1",
        ])
        let started = Date()
        let run = try Support.slipway(
            ["generate", program, "--output", scratch.appendingPathComponent("Output").path, "--timeout", "5"],
            environment: ["TMPDIR": temporary.path])
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status == 4)
        #expect(run.stderr.contains("did not finish within 5 s and was stopped"), "\(run.stderr)")
        #expect(seconds < 10, "\(seconds) s")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(!Self.processRunning(withArgumentContaining: temporary.path))
        let invalid = try Support.slipway([
            "generate", program, "--timeout", "soon", "--output", scratch.appendingPathComponent("Output").path,
        ])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("--timeout takes a number of seconds above 0, not 'soon'"))
    }

    /// SIGTERM to `slipway` ends the program it runs and removes its temporary files.
    @Test func aSignalEndsTheProgramAndRemovesItsFiles() throws {
        let scratch = Support.temporaryDirectory()
        let temporary = scratch.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let program = Support.fixtures.appendingPathComponent("Programs/endless.swift").path
        _ = try Support.slipway([
            "generate", program, "--output", scratch.appendingPathComponent("Output").path, "--timeout", "1",
        ])
        let script = """
            TMPDIR='\(temporary.path)' '\(Support.slipway.path)' generate '\(program)' --output '\(scratch.path)/Output' &
            pid=$!
            sleep 3
            kill -TERM "$pid"
            wait "$pid"
            echo "status $?"
            """
        let run = try Support.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: Support.root)
        #expect(run.stdout.contains("status 143"), "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains("stopped by signal 15"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(!Self.processRunning(withArgumentContaining: temporary.path))
    }

    static func processRunning(withArgumentContaining text: String) -> Bool {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { pid in
            guard pid.allSatisfy(\.isNumber),
                let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return false }
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }
}

/// Results of parallel runs, one slot each.
final class ParallelRuns: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Support.Run?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func store(_ index: Int, _ run: Support.Run?) {
        lock.lock()
        results[index] = run
        lock.unlock()
    }
}

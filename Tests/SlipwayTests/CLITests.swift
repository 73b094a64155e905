import Foundation
import Testing

/// Every exit code of the CLI, through the built `slipway` executable.
@Suite struct CLITests {
    static let programs = "Tests/SlipwayTests/Fixtures/Programs"

    func generate(_ program: String, extra: [String] = []) throws -> (Support.Run, URL) {
        let output = Support.temporaryDirectory().appendingPathComponent("Output")
        let run = try Support.slipway(["generate", "\(Self.programs)/\(program)", "--output", output.path] + extra)
        return (run, output)
    }

    @Test func helpExitsZero() throws {
        let run = try Support.slipway(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("usage: slipway <verb>"))
        let generate = try Support.slipway(["generate", "--help"])
        #expect(generate.status == 0)
        #expect(generate.stdout.contains("--output DIR"))
        let check = try Support.slipway(["check", "--help"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("unified diff"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Support.slipway([]).status == 2)
        let unknownVerb = try Support.slipway(["deploy"])
        #expect(unknownVerb.status == 2)
        #expect(unknownVerb.stderr.contains("unknown verb 'deploy'"))
        // Every generate here names a scratch output: a regression must not write the committed Output/.
        let scratch = Support.temporaryDirectory().appendingPathComponent("Output").path
        let unknownOption = try Support.slipway([
            "generate", "--frobnicate", "Examples/aks-baseline.swift", "--output", scratch,
        ])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.stderr.contains("unknown option '--frobnicate'"))
        let missing = try Support.slipway(["generate", "Examples/no-such-file.swift", "--output", scratch])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file: Examples/no-such-file.swift"))
        #expect(try Support.slipway(["check"]).status == 2)
    }

    @Test func topLevelVarFixtureCompilesAndRenders() throws {
        let (run, output) = try generate("top-level-var.swift")
        #expect(run.status == 0, "\(run.stderr)")
        let monitoring = try String(
            contentsOf: output.appendingPathComponent("script/monitoring.bicep"), encoding: .utf8)
        #expect(monitoring.contains("value") == false)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("script/registry.bicep").path))
        let parameters = try String(
            contentsOf: output.appendingPathComponent("script/monitoring.parameters.json"), encoding: .utf8)
        #expect(parameters.contains("\"la-script-1\"") && parameters.contains("\"la-script-2\""))
        let owner = try String(contentsOf: output.appendingPathComponent("script/.slipway-owner"), encoding: .utf8)
        #expect(owner.hasSuffix("top-level-var.swift\n"))
    }

    @Test func directoryIsOneProgramWithMainAsEntryPoint() throws {
        let (run, output) = try generate("multi-file")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("multi/monitoring.bicep").path))
    }

    @Test func userPrintDoesNotCorruptTheResultChannel() throws {
        let (run, _) = try generate("no-emit.swift")
        #expect(run.stderr.contains("described"))
    }

    @Test func compileErrorExitsThreeWithSwiftcDiagnostics() throws {
        let (run, output) = try generate("does-not-compile.swift")
        #expect(run.status == 3)
        #expect(run.stderr.contains("\(Self.programs)/does-not-compile.swift:4:"))
        #expect(run.stderr.contains("error:"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func trapExitsFourAtTheUsersLineWithoutBacktrace() throws {
        let (run, output) = try generate("traps.swift")
        #expect(run.status == 4)
        #expect(
            run.stderr.contains(
                "\(Self.programs)/traps.swift:7:58: error: [DSL003] the DSL program stopped: Index out of range"))
        #expect(run.stderr.contains("error: [DSL003] the DSL program stopped: Index out of range"))
        #expect(!run.stderr.contains("Thread 0"))
        #expect(!run.stderr.contains("Registers"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func noHandOverExitsFour() throws {
        let (run, _) = try generate("no-emit.swift")
        #expect(run.status == 4)
        #expect(run.stderr.contains("error: [DSL001]"))
        #expect(run.stderr.contains("describes no environment"))
    }

    @Test func secondHandOverExitsFourAtTheSecondCall() throws {
        let (run, _) = try generate("emits-twice.swift")
        #expect(run.status == 4)
        #expect(run.stderr.contains("\(Self.programs)/emits-twice.swift:7:"))
        #expect(run.stderr.contains("[DSL002] the file hands over its environments twice"))
    }

    @Test func validationErrorsExitFiveAllAtOnceAndWriteNothing() throws {
        let (run, output) = try generate("invalid.swift")
        #expect(run.status == 5)
        let file = "\(Self.programs)/invalid.swift"
        #expect(
            run.stderr.contains(
                "\(file):8:17: error: [NET004] spoke 'vnet-spoke' 10.240.0.0/16 overlaps hub 'vnet-hub' 10.240.0.0/24"))
        #expect(
            run.stderr.contains(
                "\(file):9:21: error: [NET002] subnet 'snet-nodes' 10.241.0.0/22 is outside VNet 'vnet-spoke'"))
        #expect(
            run.stderr.contains(
                "\(file):11:15: error: [AKS006] cluster 'aks-invalid' egresses through userDefinedRouting"))
        #expect(run.stderr.contains("\(file):15:17: error: [REF001] registry 'acrmissing' is not declared"))
        #expect(run.stderr.contains("note:"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func githubFormatEmitsAnnotations() throws {
        let (run, _) = try generate("invalid.swift", extra: ["--format", "github"])
        #expect(run.status == 5)
        #expect(run.stderr.contains("::error file=\(Self.programs)/invalid.swift,line=9,col=21,title=NET002::"))
    }

    @Test func unwritableOutputExitsSix() throws {
        let scratch = Support.temporaryDirectory()
        let blocker = scratch.appendingPathComponent("not-a-directory")
        _ = FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8))
        let run = try Support.slipway([
            "generate", "\(Self.programs)/top-level-var.swift", "--output",
            blocker.appendingPathComponent("Output").path,
        ])
        #expect(run.status == 6)
        // The path and the system's reason, not a Foundation error dump.
        #expect(run.stderr.contains("slipway: cannot write \(blocker.path)"), "\(run.stderr)")
        #expect(run.stderr.contains(": Not a directory"), "\(run.stderr)")
        #expect(!run.stderr.contains("CocoaError") && !run.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func inputsComeFromSetAndDefaultOtherwise() throws {
        let output = Support.temporaryDirectory().appendingPathComponent("Output")
        let twelve = try Support.slipway([
            "generate", "Examples/fleet.swift", "--set", "fleetSize=12", "--output", output.path, "--quiet",
        ])
        #expect(twelve.status == 0, "\(twelve.stderr)")
        let groups = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(groups == ["fleet-000", "fleet-001"])
        #expect(
            FileManager.default.fileExists(
                atPath: output.appendingPathComponent("fleet-001/cluster-aks-fleet-001-1.bicep").path))
        #expect(
            !FileManager.default.fileExists(
                atPath: output.appendingPathComponent("fleet-001/cluster-aks-fleet-001-2.bicep").path))
        let unknown = try Support.slipway([
            "generate", "Examples/fleet.swift", "--set", "fleetSise=12", "--output", output.path, "--quiet",
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("reads no input 'fleetSise' (it reads: fleetSize)"))
        // Never in the repository itself: a regression here must not overwrite the committed Output/.
        #expect(
            try Support.slipway(["generate", "Examples/fleet.swift", "--set", "novalue", "--output", output.path])
                .status
                == 2)
    }

    @Test func missingStaticBaseIsTPL001AtTheKustomization() throws {
        let (run, output) = try generate("missing-template.swift")
        #expect(run.status == 5)
        #expect(
            run.stderr.contains(
                "\(Self.programs)/missing-template.swift:15:26: error: [TPL001] kustomization 'base' uses template 'no-such-base', which is not in Templates/manifests/"
            ))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

/// Never silently wrong, at the command line: typed inputs, truthful progress, hints, and paths
/// recorded relative to one repository root.
@Suite struct HonestCLITests {
    static let programs = CLITests.programs

    @Test func aSetValueOfTheWrongTypeIsAUsageError() throws {
        let output = Support.temporaryDirectory().appendingPathComponent("Output").path
        for value in ["ten", "2.5", ""] {
            let run = try Support.slipway([
                "generate", "Examples/fleet.swift", "--set", "fleetSize=\(value)", "--output", output, "--quiet",
            ])
            #expect(run.status == 2, "\(value)")
            #expect(
                run.stderr.contains(
                    "slipway: --set fleetSize=\(value): input 'fleetSize' takes an integer, not '\(value)' (Examples/fleet.swift:"
                ), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        // Just inside: an integer is taken.
        let twelve = try Support.slipway([
            "generate", "Examples/fleet.swift", "--set", "fleetSize=12", "--output", output, "--quiet",
        ])
        #expect(twelve.status == 0, "\(twelve.stderr)")
    }

    @Test func theProgressLineSaysWhatHappened() throws {
        let output = Support.temporaryDirectory().appendingPathComponent("Output").path
        let broken = try Support.slipway(["generate", "\(Self.programs)/does-not-compile.swift", "--output", output])
        #expect(broken.status == 3)
        #expect(broken.stderr.contains("does-not-compile.swift does not compile ("), "\(broken.stderr)")
        #expect(!broken.stderr.contains("compiled and ran"))
        let reversed = try Support.slipway(["generate", "\(Self.programs)/reversed-range.swift", "--output", output])
        #expect(reversed.status == 4)
        #expect(reversed.stderr.contains("reversed-range.swift stopped with an error after"))
        #expect(reversed.stderr.contains("reversed-range.swift:6:"), "\(reversed.stderr)")
        #expect(reversed.stderr.contains("note: a range such as an autoscale range goes from low to high: write 2...5"))
        let empty = try Support.slipway(["generate", "\(Self.programs)/empty.swift", "--output", output])
        #expect(empty.status == 0)
        #expect(empty.stderr.contains("warning: [ENV004] environment 'empty' declares nothing to deploy"))
        #expect(
            try Support.slipway(["generate", "\(Self.programs)/empty.swift", "--output", output, "--strict"]).status
                == 5)
    }

    /// `--output infra/Output` in a Git repository: owner records, workflows and Flux paths are
    /// relative to the repository root, workflows land where GitHub reads them, and no written
    /// file holds an absolute path.
    @Test func everyRecordedPathIsRelativeToTheRepositoryRoot() throws {
        let repository = Support.temporaryDirectory().appendingPathComponent("platform")
        try FileManager.default.createDirectory(
            at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let infra = repository.appendingPathComponent("infra")
        try FileManager.default.createDirectory(at: infra, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Examples/dev-prod.swift"),
            to: infra.appendingPathComponent("environments.swift"))
        try FileManager.default.copyItem(
            at: Support.root.appendingPathComponent("Examples/workloads"),
            to: repository.appendingPathComponent("Examples/workloads"))
        let run = try Support.slipway(
            ["generate", "infra/environments.swift", "--output", "infra/Output", "--quiet"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let owner = try String(
            contentsOf: infra.appendingPathComponent("Output/dev/.slipway-owner"), encoding: .utf8)
        #expect(owner == "source: infra/environments.swift\n")
        // Workflows go to the root's .github/workflows, the only place GitHub reads them.
        #expect(!FileManager.default.fileExists(atPath: infra.appendingPathComponent(".github").path))
        let workflow = try String(
            contentsOf: repository.appendingPathComponent(".github/workflows/slipway-dev-storefront.yml"),
            encoding: .utf8)
        #expect(workflow.contains("# Generated by slipway from infra/environments.swift"))
        let cluster = try String(
            contentsOf: infra.appendingPathComponent("Output/dev/cluster-aks-dev-0.bicep"), encoding: .utf8)
        #expect(cluster.contains("path: './infra/Output/dev/clusters/aks-dev-0/namespaces'"))
        for (path, data) in Support.tree(repository) where !path.hasPrefix(".git/") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(repository.path), "\(path) holds an absolute path")
        }
        // A DSL file outside the root is recorded with ../, never absolutely.
        let outside = try Support.slipway([
            "generate", "\(Self.programs)/empty.swift", "--output", infra.appendingPathComponent("Other").path,
            "--quiet",
        ])
        #expect(outside.status == 0, "\(outside.stderr)")
        let record = try String(
            contentsOf: infra.appendingPathComponent("Other/empty/.slipway-owner"), encoding: .utf8)
        #expect(record.hasPrefix("source: ../") && !record.contains("source: /"), "\(record)")
        // An output outside an explicit root is refused.
        let refused = try Support.slipway([
            "generate", "\(Self.programs)/empty.swift", "--output", "/tmp/elsewhere/Output", "--repository-root",
            repository.path,
        ])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is not inside the repository root"))
    }
}

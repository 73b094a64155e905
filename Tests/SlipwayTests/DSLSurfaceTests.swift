import Foundation
import Testing

@testable import SlipwayCLI

/// What a DSL file can see after `import Slipway`: the DSL and its vocabulary, never the model,
/// the renderers or the transport behind them.
@Suite struct DSLSurfaceTests {
    static let allowList = Support.fixtures.appendingPathComponent("dsl-surface.allowed")

    @Test func aDSLFileThatNamesModelTypesDoesNotCompile() throws {
        let scratch = Support.temporaryDirectory()
        let run = try Support.slipway([
            "check", Support.fixtures.appendingPathComponent("Programs/names-model-internals.swift").path,
            "--output", scratch.appendingPathComponent("Output").path,
        ])
        #expect(run.status == 3, "\(run.stderr)")
        for name in ["CompactEncoder", "ParallelSlots", "APIVersions", "EnvironmentModel", "SourceLocation"] {
            let missing = ["error: cannot find '\(name)' in scope", "error: cannot find type '\(name)' in scope"]
            #expect(missing.contains { run.stderr.contains($0) }, "\(name): \(run.stderr)")
        }
        // The compiler's line, in the user's file.
        #expect(run.stderr.contains("names-model-internals.swift:4:15: error: cannot find 'CompactEncoder' in scope"))
    }

    @Test func aStringWhereAClosedSetIsAnEnumDoesNotCompileAtItsLine() throws {
        let scratch = Support.temporaryDirectory()
        let file = Support.fixtures.appendingPathComponent("Programs/closed-set-strings.swift").path
        let run = try Support.slipway(["check", file, "--output", scratch.appendingPathComponent("Output").path])
        #expect(run.status == 3, "\(run.stderr)")
        for (line, type) in [(6, "RegistrySKU"), (9, "EndpointNetworkPolicies"), (11, "OutboundType")] {
            let wanted = "closed-set-strings.swift:\(line):"
            let found = run.stderr.split(separator: "\n").contains {
                $0.contains(wanted)
                    && $0.contains("error: cannot convert value of type 'String' to expected argument type '\(type)'")
            }
            #expect(found, "line \(line), \(type): \(run.stderr)")
        }
    }

    /// The top-level public symbols of Slipway and of the vocabulary it re-exports, from their
    /// symbol graphs.
    static func visibleNames() throws -> [String] {
        let swiftc = try #require(Toolchain.findExecutable("swiftc"))
        let extractor = swiftc.deletingLastPathComponent().appendingPathComponent("swift-symbolgraph-extract")
        let info = try Support.run(swiftc, ["-print-target-info"], in: Support.root)
        let target = try #require(
            (try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
                .flatMap { $0["target"] as? [String: Any] }?["triple"] as? String)
        let modules = Support.slipway.deletingLastPathComponent().appendingPathComponent("Modules")
        let output = Support.temporaryDirectory()
        var names: Set<String> = []
        for module in ["Slipway", "SlipwayVocabulary"] {
            let run = try Support.run(
                extractor,
                [
                    "-module-name", module, "-I", modules.path, "-target", target, "-output-dir", output.path,
                    "-minimum-access-level", "public",
                ], in: Support.root)
            #expect(run.status == 0, "\(run.stderr)")
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: output.path) where file.hasSuffix(".json") {
            let data = try Data(contentsOf: output.appendingPathComponent(file))
            let graph = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for symbol in graph["symbols"] as? [[String: Any]] ?? [] {
                if let path = symbol["pathComponents"] as? [String], path.count == 1 { names.insert(path[0]) }
            }
        }
        return names.sorted()
    }

    @Test func theVisibleTopLevelSymbolsAreTheAllowList() throws {
        let names = try Self.visibleNames()
        #expect(names.contains("Environment") && names.contains("Value") && names.count > 40)
        if ProcessInfo.processInfo.environment["SLIPWAY_RECORD"] == "1" {
            let header = """
                # The top-level names a DSL file sees after `import Slipway`: Slipway's public symbols and
                # those of SlipwayVocabulary, which it re-exports (symbol graphs, public and above).
                # DSLSurfaceTests compares them with this list, so a model type cannot leak into DSL files
                # unnoticed. Add a name here only on purpose (SLIPWAY_RECORD=1 swift test rewrites it).

                """
            try (header + names.joined(separator: "\n") + "\n").write(
                to: Self.allowList, atomically: false, encoding: .utf8)
        }
        let allowed = try String(contentsOf: Self.allowList, encoding: .utf8).split(separator: "\n")
            .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let leaked = Set(names).subtracting(allowed).sorted()
        let gone = Set(allowed).subtracting(names).sorted()
        #expect(leaked == [], "visible to DSL files but not allowed: \(leaked)")
        #expect(gone == [], "allowed but no longer visible (remove them from the list): \(gone)")
    }
}

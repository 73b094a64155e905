import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayCLI
@testable import SlipwayRules

/// The two ways to declare an environment: the function form (`var env = Environment(…)`,
/// `env.add(…)`) that the README teaches, and the builder body, which DSL005 flags when it is long.
@Suite struct EnvironmentFormTests {
    static func spoke() -> SpokeNetwork {
        SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
            Subnet.nodes("snet-nodes", "10.1.0.0/22")
            Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28")
            Subnet.apiServer("snet-api", "10.1.5.0/28")
        }
        .peered(with: "vnet-hub")
    }

    static func hub() -> HubNetwork {
        HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") { Subnet.azureFirewall("10.0.0.0/26") }.firewall("fw-hub")
    }

    static func cluster() -> AKSCluster {
        AKSCluster("aks-apps", kubernetesVersion: "1.34") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        .privateAPIServer(in: .spoke("vnet-spoke", "snet-api"))
        .monitoring(to: "la-apps")
        .pullsImages(from: "acrapps")
        .maintenanceWindow("Sunday", startingAt: "01:00", hours: 6)
    }

    static func registry() -> ContainerRegistry {
        ContainerRegistry("acrapps").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
    }

    @Test func theFunctionFormRendersWhatTheBuilderFormRenders() throws {
        let built = Environment("apps", location: .eastUS2) {
            LogAnalyticsWorkspace("la-apps")
            Self.hub()
            Self.spoke()
            Self.registry()
            Self.cluster()
        }
        .diagnostics(to: "la-apps")
        var added = Environment("apps", location: .eastUS2).diagnostics(to: "la-apps")
        added.add(LogAnalyticsWorkspace("la-apps"))
        added.add(Self.hub())
        added.add(Self.spoke())
        added.add(Self.registry())
        added.add(Self.cluster())
        let builtModel = built.resolved()
        let addedModel = added.resolved()
        #expect(addedModel.builderStatements == nil)
        #expect(builtModel.builderStatements == 5)
        #expect(Validator.validate([addedModel]).filter { $0.severity == .error }.isEmpty)
        let builtFiles = try EnvironmentRenderer.render(builtModel, among: [builtModel], fluxPathPrefix: "Output")
        let addedFiles = try EnvironmentRenderer.render(addedModel, among: [addedModel], fluxPathPrefix: "Output")
        #expect(builtFiles.count > 10)
        #expect(builtFiles == addedFiles)
    }

    /// A builder body of `count` workspace statements.
    static func builderBody(_ count: Int) -> Environment {
        precondition(count == 40 || count == 41)
        return count == 40
            ? Environment("wide", location: .eastUS) {
                LogAnalyticsWorkspace("la-01")
                LogAnalyticsWorkspace("la-02")
                LogAnalyticsWorkspace("la-03")
                LogAnalyticsWorkspace("la-04")
                LogAnalyticsWorkspace("la-05")
                LogAnalyticsWorkspace("la-06")
                LogAnalyticsWorkspace("la-07")
                LogAnalyticsWorkspace("la-08")
                LogAnalyticsWorkspace("la-09")
                LogAnalyticsWorkspace("la-10")
                LogAnalyticsWorkspace("la-11")
                LogAnalyticsWorkspace("la-12")
                LogAnalyticsWorkspace("la-13")
                LogAnalyticsWorkspace("la-14")
                LogAnalyticsWorkspace("la-15")
                LogAnalyticsWorkspace("la-16")
                LogAnalyticsWorkspace("la-17")
                LogAnalyticsWorkspace("la-18")
                LogAnalyticsWorkspace("la-19")
                LogAnalyticsWorkspace("la-20")
                LogAnalyticsWorkspace("la-21")
                LogAnalyticsWorkspace("la-22")
                LogAnalyticsWorkspace("la-23")
                LogAnalyticsWorkspace("la-24")
                LogAnalyticsWorkspace("la-25")
                LogAnalyticsWorkspace("la-26")
                LogAnalyticsWorkspace("la-27")
                LogAnalyticsWorkspace("la-28")
                LogAnalyticsWorkspace("la-29")
                LogAnalyticsWorkspace("la-30")
                LogAnalyticsWorkspace("la-31")
                LogAnalyticsWorkspace("la-32")
                LogAnalyticsWorkspace("la-33")
                LogAnalyticsWorkspace("la-34")
                LogAnalyticsWorkspace("la-35")
                LogAnalyticsWorkspace("la-36")
                LogAnalyticsWorkspace("la-37")
                LogAnalyticsWorkspace("la-38")
                LogAnalyticsWorkspace("la-39")
                LogAnalyticsWorkspace("la-40")
            }
            : Environment("wide", location: .eastUS) {  // ⟵ DSL005
                LogAnalyticsWorkspace("la-01")
                LogAnalyticsWorkspace("la-02")
                LogAnalyticsWorkspace("la-03")
                LogAnalyticsWorkspace("la-04")
                LogAnalyticsWorkspace("la-05")
                LogAnalyticsWorkspace("la-06")
                LogAnalyticsWorkspace("la-07")
                LogAnalyticsWorkspace("la-08")
                LogAnalyticsWorkspace("la-09")
                LogAnalyticsWorkspace("la-10")
                LogAnalyticsWorkspace("la-11")
                LogAnalyticsWorkspace("la-12")
                LogAnalyticsWorkspace("la-13")
                LogAnalyticsWorkspace("la-14")
                LogAnalyticsWorkspace("la-15")
                LogAnalyticsWorkspace("la-16")
                LogAnalyticsWorkspace("la-17")
                LogAnalyticsWorkspace("la-18")
                LogAnalyticsWorkspace("la-19")
                LogAnalyticsWorkspace("la-20")
                LogAnalyticsWorkspace("la-21")
                LogAnalyticsWorkspace("la-22")
                LogAnalyticsWorkspace("la-23")
                LogAnalyticsWorkspace("la-24")
                LogAnalyticsWorkspace("la-25")
                LogAnalyticsWorkspace("la-26")
                LogAnalyticsWorkspace("la-27")
                LogAnalyticsWorkspace("la-28")
                LogAnalyticsWorkspace("la-29")
                LogAnalyticsWorkspace("la-30")
                LogAnalyticsWorkspace("la-31")
                LogAnalyticsWorkspace("la-32")
                LogAnalyticsWorkspace("la-33")
                LogAnalyticsWorkspace("la-34")
                LogAnalyticsWorkspace("la-35")
                LogAnalyticsWorkspace("la-36")
                LogAnalyticsWorkspace("la-37")
                LogAnalyticsWorkspace("la-38")
                LogAnalyticsWorkspace("la-39")
                LogAnalyticsWorkspace("la-40")
                LogAnalyticsWorkspace("la-41")
            }
    }

    func compileTimeWarnings(_ environment: Environment) -> [Diagnostic] {
        Validator.validate([environment.resolved()]).filter { $0.code == "DSL005" }
    }

    @Test func aBuilderBodyPastFortyStatementsIsFlaggedOnceWithTheRewrite() throws {
        #expect(compileTimeWarnings(Self.builderBody(40)).isEmpty)
        let found = compileTimeWarnings(Self.builderBody(41))
        #expect(found.count == 1)
        let warning = try #require(found.first)
        #expect(warning.severity == .warning)
        #expect(
            warning.message
                == "environment 'wide' lists 41 statements in one builder body: Swift checks a builder body as a whole, so compiling this file takes time that grows with the square of its length"
        )
        #expect(
            warning.note
                == "declare it in a function instead, where each statement is checked on its own: `func wide() -> Environment { var env = Environment(\"wide\", location: \"eastus\"); env.add(…); return env }` (README: Large environments)"
        )
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let marker = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.hasSuffix("// ⟵ DSL005")
        }
        #expect(warning.site.line == (marker ?? -2) + 1)
    }

    @Test func loopAndBranchBodiesCountOnceAndTheFunctionFormNever() {
        let looped = Environment("looped", location: .eastUS) {
            for index in 0..<100 { LogAnalyticsWorkspace("la-\(index)") }
            if Bool.random() { LogAnalyticsWorkspace("la-a") } else { LogAnalyticsWorkspace("la-b") }
        }
        #expect(looped.resolved().builderStatements == 2)
        #expect(looped.resolved().workspaces.count == 101)
        #expect(compileTimeWarnings(looped).isEmpty)
        var added = Environment("added", location: .eastUS)
        for index in 0..<100 { added.add(LogAnalyticsWorkspace("la-\(index)")) }
        #expect(added.resolved().workspaces.count == 100)
        #expect(compileTimeWarnings(added).isEmpty)
    }

    @Test func theSuggestedFunctionNameIsASwiftName() {
        #expect(CompileTimeRules.functionName("aks-baseline") == "aksBaseline")
        #expect(CompileTimeRules.functionName("fleet-000") == "fleet000")
        #expect(CompileTimeRules.functionName("prod_eastus2") == "prodEastus2")
        #expect(CompileTimeRules.functionName("2024-dev") == "environment2024Dev")
        #expect(CompileTimeRules.functionName("---") == "environment")
    }

    /// The bench's literal files: the three forms describe the same environment, so they render
    /// the same files, and the taught one is free of errors and of DSL005.
    @Test func theBenchsLiteralFormsRenderTheSameOutput() throws {
        let scratch = Support.temporaryDirectory()
        var trees: [LiteralEnvironmentFile.Form: [String: Data]] = [:]
        for form in LiteralEnvironmentFile.Form.allCases {
            let file = scratch.appendingPathComponent("\(form.rawValue).swift")
            let literal = LiteralEnvironmentFile(clusters: 21, form: form)
            try literal.source.write(to: file, atomically: false, encoding: .utf8)
            let output = scratch.appendingPathComponent("\(form.rawValue)/Output")
            let run = try Support.slipway(["generate", file.path, "--output", output.path, "--quiet"])
            #expect(run.status == 0, "\(form): \(run.stderr)")
            #expect(run.stderr.contains("DSL005") == (form != .taught), "\(form): \(run.stderr)")
            var tree = Support.tree(output.appendingPathComponent("big"))
            tree[".slipway-owner"] = nil
            trees[form] = tree
        }
        #expect((trees[.taught]?.count ?? 0) > 21 * 3)
        #expect(trees[.taught] == trees[.lets])
        #expect(trees[.taught] == trees[.builder])
    }
}

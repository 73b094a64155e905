import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// `deploy.sh` with deployment stacks, run against a stub `az`: the exact command lines per unit,
/// previews, and the retirement of a unit the DSL no longer declares.
@Suite struct DeploymentStackTests {
    let scripts = DeployScriptTests()

    /// The logged `az` calls as lines, with the script's folder replaced by `$here`.
    func lines(_ calls: [[String]], script: URL) -> [String] {
        calls.map { $0.joined(separator: " ").replacing(script.deletingLastPathComponent().path, with: "$here") }
    }

    @Test func prodDeploysEachUnitAsAStackWithItsDenySettings() throws {
        let script = Support.root.appendingPathComponent("Output/prod/deploy.sh")
        let (run, calls) = try scripts.runDeployScript("prod", script: script)
        #expect(run.status == 0, "\(run.stderr)")
        let stacks = lines(calls, script: script).filter { $0.hasPrefix("stack group create") }
        #expect(stacks.count == 6)
        #expect(
            stacks.contains(
                "stack group create --name prod-cluster-aks-prod-0 --resource-group rg-prod --template-file $here/cluster-aks-prod-0.bicep --parameters @$here/cluster-aks-prod-0.parameters.json --action-on-unmanage detachAll --deny-settings-mode denyWriteAndDelete --deny-settings-excluded-actions Microsoft.ContainerService/managedClusters/listClusterUserCredential/action Microsoft.ContainerService/managedClusters/runCommand/action Microsoft.Network/privateDnsZones/A/write Microsoft.Network/privateDnsZones/A/delete --deny-settings-excluded-principals 11111111-1111-1111-1111-111111111111 --yes --output none"
            ), "\(stacks)")
        // The shared sink is only kept from deletion: others' diagnostic settings write into it.
        #expect(
            stacks.contains(
                "stack group create --name prod-monitoring --resource-group rg-prod --template-file $here/monitoring.bicep --parameters @$here/monitoring.parameters.json --action-on-unmanage detachAll --deny-settings-mode denyDelete --deny-settings-excluded-principals 11111111-1111-1111-1111-111111111111 --yes --output none"
            ), "\(stacks)")
        #expect(
            stacks.contains {
                $0.hasPrefix("stack group create --name prod-spoke-vnet-prod-spoke ")
                    && $0.contains(
                        "--deny-settings-excluded-actions Microsoft.Network/virtualNetworks/join/action Microsoft.Network/virtualNetworks/peer/action Microsoft.Network/virtualNetworks/subnets/join/action "
                    )
            })
        #expect(!calls.contains { $0.starts(with: ["deployment", "group", "create"]) })
        #expect(!calls.contains { $0.contains("--deny-settings-apply-to-child-scopes") || $0.contains("deleteAll") })
        // The bootstrap import reads the registry stack's output.
        #expect(
            calls.contains { $0.starts(with: ["stack", "group", "show", "--name", "prod-registry"]) } == !calls.filter {
                $0.starts(with: ["acr", "import"])
            }.isEmpty)
    }

    @Test func previewsValidateStacksAndWhatIfTheTemplates() throws {
        let script = Support.root.appendingPathComponent("Output/dev/deploy.sh")
        let validate = lines(try scripts.runWithStubAz("dev", mode: "validate"), script: script)
        #expect(
            validate.contains(
                "stack group validate --name dev-registry --resource-group rg-dev --template-file $here/registry.bicep --parameters @$here/registry.parameters.json --action-on-unmanage deleteResources --deny-settings-mode none --output none"
            ), "\(validate)")
        let whatIf = lines(try scripts.runWithStubAz("dev", mode: "what-if"), script: script)
        #expect(
            whatIf.contains(
                "deployment group what-if --name dev-registry --resource-group rg-dev --template-file $here/registry.bicep --parameters @$here/registry.parameters.json"
            ), "\(whatIf)")
        #expect(!whatIf.contains { $0.hasPrefix("stack group create") || $0.hasPrefix("stack group delete") })
    }

    /// A unit that was committed and is no longer declared: its stack is deleted, clusters first.
    func renderWithRetiredUnits(action: UnmanageAction) throws -> URL {
        var model = Environment("ret", location: .eastUS) {
            LogAnalyticsWorkspace("la-ret")
        }
        .diagnostics(to: "la-ret")
        .deployment(.stack(onUnmanage: action))
        .resolved()
        model.committed = CommittedEnvironment(
            source: "test", units: ["monitoring": ResourceGroupModel(name: "rg-ret")],
            retiredUnits: [
                "spoke-vnet-old": ResourceGroupModel(name: "rg-ret-spokes"),
                "cluster-aks-old": ResourceGroupModel(name: "rg-ret", subscription: "sub-2"),
            ])
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let folder = Support.temporaryDirectory()
        for (path, text) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let resolved = try #require(files["slipway-model.json"])
        #expect(resolved.contains("\"retiredUnits\""))
        return folder.appendingPathComponent("deploy.sh")
    }

    @Test func aRemovedUnitsStackIsDeletedWithTheUnmanageAction() throws {
        let script = try renderWithRetiredUnits(action: .delete)
        let (run, calls) = try scripts.runDeployScript(
            "ret", stubs: ["STUB_STACKS": "ret-cluster-aks-old ret-spoke-vnet-old"], script: script)
        #expect(run.status == 0, "\(run.stderr)")
        let deletes = lines(calls, script: script).filter { $0.hasPrefix("stack group delete") }
        #expect(
            deletes == [
                "stack group delete --name ret-cluster-aks-old --resource-group rg-ret --subscription sub-2 --action-on-unmanage deleteResources --yes --output none",
                "stack group delete --name ret-spoke-vnet-old --resource-group rg-ret-spokes --action-on-unmanage deleteResources --yes --output none",
            ])
        // A stack that is already gone is not an error, and a preview deletes nothing.
        let (gone, goneCalls) = try scripts.runDeployScript("ret", script: script)
        #expect(gone.status == 0, "\(gone.stderr)")
        #expect(!goneCalls.contains { $0.starts(with: ["stack", "group", "delete"]) })
        let (preview, previewCalls) = try scripts.runDeployScript(
            "ret", mode: "what-if", stubs: ["STUB_STACKS": "ret-cluster-aks-old"], script: script)
        #expect(preview.status == 0)
        #expect(!previewCalls.contains { $0.starts(with: ["stack", "group", "delete"]) })
        #expect(preview.stderr.contains("would delete stack ret-cluster-aks-old in rg-ret"), "\(preview.stderr)")
    }

    /// A pool that was its own agentPools resource stays one when it follows the control plane
    /// again: moving it back into agentPoolProfiles would let a `.delete` stack delete the pool.
    @Test func aPoolOnceItsOwnResourceStaysOne() throws {
        var model = Environment("sticky", location: .eastUS) {
            LogAnalyticsWorkspace("la-sticky")
            RuleTests.spoke()
            UpgradeRuleTests.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3))
        }
        .diagnostics(to: "la-sticky")
        .deployment(.stack(onUnmanage: .delete))
        .resolved()
        let plain = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(!(plain["cluster-aks.bicep"] ?? "").contains("agentPools@"))
        model.committed = CommittedEnvironment(
            source: "test", kubernetesVersions: ["aks": "1.34.2"], poolVersions: ["aks/apps": "1.33.5"],
            units: ["cluster-aks": ResourceGroupModel(name: "rg-sticky")])
        model.committed?.ownResourcePools = ["aks/apps"]
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let template = try #require(files["cluster-aks.bicep"])
        #expect(
            template.contains(
                "resource appsPool 'Microsoft.ContainerService/managedClusters/agentPools@2025-10-01' = {\n  parent: cluster\n  name: 'apps'"
            ), "\(template)")
        #expect(template.contains("    orchestratorVersion: kubernetesVersion\n"))
        #expect(!template.contains("appsKubernetesVersion"))
        let profiles = try #require(
            template.split(separator: "agentPoolProfiles: [").last?.split(separator: "autoScalerProfile").first)
        #expect(!profiles.contains("name: 'apps'"))
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
    }
}

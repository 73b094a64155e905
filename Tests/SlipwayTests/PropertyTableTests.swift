import Foundation
import Testing

@testable import Slipway
@testable import SlipwayModel
@testable import SlipwayRender
@testable import SlipwayRules

/// `.property(…)` paths against Azure's own type definitions (PRP001, PRP002), and the embedded
/// table against the pinned versions and the kit's type data.
@Suite struct PropertyTableTests {
    static let kit = Support.root.deletingLastPathComponent().appendingPathComponent("shared/schemas/bicep-types")

    @Test func theTableCoversEveryPinnedTypeAndVersion() {
        for entry in APIVersions.table {
            #expect(
                AzurePropertyTable.bodies["\(entry.type)@\(entry.version)".lowercased()] != nil,
                "\(entry.type)@\(entry.version)")
        }
    }

    /// The committed table is what the generator makes from the kit's data now (skipped without the kit).
    @Test func theCommittedTableIsUpToDate() throws {
        guard FileManager.default.fileExists(atPath: Self.kit.path) else {
            print("skipped: no ../shared/schemas/bicep-types beside the repository")
            return
        }
        let fresh = Support.temporaryDirectory().appendingPathComponent("table.swift")
        let run = try Support.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "Sources/SlipwayRules/PropertyTable/generate-property-table.py", Self.kit.path, fresh.path,
            ], in: Support.root)
        #expect(run.status == 0, "\(run.stderr)")
        let committed = try String(
            contentsOf: Support.root.appendingPathComponent(
                "Sources/SlipwayRules/PropertyTable/AzurePropertyTable+Data.swift"), encoding: .utf8)
        #expect(try String(contentsOf: fresh, encoding: .utf8) == committed, "run the generator")
    }

    /// Every pinned type@apiVersion exists in Azure's type definitions: checked against the kit's
    /// index of every type and version, not against the pinned table itself.
    @Test func everyPinnedVersionExistsInAzuresTypeData() throws {
        let index = Self.kit.appendingPathComponent("all-resource-types.json")
        guard let data = FileManager.default.contents(atPath: index.path) else {
            print("skipped: no ../shared/schemas/bicep-types beside the repository")
            return
        }
        let text = String(decoding: data, as: UTF8.self).lowercased()
        for entry in APIVersions.table {
            let type = entry.type.lowercased()
            // The index lists each type with its versions; the pair must appear together.
            let pattern = "\"\(type)\""
            let range = try #require(text.range(of: pattern), "\(entry.type) is not an Azure type")
            let tail = text[range.upperBound...].prefix(4000)
            #expect(tail.contains("\"\(entry.version)\""), "\(entry.type)@\(entry.version) is not a version Azure has")
        }
    }

    func diagnostics(_ cluster: AKSCluster) -> [Diagnostic] {
        let environment = Environment("props", location: .eastUS) {
            RuleTests.spoke()
            cluster
        }
        return Validator.validate([environment.resolved()]).filter { $0.code.hasPrefix("PRP") }
    }

    @Test func aMisspelledPropertyFailsWithADidYouMean() throws {
        let found = diagnostics(
            RuleTests.cluster().property("properties.autoUpgradeProfile.upgradeChanel", "patch"))  // ⟵ PRP001
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.code == "PRP001")
        #expect(
            diagnostic.message
                == "Microsoft.ContainerService/managedClusters@2025-10-01 has no property 'upgradeChanel' under 'properties.autoUpgradeProfile' (.property(\"properties.autoUpgradeProfile.upgradeChanel\", …) of cluster 'aks'); did you mean 'upgradeChannel'?"
        )
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let marked = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.hasSuffix("// ⟵ PRP001")
        }
        #expect(diagnostic.site.line == (marked ?? -2) + 1)
        let nonexistent = diagnostics(RuleTests.cluster().property("properties.nonexistent", true))
        #expect(nonexistent.map(\.code) == ["PRP001"])
        #expect(nonexistent.first?.message.contains("did you mean") == false)
    }

    @Test func existingPropertiesAreAcceptedAndReadOnlyOrArrayItemsAreNot() {
        #expect(
            diagnostics(RuleTests.cluster().property("properties.autoUpgradeProfile.upgradeChannel", "patch")).isEmpty)
        // Below a free-form object anything goes (addon names are the user's).
        #expect(diagnostics(RuleTests.cluster().property("properties.addonProfiles.gitops.enabled", true)).isEmpty)
        #expect(
            diagnostics(RuleTests.cluster().property("properties.provisioningState", "x")).map(\.code) == ["PRP002"])
        let array = diagnostics(RuleTests.cluster().property("properties.agentPoolProfiles.count", 3))
        #expect(array.map(\.code) == ["PRP002"])
        #expect(array.first?.message.contains("is an array: say which item with [name=…]") == true)
    }

    // MARK: array items by name

    @Test func anArrayItemIsSelectedByItsName() {
        #expect(
            diagnostics(RuleTests.cluster().property("properties.agentPoolProfiles[name=system].maxPods", 50)).isEmpty)
        // Below the item, the item's own properties are checked.
        let misspelled = diagnostics(
            RuleTests.cluster().property("properties.agentPoolProfiles[name=system].maxPodz", 50))
        #expect(misspelled.map(\.code) == ["PRP001"])
        #expect(misspelled.first?.message.contains("did you mean 'maxPods'?") == true)
        // A name the cluster has no pool of: refused with the pools it has.
        let unknown = diagnostics(
            RuleTests.cluster().property("properties.agentPoolProfiles[name=sytem].maxPods", 50))
        #expect(unknown.map(\.code) == ["PRP003"])
        #expect(
            unknown.first?.message
                == "'properties.agentPoolProfiles' of cluster 'aks' has no item named 'sytem' (.property(\"properties.agentPoolProfiles[name=sytem].maxPods\", …)); did you mean 'system'?"
        )
        #expect(unknown.first?.note == "its items: system")
        // [name=…] on what is not an array, and malformed paths.
        #expect(
            diagnostics(RuleTests.cluster().property("properties.autoUpgradeProfile[name=x].upgradeChannel", "patch"))
                .map(\.code) == ["PRP002"])
        for malformed in [
            "properties.agentPoolProfiles[system].maxPods", "properties..x", "properties.agentPoolProfiles[name=system",
        ] {
            #expect(diagnostics(RuleTests.cluster().property(malformed, 1)).map(\.code) == ["PRP003"], "\(malformed)")
        }
    }

    /// An array whose items Slipway does not name before deployment cannot be selected into: a
    /// wrong name would be ignored silently.
    @Test func anArrayWhoseItemsSlipwayCannotNameIsRefused() throws {
        let target = EnvironmentModel.OverrideTarget(
            type: "Microsoft.Network/azureFirewalls", owner: "firewall 'fw'",
            override: PropertyOverride(
                path: "properties.ipConfigurations[name=ip-0].properties.privateIPAddress", value: "10.0.0.4",
                site: SourceLocation(fileID: "e/e.swift", filePath: "/e/e.swift", line: 1, column: 1)))
        let path = try #require(PropertyPath(target.override.path))
        let problem = try #require(PropertyRules.itemProblem(path, target: target))
        #expect(
            problem.message.hasPrefix(
                "Slipway cannot check which items 'properties.ipConfigurations' of firewall 'fw' has"))
        #expect(problem.note == "set the whole array at 'properties.ipConfigurations'")
    }

    /// The selected item, and only it, gets the value in the rendered template.
    @Test func theSelectedItemAloneIsChanged() throws {
        let environment = Environment("props", location: .eastUS) {
            HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {
                Subnet.azureFirewall("10.0.0.0/26")
            }
            .firewall("fw-hub")
            .property(
                "properties.subnets[name=AzureFirewallSubnet].properties.privateEndpointNetworkPolicies", "Enabled")
            RuleTests.spoke()
        }
        #expect(Validator.validate([environment.resolved()]).filter { $0.code.hasPrefix("PRP") }.isEmpty)
        let model = environment.resolved()
        let hub = model.overrideTargets.first { $0.owner == "hub 'vnet-hub'" }
        #expect(hub?.itemNames["properties.subnets"] == ["AzureFirewallSubnet"])
        let withPools = Environment("pools", location: .eastUS) {
            RuleTests.spoke()
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
            .property("properties.agentPoolProfiles[name=apps].maxPods", 50)
        }
        let resolved = withPools.resolved()
        #expect(Validator.validate([resolved]).filter { $0.code.hasPrefix("PRP") }.isEmpty)
        let files = try EnvironmentRenderer.render(resolved, among: [resolved], fluxPathPrefix: "Output")
        let template = try #require(files["cluster-aks.bicep"])
        let pools = try #require(template.components(separatedBy: "agentPoolProfiles: [").dropFirst().first)
        let system = try #require(pools.components(separatedBy: "name: 'apps'").first)
        let apps = try #require(
            pools.components(separatedBy: "name: 'apps'").dropFirst().first?.components(separatedBy: "\n      }").first)
        #expect(apps.contains("maxPods: 50"))
        #expect(!system.contains("maxPods: 50"))
        let hubFiles = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let hubTemplate = try #require(hubFiles["hub.bicep"])
        #expect(hubTemplate.components(separatedBy: "privateEndpointNetworkPolicies: 'Enabled'").count == 2)
    }
}

import Foundation
import SlipwayModel
import Testing

@testable import Slipway
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
        #expect(array.first?.message.contains("is an array") == true)
    }
}

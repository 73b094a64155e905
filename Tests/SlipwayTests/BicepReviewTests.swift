import Foundation
import Testing

@testable import SlipwayRender

/// Output a Bicep reviewer can read: every built-in role and policy GUID named in a comment,
/// indentation as `bicep format` prints it, and parameter names a person would choose.
@Suite struct BicepReviewTests {
    static func templates() -> [(path: String, text: String)] {
        Support.tree(Support.root.appendingPathComponent("Output")).filter { $0.key.hasSuffix(".bicep") }.map {
            ($0.key, String(decoding: $0.value, as: UTF8.self))
        }.sorted { $0.path < $1.path }
    }

    @Test func everyBuiltInDefinitionGUIDIsNamedBesideIt() throws {
        let definition = try Regex(
            #"Microsoft\.Authorization/(roleDefinitions|policyDefinitions|policySetDefinitions)', '([0-9a-f-]{36})'\)(.*)$"#
        )
        var checked = 0
        for (path, text) in Self.templates() {
            for line in text.split(separator: "\n") {
                guard let match = try definition.firstMatch(in: String(line)) else { continue }
                checked += 1
                let guid = String(match.output[2].substring ?? "")
                let rest = String(match.output[3].substring ?? "")
                #expect(rest.hasPrefix(" // ") && rest.count > 4, "\(path): \(guid) has no name beside it")
                if match.output[1].substring == "roleDefinitions" {
                    #expect(rest == " // " + (BuiltInRole.names[guid] ?? "?"), "\(path): \(line)")
                }
            }
        }
        #expect(checked > 40)
        let cluster = try #require(Self.templates().first { $0.path == "aks-baseline/cluster-aks-bu0001a0008.bicep" })
        let policies = try #require(
            Self.templates().first { $0.path == "aks-baseline/modules/policies-aks-bu0001a0008.bicep" })
        #expect(
            policies.text.contains(
                "policyDefinitionId: tenantResourceId('Microsoft.Authorization/policySetDefinitions', '42b8ef37-b724-4e24-bbc8-7a7708edfe00') // Kubernetes cluster pod security restricted standards for Linux-based workloads"
            ))
        #expect(
            cluster.text.contains(
                "  name: guid(cluster.id, clusterAdminGroupObjectIds[i], 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b') // Azure Kubernetes Service RBAC Cluster Admin\n"
            ))
    }

    /// As `bicep format`: two spaces per level, never more than one level deeper than the line
    /// before, and a loop's body one level in with `}]` at the margin of its line.
    @Test func indentationIsWhatBicepFormatPrints() throws {
        for (path, text) in Self.templates() {
            var previous = 0
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.isEmpty {
                let indent = line.prefix { $0 == " " }.count
                #expect(indent % 2 == 0 && indent <= previous + 2, "\(path):\(number + 1): \(line)")
                previous = indent
            }
        }
        let hub = try #require(Self.templates().first { $0.path == "aks-baseline/hub.bicep" })
        #expect(
            hub.text.contains(
                """
                    ipConfigurations: [for i in range(0, firewallPublicIPCount): {
                      name: firewallPublicIPs[i].name
                """))
        #expect(hub.text.contains("\n    }]\n"))
        #expect(
            hub.text.contains(
                "resource firewallPublicIPs 'Microsoft.Network/publicIPAddresses@2024-05-01' = [for i in range(0, firewallPublicIPCount): {\n  name: "
            ))
    }

    /// One VNet per hub or spoke template: `vnetName`, and subnets by role; one workspace or
    /// registry in an environment: `workspaceName`, `registryName`.
    @Test func parameterNamesAreThoseAPersonWouldChoose() throws {
        func parameters(_ path: String) throws -> [String] {
            let text = try #require(Self.templates().first { $0.path == path }?.text)
            return text.split(separator: "\n").filter { $0.hasPrefix("param ") }.map {
                String($0.split(separator: " ")[1])
            }
        }
        #expect(
            try parameters("aks-baseline/spoke-vnet-spoke-BU0001A0008-00.bicep") == [
                "hubFirewallName", "location", "vnetName", "vnetAddressSpace", "nodesSubnetPrefix",
                "laHubEastusWorkspaceName", "internalLoadBalancersSubnetPrefix", "privateEndpointsSubnetPrefix",
                "applicationGatewaySubnetPrefix", "apiServerSubnetPrefix", "hubVnetName", "ingressPublicIPName",
            ])
        #expect(
            try parameters("aks-baseline/hub.bicep").contains(
                where: ["firewallSubnetPrefix", "bastionSubnetPrefix", "gatewaySubnetPrefix"].contains))
        // Two subnets of one role: named by the subnets.
        let prodSpoke = try parameters("prod/spoke-vnet-prod-spoke.bicep")
        #expect(prodSpoke.contains("snetNodes0SubnetPrefix") && prodSpoke.contains("snetNodes1SubnetPrefix"))
        #expect(
            try parameters("prod/monitoring.bicep") == [
                "workspaceName", "workspaceRetentionDays", "workspaceDailyCapGb", "location",
            ])
        #expect(try parameters("dev/registry.bicep").contains("registryName"))
        for (path, text) in Self.templates() {
            for line in text.split(separator: "\n") where line.hasPrefix("param ") {
                #expect(line.split(separator: " ")[1].count <= 43, "\(path): \(line)")
            }
        }
    }
}

/// A long stamp is split where the reference splits it: the cluster's alerts and policy
/// assignments are modules of their own, called in the cluster's resource group with every
/// parameter they declare, and `slipway diff` still sees their resources.
@Suite struct StampModuleTests {
    @Test func alertsAndPoliciesAreModulesOfTheClusterStamp() throws {
        let folder = Support.root.appendingPathComponent("Output/aks-baseline")
        let cluster = try String(
            contentsOf: folder.appendingPathComponent("cluster-aks-bu0001a0008.bicep"), encoding: .utf8)
        let alerts = try String(
            contentsOf: folder.appendingPathComponent("modules/alerts-aks-bu0001a0008.bicep"), encoding: .utf8)
        let policies = try String(
            contentsOf: folder.appendingPathComponent("modules/policies-aks-bu0001a0008.bicep"), encoding: .utf8)
        #expect(cluster.split(separator: "\n").count < 1600)
        for type in [
            "Microsoft.AlertsManagement/prometheusRuleGroups", "Microsoft.Insights/scheduledQueryRules",
            "Microsoft.Authorization/policyAssignments",
        ] {
            #expect(!cluster.contains("'\(type)@"), "\(type) is still in the cluster template")
        }
        #expect(alerts.components(separatedBy: "'Microsoft.AlertsManagement/prometheusRuleGroups@").count - 1 == 3)
        #expect(policies.components(separatedBy: "'Microsoft.Authorization/policyAssignments@").count - 1 == 19)
        // Called with every parameter the module declares; the cluster waits for its policies.
        for (name, module) in [("alerts", alerts), ("policies", policies)] {
            let declared = module.split(separator: "\n").filter { $0.hasPrefix("param ") }.map {
                String($0.split(separator: " ")[1])
            }
            let call = try #require(cluster.components(separatedBy: "module \(name) '").dropFirst().first)
            let block = try #require(call.components(separatedBy: "\n}\n").first)
            for parameter in declared { #expect(block.contains("    \(parameter): "), "\(name): \(parameter)") }
        }
        let clusterResource = try #require(
            cluster.components(separatedBy: "\nresource cluster '").dropFirst().first?.components(separatedBy: "\n}\n")
                .first)
        #expect(clusterResource.contains("\n    policies\n  ]"))
        // The resolved model lists the modules' resources, so `slipway diff` shows a changed alert.
        let model = try String(contentsOf: folder.appendingPathComponent("slipway-model.json"), encoding: .utf8)
        #expect(model.contains("\"alerts/podFailedAlert\": {"))
        #expect(model.contains("\"policies/policyImageSource\": {"))
    }
}

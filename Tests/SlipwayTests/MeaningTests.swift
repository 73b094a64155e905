import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRender

/// What the output means, checked on a fresh in-process rendering, so that regenerating the
/// goldens after a mistake cannot hide it: the built-in role IDs Azure publishes, the firewall
/// rules every cluster needs with their targets, and the order of the rule collection groups.
@Suite struct MeaningTests {
    /// Azure's published IDs of the built-in roles Slipway assigns (docs: Azure built-in roles).
    static let publishedRoles: [String: String] = [
        "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
        "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
        "Key Vault Reader": "21090545-7ca7-4776-b22c-e363652d74d2",
        "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
        "Private DNS Zone Contributor": "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
        "Virtual Machine Contributor": "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
        "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
        "Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
        "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    ]

    static func render() throws -> [String: String] {
        let environment = Environment("meaning", location: .eastUS) {
            LogAnalyticsWorkspace("la-meaning", in: .hub)
            HubNetwork("vnet-hub", addressSpace: "10.200.0.0/24") {
                Subnet.azureFirewall("10.200.0.0/26")
            }
            .firewall("fw-hub")
            SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
                Subnet.nodes("snet-nodes", "10.240.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.240.4.0/28")
                Subnet.apiServer("snet-api", "10.240.5.0/28")
            }
            .peered(with: "vnet-hub")
            ContainerRegistry("acrmeaning").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
            .privateAPIServer(in: .spoke("vnet-spoke", "snet-api"))
            .entraID(tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: ["group"])
            .monitoring(to: "la-meaning")
            .pullsImages(from: "acrmeaning")
            .keyVault("kv-meaning", privateEndpointIn: .spoke("vnet-spoke", "snet-endpoints"))
            .namespaceReader("apps", group: "readers")
            .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 4)
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/platform") {
                    Kustomization("base") { Manifest.namespace("apps") }
                })
        }
        .diagnostics(to: "la-meaning")
        .secrets(fromVault: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-boot")
        let model = environment.resolved()
        return try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
    }

    /// The body of `resource SYMBOL …` up to its closing brace.
    static func block(_ symbol: String, in text: String) throws -> String {
        let start = try #require(text.range(of: "\nresource \(symbol) '"), "no resource \(symbol)")
        let rest = text[start.upperBound...]
        let end = try #require(rest.range(of: "\n}\n") ?? rest.range(of: "\n}]\n"))
        return String(rest[..<end.lowerBound])
    }

    @Test func theRoleConstantsAreAzuresPublishedIDs() {
        #expect(BuiltInRole.acrPull == Self.publishedRoles["AcrPull"])
        #expect(BuiltInRole.aksRBACReader == Self.publishedRoles["Azure Kubernetes Service RBAC Reader"])
        #expect(BuiltInRole.keyVaultReader == Self.publishedRoles["Key Vault Reader"])
        #expect(BuiltInRole.keyVaultSecretsUser == Self.publishedRoles["Key Vault Secrets User"])
        #expect(BuiltInRole.privateDNSZoneContributor == Self.publishedRoles["Private DNS Zone Contributor"])
        #expect(BuiltInRole.virtualMachineContributor == Self.publishedRoles["Virtual Machine Contributor"])
        #expect(BuiltInRole.networkContributor == Self.publishedRoles["Network Contributor"])
        #expect(BuiltInRole.aksRBACClusterAdmin == Self.publishedRoles["Azure Kubernetes Service RBAC Cluster Admin"])
        #expect(BuiltInRole.aksClusterUser == Self.publishedRoles["Azure Kubernetes Service Cluster User Role"])
    }

    /// Each identity gets the role it needs, on the scope it needs it, by Azure's ID.
    @Test func eachIdentityHoldsTheRoleItNeeds() throws {
        let files = try Self.render()
        func role(_ name: String) -> String { "roleDefinitions', '\(Self.publishedRoles[name]!)')" }
        let pull = try #require(files["modules/registry-pull-access.bicep"])
        #expect(pull.contains(role("AcrPull")))
        #expect(pull.contains("scope: registry"))
        let cluster = try #require(files["cluster-aks.bicep"])
        // The kubelet identity pulls images and manages its scale sets.
        let kubeletCall = try #require(cluster.range(of: "module kubeletRegistryPullAccess"))
        #expect(
            cluster[kubeletCall.upperBound...].prefix(600).contains(
                "principalId: cluster.properties.identityProfile.kubeletidentity.objectId"))
        #expect(
            try #require(files["modules/node-resource-group-access.bicep"]).contains(
                role("Virtual Machine Contributor")))
        // The control plane manages its subnets and its private DNS zone.
        let access = try #require(files["modules/cluster-network-access.bicep"])
        #expect(access.contains(role("Network Contributor")))
        let zone = try Self.block("apiServerZoneContributor", in: cluster)
        #expect(zone.contains(role("Private DNS Zone Contributor")))
        #expect(zone.contains("principalId: controlPlaneIdentity.properties.principalId"))
        #expect(zone.contains("scope: apiServerPrivateDnsZone"))
        // Admins and namespace readers, by group.
        let admins = try Self.block("clusterAdminRoleAssignments", in: cluster)
        #expect(admins.contains(role("Azure Kubernetes Service RBAC Cluster Admin")))
        #expect(admins.contains("principalType: 'Group'"))
        let reader = try Self.block("appsNamespaceReader0", in: cluster)
        #expect(reader.contains(role("Azure Kubernetes Service RBAC Reader")))
        #expect(reader.contains("scope: appsNamespace"))
    }

    /// The hub firewall allows what AKS, its monitoring, Azure Policy and Flux need, from the
    /// node subnets only, and nothing goes to a wrong target.
    @Test func theFirewallAllowsWhatEveryClusterNeedsFromItsNodes() throws {
        let files = try Self.render()
        let hub = try #require(files["hub.bicep"])
        let parameters = try #require(files["hub.parameters.json"])
        // The IP group is the node subnet, not the spoke or the endpoint subnet.
        #expect(try Self.block("nodeSubnetsIPGroup", in: hub).contains("ipAddresses: nodeSubnetPrefixes"))
        #expect(
            parameters.contains("\"nodeSubnetPrefixes\": {\n      \"value\": [\n        \"10.240.0.0/22\"\n      ]"))
        let network = try Self.block("networkRules", in: hub)
        for (port, proto) in [("443", "TCP"), ("1194", "UDP")] {
            let rule = try #require(network.range(of: "destinationPorts: [\n              '\(port)'"))
            let before = network[..<rule.lowerBound].suffix(400)
            #expect(
                before.contains("'\(proto)'")
                    && before.contains("sourceIpGroups: [\n              nodeSubnetsIPGroup.id"))
            #expect(before.contains("'AzureCloud.eastus'"))
        }
        let application = try Self.block("applicationRules", in: hub)
        for fqdn in [
            "'*.ods.opinsights.azure.com'", "'*.oms.opinsights.azure.com'", "'eastus.monitoring.azure.com'",
            "'data.policy.${environment().suffixes.storage}'", "'store.policy.${environment().suffixes.storage}'",
            "'github.com'", "'api.github.com'", "'eastus.dp.kubernetesconfiguration.azure.com'", "'mcr.microsoft.com'",
            "'AzureKubernetesService'",
        ] {
            #expect(application.contains(fqdn), "\(fqdn) is not allowed")
        }
        // Every application rule comes from the node subnets' IP group.
        let sources =
            application.components(separatedBy: "sourceIpGroups: [\n              nodeSubnetsIPGroup.id").count - 1
        let rules = application.components(separatedBy: "ruleType: 'ApplicationRule'").count - 1
        #expect(rules > 0 && sources == rules)
        // Rule collection groups of one policy deploy one at a time: the second waits for the first.
        #expect(application.contains("dependsOn: [\n    networkRules\n  ]"))
        // The spoke's default route goes to this firewall's private address.
        let spoke = try #require(files["spoke-vnet-spoke.bicep"])
        #expect(
            spoke.contains("nextHopIpAddress: hubFirewall.properties.ipConfigurations[0].properties.privateIPAddress"))
    }
}

import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// A central private DNS zone for the API server (the hub's or another team's), the roles and
/// links it needs, spokes resolving through the hub's DNS proxy, and NET017.
@Suite struct APIServerZoneTests {
    static let central = ExistingPrivateDNSZone(
        "privatelink.eastus2.azmk8s.io", resourceGroup: "rg-dns", subscription: "11111111-1111-1111-1111-111111111111")

    static func environment(
        zone: APIServerDNSZone, linkingSpoke: Bool, throughHub: Bool, dnsProxy: Bool = true, private: Bool = true
    ) -> EnvironmentModel {
        var spoke = SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
            Subnet.nodes("snet-nodes", "10.240.0.0/22")
            Subnet.apiServer("snet-api", "10.240.4.0/28")
        }
        if throughHub { spoke = spoke.dnsThroughHubFirewall() }
        var cluster = AKSCluster("aks", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
        cluster =
            `private`
            ? cluster.privateAPIServer(in: .spoke("vnet-spoke", "snet-api"))
            : cluster.authorizedIPRanges(["203.0.113.0/24"])
        cluster = cluster.apiServerDNSZone(zone, linkingSpoke: linkingSpoke)
        let hub = HubNetwork("vnet-hub", addressSpace: "10.200.0.0/24") {
            Subnet.azureFirewall("10.200.0.0/26")
        }
        .firewall("fw-zone")
        var model = Environment("zone", location: .eastUS2) {
            LogAnalyticsWorkspace("la-zone")
            hub
            spoke
            cluster
        }
        .diagnostics(to: "la-zone").resolved()
        model.hub?.firewall?.dnsProxy = dnsProxy
        return model
    }

    func messages(_ code: String, _ model: EnvironmentModel) -> [String] {
        Validator.validate([model]).filter { $0.code == code }.map(\.message)
    }

    @Test func theHubsZoneIsLinkedToTheHubAndTheSpokeResolvesThroughItsProxy() throws {
        let model = Self.environment(zone: .hub, linkingSpoke: false, throughHub: true)
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let hub = try #require(files["hub.bicep"])
        #expect(
            hub.contains(
                "resource apiServerPrivateDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: 'privatelink.eastus2.azmk8s.io'\n"
            ))
        #expect(hub.contains("resource apiServerPrivateDnsZoneVnetHubLink "))
        #expect(hub.contains("      id: vnetHubVnet.id\n"))
        let spoke = try #require(files["spoke-vnet-spoke.bicep"])
        #expect(
            spoke.contains(
                "    dhcpOptions: {\n      dnsServers: [\n        hubFirewall.properties.ipConfigurations[0].properties.privateIPAddress\n      ]\n    }\n"
            ))
        let cluster = try #require(files["cluster-aks.bicep"])
        #expect(
            cluster.contains(
                "resource apiServerPrivateDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {\n  name: 'privatelink.eastus2.azmk8s.io'\n  scope: resourceGroup('rg-zone-hub')\n}"
            ))
        #expect(cluster.contains("module apiServerZoneAccess 'modules/api-server-dns-zone-access.bicep' = {"))
        #expect(cluster.contains("    linkedVnetId: ''\n"))
        #expect(cluster.contains("privateDNSZone: apiServerPrivateDnsZone.id"))
        // Network Contributor on the spoke VNet as well as Private DNS Zone Contributor.
        #expect(
            cluster.contains(
                "    vnetRoleDefinitionIds: [\n      'b12aa53e-6015-4669-85d0-8515ebb3ae7f' // Private DNS Zone Contributor\n      '4d97b98b-1d4f-4787-a291-c67834d212e7' // Network Contributor\n    ]"
            ))
        #expect(!cluster.contains("apiServerZoneContributor"))
        let module = try #require(files["modules/api-server-dns-zone-access.bicep"])
        #expect(
            module.contains(
                "resource spokeLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (!empty(linkedVnetId)) {"
            ))
        #expect(
            module.contains(
                "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b12aa53e-6015-4669-85d0-8515ebb3ae7f')"
            ))
    }

    @Test func anExistingZoneIsUsedInItsOwnersGroupAndLinkedToTheSpoke() throws {
        let model = Self.environment(zone: .existing(Self.central), linkingSpoke: true, throughHub: false)
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let cluster = try #require(files["cluster-aks.bicep"])
        #expect(
            cluster.contains(
                "  scope: resourceGroup('11111111-1111-1111-1111-111111111111', 'rg-dns')\n"))
        #expect(cluster.contains("    linkedVnetId: vnetSpokeVnet.id\n"))
        #expect(!(try #require(files["hub.bicep"])).contains("privateDnsZones"))
        // The deploying identity needs rights in the zone owner's group, and the README says so.
        #expect(
            try #require(files["README.md"]).contains(
                "- on the resource group `rg-dns` in subscription `11111111-1111-1111-1111-111111111111` of the API-server zone `privatelink.eastus2.azmk8s.io`: **Owner**, or **Private DNS Zone Contributor** plus **Role Based Access Control Administrator** (the zone-access module of `cluster-aks` gives"
            ))
    }

    @Test func net017RefusesAZoneTheNodesCannotResolve() {
        #expect(
            messages("NET017", Self.environment(zone: .hub, linkingSpoke: false, throughHub: false)) == [
                "the API-server zone of cluster 'aks' is not linked to spoke 'vnet-spoke', and the spoke resolves through Azure DNS; its nodes could not resolve the API server"
            ])
        #expect(
            messages("NET017", Self.environment(zone: .hub, linkingSpoke: false, throughHub: true, dnsProxy: false))
                == [
                    "spoke 'vnet-spoke' resolves DNS through the hub firewall, and its hub has no firewall with DNS proxy; the VNet would have no DNS server",
                    "the API-server zone of cluster 'aks' is not linked to spoke 'vnet-spoke', and the spoke resolves through Azure DNS; its nodes could not resolve the API server",
                ])
        let wrongName = ExistingPrivateDNSZone("privatelink.westeurope.azmk8s.io", resourceGroup: "rg-dns")
        #expect(
            messages("NET017", Self.environment(zone: .existing(wrongName), linkingSpoke: true, throughHub: false)) == [
                "the API-server zone 'privatelink.westeurope.azmk8s.io' of cluster 'aks' is not 'privatelink.eastus2.azmk8s.io' or a subzone of it, which AKS requires"
            ])
        #expect(
            messages("NET017", Self.environment(zone: .hub, linkingSpoke: true, throughHub: false, private: false)) == [
                "cluster 'aks' names an API-server DNS zone and its API server is public"
            ])
    }
}

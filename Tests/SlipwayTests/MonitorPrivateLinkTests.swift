import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// `.privateIngestion(endpointIn:)`: the Azure Monitor Private Link Scope, its endpoint and zones,
/// the clusters' data collection endpoints in it, and NET018.
@Suite struct MonitorPrivateLinkTests {
    static func environment(
        endpoint: String = "snet-endpoints", clusterSpoke: String = "vnet-a", second: LogAnalyticsWorkspace? = nil
    ) -> EnvironmentModel {
        Environment("mon", location: .eastUS2) {
            LogAnalyticsWorkspace("la-mon").privateIngestion(endpointIn: .spoke("vnet-a", endpoint))
            if let second { second }
            SpokeNetwork("vnet-a", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28")
            }
            SpokeNetwork("vnet-b", addressSpace: "10.2.0.0/16") {
                Subnet.nodes("snet-nodes", "10.2.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.2.4.0/28")
            }
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .nodes(in: .spoke(clusterSpoke, "snet-nodes"))
            .network(
                .azureCNIOverlay(
                    podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                    outbound: .loadBalancer)
            )
            .monitoring(to: "la-mon")
            .managedPrometheus()
            .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
        }
        .diagnostics(to: "la-mon").resolved()
    }

    func messages(_ model: EnvironmentModel) -> [String] {
        Validator.validate([model]).filter { $0.code == "NET018" || $0.code == "REF002" }.map(\.message)
    }

    @Test func theScopeTakesTheWorkspaceAndItsEndpointRegistersInTheFiveZones() throws {
        let model = Self.environment()
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(try #require(files["monitoring.bicep"]).contains("    publicNetworkAccessForIngestion: 'Disabled'\n"))
        // The registry stamp exists for the scope alone.
        let registry = try #require(files["registry.bicep"])
        #expect(
            registry.contains(
                """
                resource monitorPrivateLinkScope 'Microsoft.Insights/privateLinkScopes@2021-09-01' = {
                  name: 'ampls-mon'
                  location: 'global'
                  properties: {
                    accessModeSettings: {
                      ingestionAccessMode: 'Open'
                      queryAccessMode: 'Open'
                    }
                  }
                }
                """))
        #expect(registry.contains("  parent: monitorPrivateLinkScope\n  name: 'la-mon'\n"))
        #expect(registry.contains("          groupIds: [\n            'azuremonitor'\n"))
        for zone in MonitorPrivateLink.zones {
            #expect(registry.contains("  name: '\(zone)'\n"), "\(zone)")
            #expect(
                registry.contains("        name: '\(zone.map { $0 == "." ? "-" : $0 }.map(String.init).joined())'\n"))
        }
        // Every spoke resolves Azure Monitor's names to the endpoint.
        #expect(registry.components(separatedBy: "  name: 'to_vnet-b'\n").count == 6)
        // The cluster's agents use endpoints in the scope: configuration access and both rules.
        let cluster = try #require(files["cluster-aks.bicep"])
        #expect(
            cluster.contains(
                "resource containerInsightsEndpointAssociation 'Microsoft.Insights/dataCollectionRuleAssociations@2023-03-11' = {\n  name: 'configurationAccessEndpoint'\n"
            ))
        #expect(cluster.contains("    dataCollectionEndpointId: containerInsightsEndpoint.id\n  }\n}\n"))
        #expect(
            cluster.contains(
                """
                  scope: resourceGroup('rg-mon')
                  params: {
                    scopeName: 'ampls-mon'
                    resourceIds: [
                      containerInsightsEndpoint.id
                      prometheusEndpoint.id
                    ]
                  }
                """))
        #expect(files["modules/monitor-private-link-scope-members.bicep"] != nil)
    }

    @Test func publicIngestionRendersNoScope() throws {
        let model = Environment("pub", location: .eastUS2) {
            LogAnalyticsWorkspace("la-pub")
        }
        .diagnostics(to: "la-pub").resolved()
        #expect(model.monitorPrivateLink == nil)
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(files["registry.bicep"] == nil)
        #expect(try #require(files["monitoring.bicep"]).contains("    publicNetworkAccessForIngestion: 'Enabled'\n"))
    }

    @Test func net018RequiresOneEndpointInTheSendersSpoke() {
        #expect(
            messages(
                Self.environment(
                    clusterSpoke: "vnet-b",
                    second: LogAnalyticsWorkspace("la-other").privateIngestion(
                        endpointIn: .spoke("vnet-b", "snet-endpoints"))
                )) == [
                    "cluster 'aks' in spoke 'vnet-b' sends Container Insights data to workspace 'la-mon', which accepts it only through the private endpoint in spoke 'vnet-a'; traffic between spokes goes through the hub firewall, which does not allow it",
                    "workspace 'la-other' puts its private link endpoint in 'vnet-b/snet-endpoints', and workspace 'la-mon' in 'vnet-a/snet-endpoints'; an environment has one Azure Monitor Private Link Scope with one endpoint, because its DNS records are shared",
                ])
        #expect(
            messages(Self.environment(endpoint: "snet-nodes")) == [
                "the private endpoint of workspace 'la-mon' is placed in subnet 'snet-nodes', which is not meant for endpoints"
            ])
    }
}

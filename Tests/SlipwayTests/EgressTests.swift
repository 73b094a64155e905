import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// `.egress(.natGateway(…))`: the spoke's NAT gateway on the node and pod subnets, and NET016.
@Suite struct EgressTests {
    func messages(_ code: String, _ model: EnvironmentModel) -> [String] {
        Validator.validate([model]).filter { $0.code == code }.map(\.message)
    }

    func spokeTemplate(_ model: EnvironmentModel) throws -> String {
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        return try #require(files["spoke-vnet-spoke.bicep"])
    }

    @Test func aNATGatewayWithPublicIPsServesTheNodeAndPodSubnets() throws {
        let model = PoolKindTests.environment(
            PoolKindTests.cluster(
                network: .azureCNI(serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10")
            ) {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
                    .podSubnet(in: .spoke("vnet-spoke", "snet-pods"))
            }
            .egress(.natGateway(ipCount: 2, idleTimeoutMinutes: 10)))
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        #expect(model.clusters[0].network.outboundType == .userAssignedNATGateway)
        let spoke = try spokeTemplate(model)
        #expect(
            spoke.contains(
                "resource aksNatPublicIps 'Microsoft.Network/publicIPAddresses@2024-05-01' = [for i in range(0, 2): {\n  name: 'pip-ng-aks-${padLeft(i, 2, '0')}'"
            ))
        #expect(
            spoke.contains(
                """
                resource aksNatGateway 'Microsoft.Network/natGateways@2024-05-01' = {
                  name: 'ng-aks'
                  location: location
                  sku: {
                    name: 'Standard'
                  }
                  properties: {
                    idleTimeoutInMinutes: 10
                    publicIpAddresses: [
                      {
                        id: aksNatPublicIps[0].id
                      }
                      {
                        id: aksNatPublicIps[1].id
                      }
                    ]
                  }
                }
                """))
        // Both the node subnet and the pod subnet carry it; the other subnet does not.
        #expect(spoke.components(separatedBy: "natGateway: {\n            id: aksNatGateway.id").count == 3)
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(try #require(files["cluster-aks.bicep"]).contains("outboundType: 'userAssignedNATGateway'"))
        #expect(try #require(files["README.md"]).contains("-->|\"0.0.0.0/0\"| ng_aks"))
        // The address plan says how each subnet egresses.
        let readme = try #require(files["README.md"])
        #expect(readme.contains("| `snet-nodes` | `10.1.0.0/22` | 1019 | AKS nodes (NAT gateway ng-aks) |"))
        #expect(readme.contains("| `snet-pods` | `10.1.8.0/22` | 1019 | AKS pods (NAT gateway ng-aks) |"))
    }

    @Test func aNATGatewayCanUseOnePublicIPPrefix() throws {
        let model = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .egress(.natGateway(publicIPPrefixLength: 30)))
        let spoke = try spokeTemplate(model)
        #expect(
            spoke.contains(
                "resource aksNatIpPrefix 'Microsoft.Network/publicIPPrefixes@2024-05-01' = {\n  name: 'ippre-ng-aks'"))
        #expect(spoke.contains("    prefixLength: 30\n"))
        #expect(spoke.contains("    publicIpPrefixes: [\n      {\n        id: aksNatIpPrefix.id\n"))
        #expect(!spoke.contains("publicIPAddresses@"))
    }

    @Test func net016RefusesANATGatewayThatEgressWouldBypass() {
        let routed = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .egress(.natGateway(ipCount: 17, idleTimeoutMinutes: 2)))
        #expect(
            messages("NET016", routed) == [
                "the NAT gateway of cluster 'aks' asks for 17 public IPs; a NAT gateway takes 1 to 16",
                "the NAT gateway idle timeout of cluster 'aks' is 2 minutes; Azure takes 4 to 120",
            ])
        let prefix = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .egress(.natGateway(publicIPPrefixLength: 24)))
        #expect(
            messages("NET016", prefix) == [
                "the NAT gateway of cluster 'aks' asks for a /24 public IP prefix; a NAT gateway takes /28 to /31"
            ])
        let undeclared = PoolKindTests.environment(
            PoolKindTests.cluster(
                network: .azureCNIOverlay(
                    podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                    outbound: .userAssignedNATGateway)
            ) {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            })
        #expect(
            messages("NET016", undeclared) == [
                "cluster 'aks' egresses through a user-assigned NAT gateway and none is declared; AKS refuses a node subnet without one"
            ])
    }

    @Test func net016RefusesANATGatewayOnASubnetThatRoutesToTheFirewall() throws {
        let model = Environment("nat", location: .eastUS) {
            LogAnalyticsWorkspace("la-nat")
            HubNetwork("vnet-hub", addressSpace: "10.0.0.0/22") {
                Subnet.azureFirewall("10.0.0.0/26")
            }
            .firewall("fw-hub")
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22").routesThroughFirewall()
            }
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
            .egress(.natGateway())
        }
        .diagnostics(to: "la-nat").resolved()
        #expect(
            messages("NET016", model) == [
                "subnet 'snet-nodes' of cluster 'aks' routes 0.0.0.0/0 to the hub firewall and has the cluster's NAT gateway; a route to a virtual appliance takes precedence over a NAT gateway, so egress would not use it"
            ])
    }
}

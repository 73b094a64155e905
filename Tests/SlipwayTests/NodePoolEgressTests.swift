import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// The hub firewall's rules for Windows and GPU pools (AKS "Outbound network and FQDN rules":
/// "Windows Server based node pools", "GPU enabled clusters"), only for clusters behind it.
@Suite struct NodePoolEgressTests {
    static func hubTemplate(egress: Egress = .firewall, @NodePoolBuilder pools: () -> [NodePool]) throws -> String {
        let model = Environment("kinds", location: .eastUS) {
            LogAnalyticsWorkspace("la-kinds")
            HubNetwork("vnet-hub", addressSpace: "10.0.0.0/22") {
                Subnet.azureFirewall("10.0.0.0/26")
            }
            .firewall("fw-hub")
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22").routesThroughFirewall(egress.natGateway == nil)
            }
            AKSCluster("aks", kubernetesVersion: "1.34.2", nodePools: pools)
                .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
                .egress(egress)
                .windowsAdmin(username: "azureuser", passwordSecret: "windows-admin")
                .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
        }
        .diagnostics(to: "la-kinds").secrets(fromVault: PoolKindTests.vault).resolved()
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        return try #require(files["hub.bicep"])
    }

    @Test func windowsAndGPUPoolsGetTheirDocumentedHosts() throws {
        let hub = try Self.hubTemplate {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            NodePool.windows("win", vmSize: .standardD4dV5, autoscale: 1...3)
            NodePool.gpu("gpu", vmSize: .standardNC4asT4V3, autoscale: 0...2)
        }
        #expect(hub.contains("        name: 'Node-Pool-Kinds'\n        priority: 360\n"))
        #expect(
            hub.contains(
                """
                            name: 'windows-binaries-http'
                            protocols: [
                              {
                                protocolType: 'Http'
                                port: 80
                              }
                            ]
                """))
        for host in [
            "nvidia.github.io", "us.download.nvidia.com", "apt.dockerproject.org", "onegetcdn.azureedge.net",
            "go.microsoft.com", "*.mp.microsoft.com", "www.msftconnecttest.com", "ctldl.windowsupdate.com",
        ] {
            #expect(hub.contains("              '\(host)'\n"), "\(host)")
        }
    }

    @Test func linuxPoolsAndNATGatewayClustersAddNone() throws {
        let linux = try Self.hubTemplate {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
        }
        #expect(!linux.contains("Node-Pool-Kinds"))
        // A cluster behind its own NAT gateway does not egress through the firewall.
        let nat = try Self.hubTemplate(egress: .natGateway()) {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            NodePool.gpu("gpu", vmSize: .standardNC4asT4V3, autoscale: 0...2)
        }
        #expect(!nat.contains("Node-Pool-Kinds"))
    }
}

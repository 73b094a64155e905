import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// Spot, Windows and GPU pools, taints and labels, pod subnets: rules and rendered properties.
@Suite struct PoolKindTests {
    static let vault =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-boot/providers/Microsoft.KeyVault/vaults/kv-boot"

    static func spoke() -> SpokeNetwork {
        SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
            Subnet.nodes("snet-nodes", "10.1.0.0/22")
            Subnet("snet-pods", "10.1.8.0/22")
            Subnet("snet-tiny", "10.1.12.0/28")
        }
    }

    static func environment(_ cluster: AKSCluster, vault: Bool = true) -> EnvironmentModel {
        var environment = Environment("kinds", location: .eastUS) {
            LogAnalyticsWorkspace("la-kinds")
            spoke()
            cluster
        }
        .diagnostics(to: "la-kinds")
        if vault { environment = environment.secrets(fromVault: Self.vault) }
        return environment.resolved()
    }

    static func cluster(network: ClusterNetwork? = nil, @NodePoolBuilder pools: () -> [NodePool]) -> AKSCluster {
        AKSCluster("aks", kubernetesVersion: "1.34.2", nodePools: pools)
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
            .network(
                network
                    ?? .azureCNIOverlay(
                        podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                        outbound: .loadBalancer)
            )
            .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
    }

    func messages(_ code: String, _ environment: EnvironmentModel) -> [String] {
        Validator.validate([environment]).filter { $0.code == code }.map(\.message)
    }

    func template(_ environment: EnvironmentModel) throws -> (bicep: String, parameters: String) {
        let files = try EnvironmentRenderer.render(environment, among: [environment], fluxPathPrefix: "Output")
        return (try #require(files["cluster-aks.bicep"]), try #require(files["cluster-aks.parameters.json"]))
    }

    @Test func spotPoolsAreEvictableUserPoolsAfterTheSystemPool() throws {
        let model = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.spot("batch", vmSize: .standardD4dV5, autoscale: 0...5, maxPrice: 0.25)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
            })
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
        let bicep = try template(model).bicep
        #expect(bicep.contains("scaleSetPriority: 'Spot'\n        scaleSetEvictionPolicy: 'Delete'\n"))
        #expect(bicep.contains("        spotMaxPrice: json('0.25')\n"))
        #expect(!bicep.contains("kubernetes.azure.com/scalesetpriority"))
        // Workloads that do not tolerate spot nodes: the ingress pool and capacity skip the spot pool.
        #expect(model.clusters[0].ingressControllerPool == "apps")
        #expect(model.clusters[0].nodeCapacity(onPool: nil) == 3)
        let first = Self.environment(
            Self.cluster {
                NodePool.spot("batch", vmSize: .standardD4dV5, autoscale: 0...5)
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            })
        #expect(
            messages("AKS019", first) == [
                "spot pool 'batch' is the first pool of cluster 'aks'; spot nodes can be evicted at any time"
            ])
        let taint = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.spot("batch", vmSize: .standardD4dV5, autoscale: 0...5).taints([NodePoolModel.spotTaint])
            })
        #expect(
            messages("AKS022", taint) == [
                "taint 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule' of node pool 'batch' uses the prefix AKS reserves (AKS puts this one on spot nodes itself)"
            ])
    }

    @Test func windowsPoolsNeedALinuxSystemPoolAndAVaultPassword() throws {
        let model = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.windows("win", vmSize: .standardD4dV5, autoscale: 1...3)
            }
            .windowsAdmin(username: "azureuser", passwordSecret: "aks-windows-admin"))
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
        let (bicep, parameters) = try template(model)
        #expect(bicep.contains("osType: 'Windows'\n        osSKU: 'Windows2022'"))
        #expect(
            bicep.contains(
                "windowsProfile: {\n      adminUsername: windowsAdminUsername\n      adminPassword: windowsAdminPassword\n      enableCSIProxy: true\n    }"
            ))
        #expect(bicep.contains("@secure()\nparam windowsAdminPassword string"))
        #expect(parameters.contains("\"secretName\": \"aks-windows-admin\""))
        #expect(!parameters.contains("\"windowsAdminPassword\": {\n      \"value\""))
        let wrong = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.windows("windows1", vmSize: .standardD4dV5, autoscale: 1...3)
            })
        #expect(
            messages("AKS020", wrong) == [
                "Windows pool name 'windows1' is not 1 to 6 lowercase letters and digits starting with a letter",
                "cluster 'aks' has Windows pools but no Windows administrator",
            ])
    }

    @Test func gpuPoolsAreTaintedAndNeedGPUSizes() throws {
        let model = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.gpu("gpu", vmSize: .standardNC4asT4V3, autoscale: 0...2)
            })
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
        #expect(try template(model).bicep.contains("nodeTaints: [\n          'sku=gpu:NoSchedule'\n        ]"))
        let custom = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.gpu("gpu", vmSize: .standardD4dV5, autoscale: 0...2, taint: "nvidia.com/gpu=present")
            })
        #expect(messages("AKS021", custom) == ["GPU pool 'gpu' uses 'Standard_D4d_v5', which has no GPU"])
        #expect(messages("AKS022", custom) == ["taint 'nvidia.com/gpu=present' of node pool 'gpu' is malformed"])
    }

    @Test func podSubnetsNeedFlatCNIAndRoomForEveryPod() throws {
        let flat = ClusterNetwork.azureCNI(
            serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10", outbound: .loadBalancer)
        let model = Self.environment(
            Self.cluster(network: flat) {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...10).maxPods(50)
                    .podSubnet(in: .spoke("vnet-spoke", "snet-pods"))
            })
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
        let bicep = try template(model).bicep
        #expect(bicep.contains("podSubnetID: vnetSpokeSnetPodsSubnet.id"))
        #expect(bicep.contains("'snet-pods'"))  // the control plane may join pods to it
        let overlay = Self.environment(
            Self.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).podSubnet(
                    in: .spoke("vnet-spoke", "snet-tiny"))
            })
        #expect(
            messages("NET014", overlay) == [
                "node pool 'apps' takes pod addresses from subnet 'vnet-spoke/snet-tiny', but cluster 'aks' uses Azure CNI overlay",
                "pod subnet 'vnet-spoke/snet-tiny' 10.1.12.0/28 has 16 addresses but the pods of 'apps' need 125 (nodes with surge × maxPods + 5 reserved)",
            ])
        let dangling = Self.environment(
            Self.cluster(network: flat) {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).podSubnet(
                    in: .spoke("vnet-spoke", "snet-gone"))
            })
        #expect(messages("REF001", dangling).contains { $0.hasPrefix("subnet 'vnet-spoke/snet-gone' is not declared") })
    }

    /// Behind the hub firewall, pods with a subnet of their own leave from it: the subnet must route
    /// through the firewall, and the firewall's node-subnet IP group must hold it.
    @Test func podSubnetsBehindTheFirewallRouteThroughItAndAreAllowedByIt() throws {
        func environment(routed: Bool) -> EnvironmentModel {
            Environment("egress", location: .eastUS) {
                LogAnalyticsWorkspace("la-egress")
                HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") { Subnet.azureFirewall("10.0.0.0/26") }
                    .firewall("fw-hub")
                SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                    Subnet.nodes("snet-nodes", "10.1.0.0/22")
                    Subnet("snet-pods", "10.1.8.0/22").routesThroughFirewall(routed)
                }
                .peered(with: "vnet-hub")
                AKSCluster("aks", kubernetesVersion: "1.34.2") {
                    NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                        .podSubnet(in: .spoke("vnet-spoke", "snet-pods"))
                }
                .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
                .network(.azureCNI(serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
                .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
            }
            .diagnostics(to: "la-egress")
            .resolved()
        }
        #expect(
            messages("NET014", environment(routed: false)) == [
                "pods of node pool 'system' egress from subnet 'vnet-spoke/snet-pods', which has no route to the firewall, while cluster 'aks' egresses through userDefinedRouting"
            ])
        let routed = environment(routed: true)
        #expect(
            Validator.validate([routed]).filter { $0.severity == .error }.isEmpty,
            "\(Validator.validate([routed]).map(\.formatted))")
        let files = try EnvironmentRenderer.render(routed, among: [routed], fluxPathPrefix: "Output")
        let hub = try #require(files["hub.parameters.json"])
        #expect(
            hub.contains(
                "\"nodeSubnetPrefixes\": {\n      \"value\": [\n        \"10.1.0.0/22\",\n        \"10.1.8.0/22\"\n      ]"
            ), "\(hub)")
    }
}

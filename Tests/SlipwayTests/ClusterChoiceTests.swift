import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// Azure CNI powered by Cilium and cost analysis: rendered properties and their rules.
@Suite struct ClusterChoiceTests {
    func messages(_ code: String, _ model: EnvironmentModel) -> [String] {
        Validator.validate([model]).filter { $0.code == code }.map(\.message)
    }

    @Test func ciliumRunsOnOverlayWithoutWindows() throws {
        let model = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .dataplane(.cilium))
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let bicep = try #require(files["cluster-aks.bicep"])
        #expect(bicep.contains("networkPolicy: 'cilium'\n      networkDataplane: 'cilium'"))
        let windows = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                NodePool.windows("win", vmSize: .standardD4dV5, autoscale: 1...3)
            }
            .windowsAdmin(username: "azureuser", passwordSecret: "win-admin")
            .dataplane(.cilium))
        #expect(
            messages("NET015", windows) == [
                "cluster 'aks' runs Azure CNI powered by Cilium, which has no Windows nodes, and declares Windows pool 'win'"
            ])
        let flat = PoolKindTests.environment(
            PoolKindTests.cluster(
                network: .azureCNI(serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10", outbound: .loadBalancer)
            ) {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .dataplane(.cilium))
        #expect(
            messages("NET015", flat) == [
                "Azure CNI powered by Cilium needs overlay or pod subnets, and pool 'system' of cluster 'aks' puts pods on the node subnet"
            ])
        let policyOnly = PoolKindTests.environment(
            PoolKindTests.cluster(
                network: .azureCNIOverlay(
                    podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                    policy: .cilium, outbound: .loadBalancer)
            ) {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            })
        #expect(
            messages("NET015", policyOnly) == [
                "cluster 'aks' asks for Cilium network policy without the Cilium data plane"
            ])
    }

    @Test func costAnalysisNeedsAPaidTier() throws {
        let cluster = PoolKindTests.cluster { NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3) }
            .costAnalysis()
        let model = PoolKindTests.environment(cluster)
        #expect(messages("AKS023", model).isEmpty)
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(
            try #require(files["cluster-aks.bicep"]).contains(
                "metricsProfile: {\n      costAnalysis: {\n        enabled: true\n      }\n    }"))
        #expect(
            messages("AKS023", PoolKindTests.environment(cluster.tier(.free))) == [
                "cost analysis of cluster 'aks' needs the Standard or Premium tier, and the cluster is on Free"
            ])
    }
}

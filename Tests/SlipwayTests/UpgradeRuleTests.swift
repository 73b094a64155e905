import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRules

/// AKS010 per channel, AKS015–AKS018 and STK001: each rule triggered, with its message and line.
@Suite struct UpgradeRuleTests {
    static let source = (try? String(contentsOfFile: #filePath, encoding: .utf8)) ?? ""

    static func line(_ marker: String) -> Int {
        Support.line(markedBy: marker, in: source)
    }

    func environment(_ cluster: AKSCluster, committed: CommittedEnvironment? = nil) -> EnvironmentModel {
        var model = Environment("up", location: .eastUS) {
            LogAnalyticsWorkspace("la-up")
            RuleTests.spoke()
            cluster
        }
        .diagnostics(to: "la-up")
        .resolved()
        model.committed = committed
        return model
    }

    func found(_ code: String, _ cluster: AKSCluster, committed: CommittedEnvironment? = nil) -> [Diagnostic] {
        Validator.validate([environment(cluster, committed: committed)]).filter { $0.code == code }
    }

    static func pools(_ apps: NodePool) -> AKSCluster {
        AKSCluster("aks", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            apps
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        .network(
            .azureCNIOverlay(
                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                outbound: .loadBalancer)
        )
        .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
    }

    @Test func aPoolMayLagTwoMinorsButNeverLead() throws {
        let lagging = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).kubernetesVersion("1.32.9"))
        #expect(found("AKS015", lagging).isEmpty)
        let ahead = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).kubernetesVersion("1.34.3")  // ⟵ ahead
        )
        let newer = try #require(found("AKS015", ahead).first)
        #expect(newer.message == "node pool 'apps' runs Kubernetes 1.34.3, newer than its control plane (1.34.2)")
        #expect(newer.site.line == Self.line("ahead"))
        let behind = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).kubernetesVersion("1.31.4"))
        #expect(
            found("AKS015", behind).map(\.message) == [
                "node pool 'apps' runs Kubernetes 1.31.4, 3 minors behind its control plane (1.34.2); AKS allows two"
            ])
    }

    @Test func aPinnedPoolNeedsTheChannelOffAndASystemPoolOnTheControlPlane() {
        let channel = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).kubernetesVersion("1.33.5")
        )
        .autoUpgrade(cluster: "patch")
        #expect(
            found("AKS016", channel).map(\.message) == [
                "node pool 'apps' pins Kubernetes 1.33.5, but the 'patch' channel of cluster 'aks' moves every pool with the control plane"
            ])
        let system = AKSCluster("aks", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3).kubernetesVersion("1.33.5")
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        #expect(
            found("AKS016", system).map(\.message) == [
                "no system pool of cluster 'aks' runs the control plane's version (1.34.2)"
            ])
    }

    @Test func theControlPlaneMovesOneMinorFromTheCommittedModel() throws {
        let committed = CommittedEnvironment(
            source: "Output/up/slipway-model.json at HEAD", kubernetesVersions: ["aks": "1.32.7"])
        let skip = try #require(
            found(
                "AKS017", Self.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)),
                committed: committed
            ).first)
        #expect(
            skip.message
                == "cluster 'aks' moves from Kubernetes 1.32.7 to 1.34.2, skipping 1 minor (committed: Output/up/slipway-model.json at HEAD)"
        )
        #expect(skip.note == "AKS upgrades one minor at a time: deploy 1.33 first, then the next minor")
        let oneStep = CommittedEnvironment(source: "x", kubernetesVersions: ["aks": "1.33.5"])
        #expect(
            found(
                "AKS017", Self.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)),
                committed: oneStep
            ).isEmpty)
        let back = CommittedEnvironment(source: "x", kubernetesVersions: ["aks": "1.34.3"])
        #expect(
            found(
                "AKS017", Self.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)), committed: back
            ).map(\.message)
                == ["cluster 'aks' goes back from Kubernetes 1.34.3 to 1.34.2 (committed: x)"])
        // From an unsupported minor AKS allows the jump back into the supported window.
        let unsupported = CommittedEnvironment(source: "x", kubernetesVersions: ["aks": "1.29.9"])
        #expect(
            found(
                "AKS017", Self.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)),
                committed: unsupported
            ).isEmpty)
        // Without a committed model there is nothing to compare with.
        #expect(found("AKS017", Self.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3))).isEmpty)
    }

    @Test func aPoolNeverGoesBackFromTheCommittedModel() {
        let committed = CommittedEnvironment(
            source: "x", kubernetesVersions: ["aks": "1.34.2"], poolVersions: ["aks/apps": "1.34.2"])
        let cluster = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3).kubernetesVersion("1.33.5"))
        #expect(
            found("AKS017", cluster, committed: committed).map(\.message) == [
                "node pool 'apps' of cluster 'aks' goes back from Kubernetes 1.34.2 to 1.33.5 (committed: x)"
            ])
    }

    @Test func eachChannelNeedsItsOwnWindow() {
        let cluster = AKSCluster("aks", kubernetesVersion: "1.34") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        .autoUpgrade(cluster: "patch", nodeOS: "NodeImage")  // ⟵ channel
        .maintenanceWindow(for: .nodeOS, "Tuesday", startingAt: "22:00", hours: 6)
        let warnings = found("AKS010", cluster)
        #expect(
            warnings.map(\.message) == [
                "cluster 'aks' has no aksManagedAutoUpgradeSchedule: its cluster channel 'patch' upgrades at any time"
            ])
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.site.line == Self.line("channel"))
        let both = cluster.maintenanceWindow(
            for: .cluster, "Sunday", startingAt: "06:00", hours: 4, utcOffset: "+01:00")
        #expect(found("AKS010", both).isEmpty)
        let badOffset = cluster.maintenanceWindow(
            for: .cluster, "Sunday", startingAt: "06:00", hours: 4, utcOffset: "+1")
        #expect(
            found("AKS012", badOffset).map(\.message) == [
                "the maintenance window of cluster 'aks' (Sunday 06:00 for 4 h (UTC+1)) is not one AKS accepts"
            ])
    }

    @Test func upgradeSettingsStayInAKSRanges() {
        let cluster = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
                .upgradeSettings(.unavailable("none"), drainTimeoutMinutes: 0, nodeSoakMinutes: 31))
        #expect(
            found("AKS018", cluster).map(\.message) == [
                "upgrade settings of node pool 'apps': maxUnavailable 'none' is not a count or a percentage; the drain timeout of 0 minutes is outside 1–1440; the node soak of 31 minutes is outside 0–30"
            ])
        let fine = Self.pools(
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
                .upgradeSettings(.unavailable("1"), drainTimeoutMinutes: 30, nodeSoakMinutes: 5))
        #expect(found("AKS018", fine).isEmpty)
        #expect(found("AKS005", fine).isEmpty)  // maxSurge is 0 with maxUnavailable, not malformed
    }

    @Test func stacksExcludeAtMostFiveKnownPrincipals() {
        var model = environment(Self.pools(NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)))
        model.deployment = .stack(
            DeploymentStackModel(
                actionOnUnmanage: "detachAll", denyMode: "denyWriteAndDelete",
                excludedPrincipals: (1...6).map { "0000000\($0)-0000-0000-0000-000000000000" } + ["ops-team"],
                site: .unknown))
        #expect(
            Validator.validate([model]).filter { $0.code == "STK001" }.map(\.message) == [
                "the deployment stacks of environment 'up' cannot be created: 7 excluded principals, Azure allows 5; 'ops-team' is not an Entra object ID"
            ])
    }
}

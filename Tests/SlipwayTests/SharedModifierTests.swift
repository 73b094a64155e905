import SlipwayModel
import Testing

@testable import Slipway

/// Every declaration that offers a shared modifier (a capability in SharedModifiers.swift) has it
/// reach its lowered model: the capability is written once, so a model that silently lacked the
/// field would lose the setting.
@Suite struct SharedModifierTests {
    static let group = ResourceGroupModel(name: "rg-own", subscription: "sub-1")
    static let override = "properties.shared.marker"

    static func subnet() -> Subnet {
        Subnet.nodes("snet-nodes", "10.1.0.0/22").suppress("NET999", because: "subnet")
    }

    static func environment() -> Environment {
        var env = Environment("shared", location: .eastUS).diagnostics(to: "la-environment")
        env.add(
            LogAnalyticsWorkspace("la-shared").property(Self.override, "workspace"))
        env.add(
            HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") { Subnet.azureFirewall("10.0.0.0/26") }
                .property(Self.override, "hub").suppress("NET999", because: "hub")
                .resourceGroup("rg-own", subscription: "sub-1").diagnostics(to: "la-hub"))
        env.add(
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") { Self.subnet() }
                .property(Self.override, "spoke").suppress("NET999", because: "spoke")
                .resourceGroup("rg-own", subscription: "sub-1").diagnostics(to: "la-spoke"))
        env.add(
            ContainerRegistry("acrshared").property(Self.override, "registry").suppress("NET999", because: "registry")
                .diagnostics(to: "la-registry"))
        env.add(
            AKSCluster("aks-shared", kubernetesVersion: "1.34") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .property(Self.override, "cluster").suppress("NET999", because: "cluster")
            .resourceGroup("rg-own", subscription: "sub-1").diagnostics(to: "la-cluster"))
        env.add(
            FleetManager(on: "aks-shared") {
                ClusterGroup("all", matching: [:]).suppress("NET999", because: "group")
                GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("all")]) {}
                    .suppress("NET999", because: "repo")
            })
        return env
    }

    @Test func everySharedModifierReachesTheModel() throws {
        let model = Self.environment().resolved()
        let marker = { (value: String) in [PropertyOverride(path: Self.override, value: .string(value), site: .unknown)]
        }
        func paths(_ overrides: [PropertyOverride]) -> [String] { overrides.map { "\($0.path)=\($0.value)" } }
        let hub = try #require(model.hub)
        let spoke = try #require(model.spokes.first)
        let registry = try #require(model.registries.first)
        let cluster = try #require(model.clusters.first)
        let workspace = try #require(model.workspaces.first)
        let fleet = try #require(model.fleet)
        #expect(paths(hub.overrides) == paths(marker("hub")))
        #expect(paths(spoke.overrides) == paths(marker("spoke")))
        #expect(paths(registry.overrides) == paths(marker("registry")))
        #expect(paths(cluster.overrides) == paths(marker("cluster")))
        #expect(paths(workspace.overrides) == paths(marker("workspace")))
        #expect(hub.suppressions.map(\.reason) == ["hub"])
        #expect(spoke.suppressions.map(\.reason) == ["spoke"])
        #expect(registry.suppressions.map(\.reason) == ["registry"])
        #expect(cluster.suppressions.map(\.reason) == ["cluster"])
        #expect(spoke.subnets.first?.suppressions.map(\.reason) == ["subnet"])
        #expect(fleet.groups.first?.suppressions.map(\.reason) == ["group"])
        #expect(fleet.gitRepos.first?.suppressions.map(\.reason) == ["repo"])
        #expect(
            [hub.resourceGroup, spoke.resourceGroup, cluster.resourceGroup] == Array(repeating: Self.group, count: 3))
        #expect(hub.diagnosticsWorkspace == "la-hub")
        #expect(spoke.diagnosticsWorkspace == "la-spoke")
        #expect(registry.diagnosticsWorkspace == "la-registry")
        #expect(cluster.diagnosticsWorkspace == "la-cluster")
        #expect(model.diagnosticsWorkspace == "la-environment")
        // The diagnostics modifier records its call site for rules to blame.
        for sites in [hub.sites, spoke.sites, registry.sites, cluster.sites, model.sites] {
            #expect(sites["diagnostics"]?.line ?? 0 > 0)
        }
    }

    @Test func withoutTheModifiersUnitsTakeTheEnvironmentsGroups() throws {
        var env = Environment("plain", location: .eastUS)
        env.add(HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") { Subnet.azureFirewall("10.0.0.0/26") })
        env.add(SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") { Self.subnet() })
        let model = env.resolved()
        #expect(model.hub?.resourceGroup == ResourceGroupModel(name: "rg-plain-hub"))
        #expect(model.spokes.first?.resourceGroup == ResourceGroupModel(name: "rg-plain-spokes"))
        #expect(model.hub?.overrides.isEmpty == true && model.hub?.diagnosticsWorkspace == nil)
    }
}

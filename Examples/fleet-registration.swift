// Rancher Fleet next to the Azure environment: a manager on its own AKS cluster and three
// downstream clusters, two registering themselves (one pinned to a pre-defined Cluster with a
// clientID) and one registered by the manager. Fleet deploys the `web` bundle to dev and prod,
// with a prod customisation.
import Slipway

/// A spoke with one cluster's subnets, in the /16 `10.<octet>.0.0`.
func spoke(_ name: String, octet: Int) -> SpokeNetwork {
    SpokeNetwork("vnet-\(name)", addressSpace: "10.\(octet).0.0/16") {
        Subnet.nodes("snet-nodes", "10.\(octet).0.0/22")
        Subnet.apiServer("snet-api", "10.\(octet).4.0/28")
    }
}

/// A small private cluster in the spoke `vnet-<name>`.
func cluster(_ name: String) -> AKSCluster {
    AKSCluster("aks-\(name)", kubernetesVersion: "1.34.2") {
        NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
        NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
    }
    .nodes(in: .spoke("vnet-\(name)", "snet-nodes"))
    .privateAPIServer(in: .spoke("vnet-\(name)", "snet-api"))
    .monitoring(to: "la-fleet")
    .maintenanceWindow("Saturday", startingAt: "02:00", hours: 6)
}

/// The environment, declared in a function: the compiler checks each `add` on its own.
func fleetRegistration() -> Environment {
    var platform = Environment("fleet-registration", location: .westEurope)
        .diagnostics(to: "la-fleet")
    platform.add(LogAnalyticsWorkspace("la-fleet"))
    platform.add(
        HubNetwork("vnet-fleet-hub", addressSpace: "10.70.0.0/24") {
            Subnet.azureFirewall("10.70.0.0/26")
        }
        .firewall("fw-fleet", publicIPs: 1))
    platform.add(spoke("manager", octet: 71))
    platform.add(spoke("dev", octet: 72))
    platform.add(spoke("prod", octet: 73))
    platform.add(spoke("edge", octet: 74))

    platform.add(cluster("manager"))
    platform.add(cluster("dev").fleet(.agentInitiated(labels: ["env": "dev"])))
    platform.add(
        cluster("prod").fleet(.agentInitiated(labels: ["env": "prod"], clientID: "prod-4f1c9e2a7b5d4c8e9a01d3b6f2e8c7a5")))
    platform.add(cluster("edge").fleet(.managerInitiated(labels: ["env": "prod", "site": "edge"])))

    platform.add(
        FleetManager(on: "aks-manager", namespace: "clusters") {
            ClusterGroup("dev", matching: ["env": "dev"])
            ClusterGroup("prod", matching: ["env": "prod"])
            // Every registered cluster that is not an edge cluster, by a set-based requirement.
            ClusterGroup("core", matching: [:], where: [.label("env", notIn: ["edge"])])
            GitRepo(
                "apps", repository: "https://github.com/contoso/platform", branch: "main",
                targets: [.clusterGroup("dev"), .clusterGroup("prod")]
            ) {
                FleetBundle("base", defaultNamespace: "web") {
                    Manifest.namespace("web")
                }
                .kustomize()
                FleetBundle("web", defaultNamespace: "web") {
                    Manifest.configMap("web-settings", namespace: "web", data: ["greeting": "hello"])
                }
                .dependsOn("base")
                .customize("prod", for: .clusterGroup("prod"), labels: ["tier": "production"])
                FleetBundle("monitoring", defaultNamespace: "monitoring")
                    .helm(
                        chart: "kube-state-metrics",
                        repository: "https://prometheus-community.github.io/helm-charts", version: "5.25.1",
                        values: ["replicas": 1])
            }
        }
        .tokenTTL("240h"))
    return platform
}

Slipway.emit(fleetRegistration())

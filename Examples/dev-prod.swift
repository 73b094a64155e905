// Two environments built by one function. prod declares the regional hub; dev shares it as an
// existing reference, so dev deploys only its spoke, registry stamp and cluster stamp (plus the hub
// side of its peering into prod's hub resource group).
import Slipway

/// What differs between the environments.
struct Sizing {
    var spokeSecondOctet: Int
    var clusterCount: Int
    var userPoolSize: VMSize
    var userPoolNodes: ClosedRange<Int>
}

func environment(_ name: String, _ sizing: Sizing, sharedHub: ExistingHub?) -> Environment {
    let spoke = "vnet-\(name)-spoke"
    let octet = sizing.spokeSecondOctet
    var env = Environment(name, location: .eastUS2)
        .diagnostics(to: "la-\(name)")
        // One deployment stack per unit. dev deletes what the DSL removes; prod detaches it (a
        // person deletes it after a look) and denies writes from anyone but the stack and the
        // platform team's break-glass group.
        .deployment(
            name == "prod"
                ? .stack(
                    onUnmanage: .detach, deny: .denyWriteAndDelete,
                    excludedPrincipals: ["11111111-1111-1111-1111-111111111111"])
                : .stack(onUnmanage: .delete))
        .secrets(
            fromVault:
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform-bootstrap/providers/Microsoft.KeyVault/vaults/kv-platform-bootstrap"
        )
    env.add(LogAnalyticsWorkspace("la-\(name)").retention(days: name == "prod" ? 90 : 30))
    if let sharedHub {
        env.add(sharedHub)
    } else {
        env.add(
            HubNetwork("vnet-shared-hub", addressSpace: "10.100.0.0/24") {
                Subnet.azureFirewall("10.100.0.0/26")
                Subnet.azureBastion("10.100.0.64/26")
            }
            .firewall("fw-shared")
            .bastion("ab-shared"))
    }
    env.add(
        SpokeNetwork(spoke, addressSpace: "10.\(octet).0.0/16") {
            for index in 0..<sizing.clusterCount {
                Subnet.nodes("snet-nodes-\(index)", "10.\(octet).\(index * 4).0/22")
                Subnet.apiServer("snet-api-\(index)", "10.\(octet).100.\(index * 16)/28")
            }
            Subnet.privateEndpoints("snet-endpoints", "10.\(octet).200.0/28")
        })
    env.add(ContainerRegistry("acr\(name)").privateEndpoint(in: .spoke(spoke, "snet-endpoints")))
    for index in 0..<sizing.clusterCount {
        var cluster = AKSCluster("aks-\(name)-\(index)", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            NodePool.user("apps", vmSize: sizing.userPoolSize, autoscale: sizing.userPoolNodes)
                .upgradeSettings(.surge("33%"), drainTimeoutMinutes: 30, nodeSoakMinutes: 5)
            if name == "prod" {
                // Batch jobs are certified per Kubernetes minor: this pool stays on 1.33 (its own
                // agentPools resource) while the control plane and the other pools run 1.34.
                NodePool.user("batch", vmSize: .standardD4dV5, autoscale: 0...3).kubernetesVersion("1.33.5")
            }
        }
        if name == "dev" {
            // dev takes patches by itself: Kubernetes on Sunday mornings (Central European time),
            // node images on Tuesday nights.
            cluster =
                cluster
                .autoUpgrade(cluster: "patch", nodeOS: "NodeImage")
                .maintenanceWindow(for: .cluster, "Sunday", startingAt: "06:00", hours: 4, utcOffset: "+01:00")
                .maintenanceWindow(for: .nodeOS, "Tuesday", startingAt: "22:00", hours: 6)
        } else {
            // prod upgrades Kubernetes only when the DSL says so; node images weekly on Thursday nights.
            cluster = cluster.maintenanceWindow(for: .nodeOS, "Thursday", startingAt: "22:00", hours: 6)
        }
        env.add(
            cluster
            .nodes(in: .spoke(spoke, "snet-nodes-\(index)"))
            .privateAPIServer(in: .spoke(spoke, "snet-api-\(index)"))
            .network(
                .azureCNIOverlay(podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
            .entraID(tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: [])
            .monitoring(to: "la-\(name)")
            .pullsImages(from: "acr\(name)")
            .keyVault("kv-\(name)-\(index)", privateEndpointIn: .spoke(spoke, "snet-endpoints"))
            .federatedIdentity("id-storefront-\(name)", subject: "system:serviceaccount:apps:storefront")
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/platform", branch: name) {
                    Kustomization("namespaces") { Manifest.namespace("apps") }
                    // The Container Insights agent settings, from the static base in Templates/manifests/.
                    Kustomization("kube-system").template("container-insights")
                    Kustomization("apps") {
                        Manifest.configMap(
                            "cluster-info", namespace: "apps",
                            data: ["environment": name, "registry": "${registry}"])
                    }
                    .dependsOn("namespaces")
                    .substitute("registry", .loginServer(of: "acr\(name)"))
                }
                // A private repository: the token comes from the secrets vault, never from a file.
                .httpsCredentials(user: "git", tokenSecret: "platform-repository-token")))
    }

    // A workload delivered by push: CI builds and promotes the image, then applies the manifests
    // in Output/<env>/workloads/storefront/ with az aks command invoke. dev runs every main
    // build, prod only released (locked) versions. Its settings come from the cluster's vault.
    env.add(
        Workload("storefront", on: "aks-\(name)-0", namespace: "apps")
            .source("Examples/workloads/aspnetapp")
            .image("apps/storefront")
            .replicas(name == "prod" ? 3 : 2)
            .port(8080)
            .probes(liveness: .http("/healthz", port: 8080), readiness: .http("/healthz", port: 8080))
            .resources(requests: .init(cpu: "100m", memory: "128Mi"), limits: .init(cpu: "1", memory: "512Mi"))
            .nodePool("apps")
            .workloadIdentity("id-storefront-\(name)")
            .secrets([.secret("storefront-settings", file: "appsettings.secrets.json")])
            .delivery(.push, stage: name == "prod" ? .release : .development))
    return env
}

let prod = environment(
    "prod", Sizing(spokeSecondOctet: 110, clusterCount: 2, userPoolSize: .standardD8dV5, userPoolNodes: 3...10),
    sharedHub: nil)
let dev = environment(
    "dev", Sizing(spokeSecondOctet: 111, clusterCount: 1, userPoolSize: .standardD4dV5, userPoolNodes: 1...3),
    sharedHub: prod.hubReference)

Slipway.emit(dev, prod)

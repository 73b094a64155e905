// A platform with two clusters that show the node-pool and networking choices beside the baseline:
//
// - aks-platform-linux runs Azure CNI powered by Cilium on overlay, with spot and GPU pools, and
//   egresses through a NAT gateway of its own (its subnets do not route through the hub firewall).
// - aks-platform-win runs a Windows pool. Cilium does not run Windows nodes (rule NET015), so this
//   cluster keeps the Azure data plane, and egresses through the hub firewall.
//
// Both keep their private API server's DNS zone centrally in the hub; the spoke resolves through
// the firewall's DNS proxy, so the zone needs no link to the spoke. Parameter files are
// .bicepparam. The Linux cluster's Flux tree is layered infrastructure → configs → apps
// (docs/flux-helm-oci.md).
import Slipway

let spoke = "vnet-platform-spoke"
let vault =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform-bootstrap/providers/Microsoft.KeyVault/vaults/kv-platform-bootstrap"

var platform = Environment("platform", location: .eastUS2)
    .diagnostics(to: "la-platform")
    .secrets(fromVault: vault)
    .parameterFiles(.bicepparam)

// The workspace accepts data only through the environment's Azure Monitor Private Link Scope, whose
// endpoint sits in the spoke both clusters run in.
platform.add(
    LogAnalyticsWorkspace("la-platform").retention(days: 60)
        .privateIngestion(endpointIn: .spoke(spoke, "snet-endpoints")))
platform.add(
    HubNetwork("vnet-platform-hub", addressSpace: "10.210.0.0/24") {
        Subnet.azureFirewall("10.210.0.0/26")
        Subnet.azureBastion("10.210.0.64/26")
    }
    .firewall("fw-platform")
    .bastion("ab-platform"))
platform.add(
    SpokeNetwork(spoke, addressSpace: "10.230.0.0/16") {
        // The NAT gateway serves these; a route to the firewall would take precedence (NET016).
        Subnet.nodes("snet-linux-nodes", "10.230.0.0/22").routesThroughFirewall(false)
        Subnet.apiServer("snet-linux-api", "10.230.4.0/28")
        Subnet.nodes("snet-windows-nodes", "10.230.8.0/22")
        Subnet.apiServer("snet-windows-api", "10.230.4.16/28")
        Subnet.privateEndpoints("snet-endpoints", "10.230.5.0/28")
    }
    .dnsThroughHubFirewall())
platform.add(ContainerRegistry("acrplatform").privateEndpoint(in: .spoke(spoke, "snet-endpoints")))

/// What both clusters share: where they run, their private API server and its central zone,
/// identity, monitoring and the registry.
func platformCluster(_ name: String, nodes: String, api: String, _ cluster: AKSCluster) -> AKSCluster {
    cluster
        .nodes(in: .spoke(spoke, nodes))
        .privateAPIServer(in: .spoke(spoke, api))
        .apiServerDNSZone(.hub, linkingSpoke: false)
        .network(.azureCNIOverlay(podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
        .entraID(tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: [])
        .monitoring(to: "la-platform")
        .pullsImages(from: "acrplatform")
        .maintenanceWindow(for: .nodeOS, "Wednesday", startingAt: "22:00", hours: 6)
}

platform.add(
    platformCluster(
        "aks-platform-linux", nodes: "snet-linux-nodes", api: "snet-linux-api",
        AKSCluster("aks-platform-linux", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 2...6)
            // Batch work that tolerates eviction; AKS taints these nodes itself.
            NodePool.spot("spot", vmSize: .standardD4dV5, autoscale: 0...10, maxPrice: 0.2)
            // Inference: only pods that tolerate the taint (and ask for nvidia.com/gpu) land here.
            // The NVIDIA device plugin's chart schedules only on nodes labelled as GPU nodes, a
            // label Node Feature Discovery would set and AKS does not.
            NodePool.gpu("gpu", vmSize: .standardNC4asT4V3, autoscale: 0...2, taint: "sku=gpu:NoSchedule")
                .labels(["nvidia.com/gpu.present": "true"])
        }
    )
    .dataplane(.cilium)
    .egress(.natGateway(ipCount: 2, idleTimeoutMinutes: 10))
    // Metrics in an Azure Monitor workspace, and Grafana on top for the platform team.
    .managedPrometheus()
    .managedGrafana(admins: ["22222222-2222-2222-2222-222222222222"])
    .gitOps(
        FluxConfiguration(repository: "https://github.com/contoso/platform", branch: "main") {
            // 1. Controllers and their CRDs. wait() holds the next layer until every release here
            //    is ready.
            Kustomization("infrastructure") {
                Manifest.namespace("nvidia-device-plugin")
                HelmRepository("nvidia", url: "https://nvidia.github.io/k8s-device-plugin")
                HelmRelease(
                    "nvidia-device-plugin", namespace: "nvidia-device-plugin", chart: "nvidia-device-plugin",
                    version: "0.17.1", from: .helmRepository("nvidia")
                )
                // AKS installs the driver; the plugin advertises nvidia.com/gpu to the scheduler.
                .values([
                    "tolerations": [["key": "sku", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"]]
                ])
            }
            .wait().timeout("15m").retryInterval("2m")
            // 2. Cluster-wide settings that use what the infrastructure layer installed.
            Kustomization("configs") {
                Manifest.namespace("apps")
                Manifest(
                    apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", name: "batch-low",
                    body: [
                        "value": -10, "preemptionPolicy": "Never",
                        "description": "Spot batch work: never preempts other pods.",
                    ])
            }
            .dependsOn("infrastructure")
            // 3. Applications, from an OCI chart pinned by tag.
            Kustomization("apps") {
                OCIRepository("podinfo", url: "oci://ghcr.io/stefanprodan/charts/podinfo", tag: "6.9.2")
                HelmRelease("podinfo", namespace: "apps", chartFrom: .ociRepository("podinfo"))
                    .values(["replicaCount": 2])
            }
            .dependsOn("configs").timeout("10m")
        }))

platform.add(
    platformCluster(
        "aks-platform-win", nodes: "snet-windows-nodes", api: "snet-windows-api",
        AKSCluster("aks-platform-win", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            // Windows pool names are at most six characters (AKS020).
            NodePool.windows("win22", vmSize: .standardD4dV5, autoscale: 1...4, osSKU: .windows2022)
        }
    )
    // The Windows nodes' administrator password is read from the secrets vault at deployment.
    .windowsAdmin(username: "azureuser", passwordSecret: "aks-windows-admin-password"))

Slipway.emit(platform)

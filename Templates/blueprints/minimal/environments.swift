// A minimal Slipway environment: one hub with a firewall, one spoke, a private registry and one
// private AKS cluster bootstrapped by Flux. Edit, then run `slipway generate environments.swift`.
import Slipway

/// The environment, declared in a function with one `add` per declaration: the compiler checks
/// each on its own, so the file stays quick to compile however large it grows.
func development() -> Environment {
    var dev = Environment("dev", location: .eastUS2)
        .diagnostics(to: "la-dev")
    dev.add(LogAnalyticsWorkspace("la-dev"))
    dev.add(
        HubNetwork("vnet-dev-hub", addressSpace: "10.200.0.0/24") {
            Subnet.azureFirewall("10.200.0.0/26")
            Subnet.azureBastion("10.200.0.64/26")
        }
        .firewall("fw-dev")
        .bastion("ab-dev"))
    dev.add(
        SpokeNetwork("vnet-dev-spoke", addressSpace: "10.240.0.0/16") {
            Subnet.nodes("snet-nodes", "10.240.0.0/22")
            Subnet.privateEndpoints("snet-endpoints", "10.240.4.0/28")
            Subnet.apiServer("snet-api", "10.240.5.0/28")
        })
    dev.add(ContainerRegistry("acrdev").privateEndpoint(in: .spoke("vnet-dev-spoke", "snet-endpoints")))
    dev.add(
        AKSCluster("aks-dev", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
        }
        .nodes(in: .spoke("vnet-dev-spoke", "snet-nodes"))
        .privateAPIServer(in: .spoke("vnet-dev-spoke", "snet-api"))
        // Replace with your tenant and the object ID of your cluster-admins group.
        .entraID(tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: [])
        .monitoring(to: "la-dev")
        // Node images are refreshed weekly, in this window (UTC).
        .maintenanceWindow("Tuesday", startingAt: "22:00", hours: 6)
        .pullsImages(from: "acrdev")
        .gitOps(
            FluxConfiguration(repository: "https://github.com/contoso/platform") {
                Kustomization("namespaces") { Manifest.namespace("apps") }
            }))
    return dev
}

Slipway.emit(development())

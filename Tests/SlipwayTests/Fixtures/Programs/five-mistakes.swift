// Five mistakes, each reported at its own line in one run (see five-mistakes.expected).
import Slipway

let env = Environment("mistakes", location: .eastUS2) {
    LogAnalyticsWorkspace("la-mistakes")
    HubNetwork("vnet-hub", addressSpace: "10.50.0.0/16") {
        Subnet.azureFirewall("10.50.0.0/26")
    }
    .firewall("fw-mistakes")
    SpokeNetwork("vnet-spoke", addressSpace: "10.50.128.0/17") {
        Subnet.nodes("snet-nodes", "10.60.0.0/22")
        Subnet.privateEndpoints("snet-endpoints", "10.50.200.0/28")
    }
    ContainerRegistry("acr_mistakes").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
    AKSCluster("aks-mistakes", kubernetesVersion: "1.34.2") {
        NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
    }
    .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
    .pullsImages(from: "acrmistakes")
    .gitOps(
        FluxConfiguration(repository: "https://github.com/contoso/platform") {
            Kustomization("infrastructure").dependsOn("apps")
            Kustomization("apps").dependsOn("infrastructure")
        }
    )
    .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
}
.diagnostics(to: "la-mistakes")

Slipway.emit(env)

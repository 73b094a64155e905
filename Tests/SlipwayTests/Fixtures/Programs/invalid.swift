import Slipway

let env = Environment("invalid", location: .eastUS) {
    LogAnalyticsWorkspace("la-invalid")
    HubNetwork("vnet-hub", addressSpace: "10.240.0.0/24") {
        Subnet.azureFirewall("10.240.0.0/26")
    }
    SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
        Subnet.nodes("snet-nodes", "10.241.0.0/22")
    }
    AKSCluster("aks-invalid", kubernetesVersion: "1.34.2") {
        NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
    }
    .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
    .pullsImages(from: "acrmissing")
}
.diagnostics(to: "la-invalid")
Slipway.emit(env)

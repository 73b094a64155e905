import Slipway

let env = Environment("templated", location: .eastUS) {
    LogAnalyticsWorkspace("la-templated")
    AKSCluster("aks", kubernetesVersion: "1.34.2") {
        NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
    }
    .network(
        .azureCNIOverlay(
            podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
            outbound: .loadBalancer)
    )
    .gitOps(
        FluxConfiguration(repository: "https://github.com/contoso/apps") {
            Kustomization("base").template("no-such-base")
        })
}
.diagnostics(to: "la-templated")
Slipway.emit(env)

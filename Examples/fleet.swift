// A fleet: N clusters (the input `fleetSize`, 3 by default), each in its own spoke, in groups of
// ten that share one regional hub. Each group is an environment with its own registry,
// geo-replicated to the next region. Try: slipway generate Examples/fleet.swift --set fleetSize=1000
import Slipway

let fleetSize = Slipway.input("fleetSize", default: 3)
let regions: [Region] = [.eastUS2, .westUS2, .centralUS, .northEurope, .westEurope, .swedenCentral]

/// One group of up to ten clusters around a hub in `region`.
func group(_ number: Int, clusters: Int) -> Environment {
    let name = "fleet-\(number < 10 ? "00" : number < 100 ? "0" : "")\(number)"
    let region = regions[number % regions.count]
    var env = Environment(name, location: region)
        .diagnostics(to: "la-\(name)")
    env.add(LogAnalyticsWorkspace("la-\(name)"))
    env.add(
        HubNetwork("vnet-\(name)-hub", addressSpace: "10.250.\(number).0/24") {
            Subnet.azureFirewall("10.250.\(number).0/26")
        }
        .firewall("fw-\(name)", publicIPs: 1))
    for index in 0..<clusters {
        // Cluster c of the fleet gets the c-th /20 of 10.0.0.0/10.
        let c = number * 10 + index
        let (a, b) = (c / 16, (c % 16) * 16)
        env.add(
            SpokeNetwork("vnet-\(name)-\(index)", addressSpace: "10.\(a).\(b).0/20") {
                Subnet.nodes("snet-nodes", "10.\(a).\(b).0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.\(a).\(b + 4).0/28")
                Subnet.apiServer("snet-api", "10.\(a).\(b + 4).16/28")
            })
        env.add(
            AKSCluster("aks-\(name)-\(index)", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...5)
            }
            .nodes(in: .spoke("vnet-\(name)-\(index)", "snet-nodes"))
            .privateAPIServer(in: .spoke("vnet-\(name)-\(index)", "snet-api"))
            .monitoring(to: "la-\(name)")
            .maintenanceWindow("Sunday", startingAt: "01:00", hours: 6)
            .pullsImages(from: "acr\(number)fleet")
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/fleet") {
                    Kustomization("platform") { Manifest.namespace("platform") }
                }))
    }
    env.add(
        ContainerRegistry("acr\(number)fleet")
            .privateEndpoint(in: .spoke("vnet-\(name)-0", "snet-endpoints"))
            .replica(in: regions[(number + 1) % regions.count]))
    return env
}

let groups = (fleetSize + 9) / 10
Slipway.emit((0..<groups).map { group($0, clusters: min(10, fleetSize - $0 * 10)) })

// Three environments from one function: dev, and prod in two regions. Each region has its own hub,
// spoke, registry (geo-replicated in prod) and private cluster. Edit the table below.
import Slipway

struct RegionPlan {
    var name: String
    var region: Region
    /// The second octet of the region's 10.x.0.0/16 spoke and 10.(x+100).0.0/24 hub.
    var octet: Int
    var nodes: ClosedRange<Int>
}

func environment(_ plan: RegionPlan, replica: Region?) -> Environment {
    let spoke = "vnet-\(plan.name)-spoke"
    let registry = "acr" + plan.name.filter { $0.isLetter || $0.isNumber }
    var acr = ContainerRegistry(registry).privateEndpoint(in: .spoke(spoke, "snet-endpoints"))
    if let replica { acr = acr.replica(in: replica) }
    var env = Environment(plan.name, location: plan.region)
        .diagnostics(to: "la-\(plan.name)")
    env.add(LogAnalyticsWorkspace("la-\(plan.name)"))
    env.add(
        HubNetwork("vnet-\(plan.name)-hub", addressSpace: "10.\(plan.octet + 100).0.0/24") {
            Subnet.azureFirewall("10.\(plan.octet + 100).0.0/26")
            Subnet.azureBastion("10.\(plan.octet + 100).0.64/26")
        }
        .firewall("fw-\(plan.name)")
        .bastion("ab-\(plan.name)"))
    env.add(
        SpokeNetwork(spoke, addressSpace: "10.\(plan.octet).0.0/16") {
            Subnet.nodes("snet-nodes", "10.\(plan.octet).0.0/22")
            Subnet.privateEndpoints("snet-endpoints", "10.\(plan.octet).4.0/28")
            Subnet.apiServer("snet-api", "10.\(plan.octet).5.0/28")
        })
    env.add(acr)
    env.add(
        AKSCluster("aks-\(plan.name)", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: plan.nodes)
        }
        .nodes(in: .spoke(spoke, "snet-nodes"))
        .privateAPIServer(in: .spoke(spoke, "snet-api"))
        .entraID(tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: [])
        .monitoring(to: "la-\(plan.name)")
        // Node images are refreshed weekly, in this window (UTC).
        .maintenanceWindow("Sunday", startingAt: "01:00", hours: 6)
        .pullsImages(from: Ref(registry))
        .gitOps(
            FluxConfiguration(repository: "https://github.com/contoso/platform", branch: "main") {
                Kustomization("namespaces") { Manifest.namespace("apps") }
            }))
    return env
}

let dev = environment(RegionPlan(name: "dev", region: .eastUS2, octet: 10, nodes: 1...3), replica: nil)
let prodEast = environment(RegionPlan(name: "prod-eastus2", region: .eastUS2, octet: 20, nodes: 3...10), replica: .centralUS)
let prodWest = environment(RegionPlan(name: "prod-westus2", region: .westUS2, octet: 30, nodes: 3...10), replica: .centralUS)

Slipway.emit(dev, prodEast, prodWest)

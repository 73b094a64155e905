import Slipway

/// Generates random valid environments for property-based tests and the large conformance run.
///
/// Every sample validates clean by construction: each VNet gets its own /20 of 10.0.0.0/8, hubs
/// have `/26` firewall and Bastion subnets (the minimum), node subnets are sized from their pools
/// (flat Azure CNI pools nearly fill theirs), and names are unique where they must be. The samples
/// cover several hubs, hubs shared across environments, several spokes and clusters per
/// environment, and both overlay and flat networking.
public struct EnvironmentSampler {
    var random: SeededGenerator
    /// The next free /20 block of 10.0.0.0/8 (4,096 blocks).
    var nextBlock = 0
    var hubs: [(hub: ExistingHub, hasFirewall: Bool)] = []
    /// Workloads generated so far; their promotion stages take turns.
    var workloadCount = 0

    public init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// `count` environments named `<prefix>-<index>`.
    public mutating func environments(count: Int, prefix: String = "sample") -> [Environment] {
        (0..<count).map { environment(named: "\(prefix)-\($0)") }
    }

    mutating func block() -> (first: Int, second: Int) {
        precondition(nextBlock < 4096, "10.0.0.0/8 holds 4,096 /20 blocks")
        defer { nextBlock += 1 }
        return (nextBlock / 16, (nextBlock % 16) * 16)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    public mutating func environment(named name: String) -> Environment {
        let workspace = "la-\(name)"
        // A hub of its own, or one shared with an earlier environment.
        let sharesHub = !hubs.isEmpty && chance(30)
        let shared = sharesHub ? hubs[Int.random(in: 0..<hubs.count, using: &random)] : nil
        let sharedHub = shared?.hub
        var hub: HubNetwork?
        var hasFirewall = shared?.hasFirewall ?? false
        if sharedHub == nil {
            let (a, b) = block()
            let withFirewall = chance(70)
            hasFirewall = withFirewall
            var declared = HubNetwork("vnet-\(name)-hub", addressSpace: "10.\(a).\(b).0/24") {
                Subnet.azureFirewall("10.\(a).\(b).0/26")
                Subnet.azureBastion("10.\(a).\(b).64/26")
                Subnet.gateway("10.\(a).\(b).128/27")
            }
            if withFirewall {
                declared = declared.firewall("fw-\(name)", publicIPs: Int.random(in: 1...3, using: &random))
            }
            if chance(50) { declared = declared.bastion("ab-\(name)") }
            hub = declared
        }
        var spokes: [SpokeNetwork] = []
        var clusters: [AKSCluster] = []
        // Name, spoke and whether Flux delivers to it, per cluster (for the workload below).
        var placements: [(name: String, spoke: String, flux: Bool)] = []
        var registries: [ContainerRegistry] = []
        var needsVault = false  // a Windows administrator's password comes from it
        let spokeCount = Int.random(in: 1...3, using: &random)
        for spokeIndex in 0..<spokeCount {
            let spokeName = "vnet-\(name)-spoke\(spokeIndex)"
            let (a, b) = block()
            let clusterCount = Int.random(in: 0...2, using: &random)
            var subnets: [Subnet] = [Subnet.privateEndpoints("snet-endpoints", "10.\(a).\(b).0/28")]
            for clusterIndex in 0..<clusterCount {
                let clusterName = "aks-\(name)-\(spokeIndex)-\(clusterIndex)"
                let overlay = chance(60)
                let maxPods = overlay ? 110 : Int.random(in: 10...30, using: &random)
                let maxCount = Int.random(in: 3...6, using: &random)
                let surge = (maxCount * 33 + 99) / 100
                // A third pool, sometimes: spot, GPU or Windows (1 to 3 nodes, counted below).
                let kind = Int.random(in: 0...3, using: &random)
                let pools = kind == 0 ? 2 : 3
                // Flat CNI: (maxCount + surge) × (maxPods + 1) per pool, plus 5.
                let needed =
                    overlay ? pools * (maxCount + surge) + 5 : pools * (maxCount + surge) * (maxPods + 1) + 5
                let length = 32 - bits(for: needed)
                // Each cluster gets a /22-aligned slot: nodes first, API server subnet at its end.
                let third = b + 4 + clusterIndex * 4
                subnets.append(Subnet.nodes("snet-nodes-\(clusterIndex)", "10.\(a).\(third).0/\(length)"))
                let privateAPI = chance(60)
                if privateAPI {
                    subnets.append(
                        Subnet.apiServer("snet-api-\(clusterIndex)", "10.\(a).\(b).\(16 + clusterIndex * 16)/28"))
                }
                // Day 2 choices: a channel with a window each, or a pinned pool one minor behind
                // (its own agentPools resource), and upgrade settings with drain and soak.
                let channel = chance(30)
                let pinned = !channel && chance(40)
                var apps = NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...maxCount).maxPods(maxPods)
                if pinned { apps = apps.kubernetesVersion("1.33.\(Int.random(in: 1...9, using: &random))") }
                if chance(50) {
                    apps = apps.upgradeSettings(
                        .surge("33%"), drainTimeoutMinutes: Int.random(in: 10...60, using: &random),
                        nodeSoakMinutes: Int.random(in: 0...10, using: &random))
                }
                // Labels, and with flat CNI a pod subnet of its own (a /24 after the cluster slots), by
                // the name, without a random draw.
                let poolDigest = clusterName.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF
                if poolDigest % 5 == 4 { apps = apps.labels(["tier": "apps"]) }
                if !overlay && poolDigest % 4 == 3 {
                    subnets.append(
                        Subnet("snet-pods-\(clusterIndex)", "10.\(a).\(b + 12 + clusterIndex).0/24")
                            .routesThroughFirewall(hasFirewall))
                    apps = apps.podSubnet(in: .spoke(spokeName, "snet-pods-\(clusterIndex)"))
                }
                let extra: NodePool? =
                    switch kind {
                    case 1: NodePool.spot("spot", vmSize: .standardD4dV5, autoscale: 0...maxCount).maxPods(maxPods)
                    case 2:
                        NodePool.gpu("gpu", vmSize: .standardNC4asT4V3, autoscale: 0...maxCount)
                            .maxPods(maxPods)
                    case 3: NodePool.windows("win", vmSize: .standardD4dV5, autoscale: 1...maxCount).maxPods(maxPods)
                    default: nil
                    }
                var cluster = AKSCluster(
                    clusterName, kubernetesVersion: "1.34.\(Int.random(in: 0...3, using: &random))"
                ) {
                    NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...maxCount).maxPods(maxPods)
                    apps
                    if let extra { extra }
                }
                .nodes(in: .spoke(spokeName, "snet-nodes-\(clusterIndex)"))
                .monitoring(to: Ref(workspace))
                .maintenanceWindow("Saturday", startingAt: "03:00", hours: 4)
                .network(
                    overlay
                        ? .azureCNIOverlay(
                            podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                            outbound: hasFirewall ? .userDefinedRouting : .loadBalancer)
                        : .azureCNI(
                            serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                            outbound: hasFirewall ? .userDefinedRouting : .loadBalancer))
                // Cilium (overlay, no Windows) and cost analysis by the name, without a random draw.
                let digest = clusterName.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF
                if overlay && kind != 3 && digest % 2 == 0 { cluster = cluster.dataplane(.cilium) }
                if digest % 3 == 0 { cluster = cluster.costAnalysis() }
                // A NAT gateway where no firewall takes egress: public IPs or a prefix, by the name.
                if !hasFirewall && digest % 4 == 1 {
                    cluster = cluster.egress(
                        digest % 8 == 1 ? .natGateway(ipCount: 2) : .natGateway(publicIPPrefixLength: 31))
                }
                if kind == 3 {
                    cluster = cluster.windowsAdmin(
                        username: "azureuser", passwordSecret: "\(clusterName)-windows-admin")
                    needsVault = true
                }
                if channel {
                    cluster = cluster.autoUpgrade(cluster: "patch")
                        .maintenanceWindow(for: .cluster, "Sunday", startingAt: "06:00", hours: 4, utcOffset: "+01:00")
                }
                if privateAPI {
                    cluster = cluster.privateAPIServer(in: .spoke(spokeName, "snet-api-\(clusterIndex)"))
                    // The API server's zone in this environment's hub, linked to the spoke, by the name.
                    if hub != nil && digest % 7 == 3 { cluster = cluster.apiServerDNSZone(.hub) }
                } else {
                    cluster = cluster.authorizedIPRanges(["203.0.113.0/24"])
                }
                // Managed Prometheus with Grafana on top, by the name (where the default name fits).
                if digest % 6 == 5 && clusterName.count <= 19 {
                    cluster = cluster.managedPrometheus()
                        .managedGrafana(admins: ["22222222-2222-2222-2222-222222222222"])
                }
                let flux = chance(70)
                placements.append((clusterName, spokeName, flux))
                if flux {
                    cluster = cluster.gitOps(
                        FluxConfiguration(repository: "https://github.com/contoso/\(name)") {
                            Kustomization("namespaces") { Manifest.namespace("apps") }
                            Kustomization("apps") {
                                Manifest.configMap("settings", namespace: "apps", data: ["cluster": clusterName])
                                // A Helm chart by the name, without a random draw.
                                if digest % 5 == 2 {
                                    HelmRepository("podinfo", url: "https://stefanprodan.github.io/podinfo")
                                    HelmRelease(
                                        "podinfo", namespace: "apps", chart: "podinfo", version: "6.9.2",
                                        from: .helmRepository("podinfo")
                                    )
                                    .values(["replicaCount": 2])
                                    .imageHosts("ghcr.io")
                                }
                            }
                            .dependsOn("namespaces").timeout("10m").retryInterval("2m")
                        })
                }
                clusters.append(cluster)
            }
            spokes.append(
                SpokeNetwork(spokeName, addressSpace: "10.\(a).\(b).0/20") { subnets }
                    .resourceGroup("rg-\(name)-spoke\(spokeIndex)"))
        }
        if chance(80) {
            let registryName = "acr" + name.filter { $0.isLetter || $0.isNumber }
            registries.append(
                ContainerRegistry(registryName).privateEndpoint(in: .spoke("vnet-\(name)-spoke0", "snet-endpoints")))
            clusters = clusters.map { $0.pullsImages(from: Ref(registryName)) }
        }
        var workloads: [Workload] = []
        if !registries.isEmpty, !clusters.isEmpty, chance(75) {
            let target = Int.random(in: 0..<clusters.count, using: &random)
            let (workload, cluster) = workload(on: placements[target], cluster: clusters[target], environment: name)
            clusters[target] = cluster
            workloads.append(workload)
        }
        // Private ingestion through the environment's Azure Monitor Private Link Scope, by the name,
        // where every cluster shares the endpoint's spoke (NET018).
        let nameDigest = name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF
        var logs = LogAnalyticsWorkspace(workspace)
        if spokeCount == 1 && nameDigest % 3 == 1 {
            logs = logs.privateIngestion(endpointIn: .spoke("vnet-\(name)-spoke0", "snet-endpoints"))
        }
        var environment = Environment(name, location: .eastUS2) {
            logs
            if let hub { hub }
            if let sharedHub { sharedHub }
            for spoke in spokes { spoke }
            for registry in registries { registry }
            for cluster in clusters { cluster }
            for workload in workloads { workload }
        }
        .diagnostics(to: Ref(workspace))
        .deployment(
            [
                DeploymentStrategy.incremental, .stack(onUnmanage: .detach),
                .stack(onUnmanage: .delete, deny: .denyDelete),
                .stack(
                    onUnmanage: .detach, deny: .denyWriteAndDelete,
                    excludedPrincipals: ["11111111-1111-1111-1111-111111111111"]),
            ][Int.random(in: 0...3, using: &random)])
        // Every third environment writes .bicepparam files; no random draw, so the others' draws stay.
        if name.utf8.reduce(0, { $0 + Int($1) }) % 3 == 0 { environment = environment.parameterFiles(.bicepparam) }
        if needsVault {
            environment = environment.secrets(
                fromVault:
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-bootstrap/providers/Microsoft.KeyVault/vaults/kv-\(name)"
            )
        }
        if hub != nil, let reference = environment.hubReference { hubs.append((reference, hasFirewall)) }
        return environment
    }

    /// A workload that passes the baseline's policies: a tag of its stage, probes, limits within
    /// the preset, workload identity, and sometimes Key Vault secrets (adding the cluster's vault).
    mutating func workload(
        on placement: (name: String, spoke: String, flux: Bool), cluster: AKSCluster, environment: String
    ) -> (Workload, AKSCluster) {
        let stage = [PromotionStage.development, .staging, .release][workloadCount % 3]
        workloadCount += 1
        let sha = String((0..<7).map { _ in "0123456789abcdef".randomElement(using: &random)! })
        let tag: String
        switch stage {
        case .development: tag = "dev-\(sha)"
        case .staging: tag = "staging-\(sha)"
        case .release:
            tag =
                "\(Int.random(in: 0...3, using: &random)).\(Int.random(in: 0...20, using: &random)).\(Int.random(in: 0...99, using: &random))"
        }
        let identity = "id-\(environment)-web"
        var cluster = cluster.federatedIdentity(identity, subject: "system:serviceaccount:apps:web")
        var workload = Workload("web", on: Ref(placement.name), namespace: "apps")
            .image("apps/web", tag: .input("web.tag", default: tag))
            .replicas(Int.random(in: 1...2, using: &random))  // every pool reaches 3 nodes: room for one more (WKL013)
            .port(8080)
            .probes(liveness: .http("/healthz", port: 8080), readiness: .tcp(port: 8080))
            .resources(requests: .init(cpu: "50m", memory: "64Mi"), limits: .init(cpu: "500m", memory: "256Mi"))
            .workloadIdentity(identity)
            .delivery(placement.flux ? .pull : .push, stage: stage)
        if chance(50) {
            cluster = cluster.keyVault("kvweb", privateEndpointIn: .spoke(placement.spoke, "snet-endpoints"))
            workload = workload.secrets([.secret("web-settings", file: "settings.json")])
        }
        return (workload, cluster)
    }

    /// Host bits needed to hold `count` addresses.
    func bits(for count: Int) -> Int {
        var bits = 0
        while (1 << bits) < count { bits += 1 }
        return bits
    }
}

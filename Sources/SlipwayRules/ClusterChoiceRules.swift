import SlipwayModel

/// NET015: Azure CNI powered by Cilium where it can run. NET016: a NAT gateway that egress really
/// takes. AKS023: cost analysis on a tier that has it. AKS024: Managed Grafana with metrics to read.
enum ClusterChoiceRules {
    static let choices: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.clusters.flatMap { cluster in
                cilium(cluster) + natGateway(cluster, in: environment) + costAnalysis(cluster)
                    + managedGrafana(cluster)
            }
        }
    }

    static func natGateway(_ cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        let network = cluster.network
        guard let nat = network.natGateway else {
            guard network.outboundType == .userAssignedNATGateway else { return [] }
            return [
                Diagnostic(
                    .error, "NET016",
                    "cluster '\(cluster.name)' egresses through a user-assigned NAT gateway and none is declared; AKS refuses a node subnet without one",
                    note: "use .egress(.natGateway(ipCount:)) so that the spoke renders it", at: network.site)
            ]
        }
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ note: String) {
            diagnostics.append(Diagnostic(.error, "NET016", message, note: note, at: nat.site))
        }
        if let length = nat.prefixLength {
            if !(28...31).contains(length) {
                error(
                    "the NAT gateway of cluster '\(cluster.name)' asks for a /\(length) public IP prefix; a NAT gateway takes /28 to /31",
                    "use a prefix length from 28 (16 addresses) to 31 (2)")
            }
        } else if !(1...16).contains(nat.publicIPCount) {
            error(
                "the NAT gateway of cluster '\(cluster.name)' asks for \(nat.publicIPCount) public IPs; a NAT gateway takes 1 to 16",
                "use ipCount 1...16, or a public IP prefix")
        }
        if !(4...120).contains(nat.idleTimeoutMinutes) {
            error(
                "the NAT gateway idle timeout of cluster '\(cluster.name)' is \(nat.idleTimeoutMinutes) minutes; Azure takes 4 to 120",
                "use idleTimeoutMinutes 4...120")
        }
        guard let nodes = cluster.nodeSubnet else {
            error(
                "cluster '\(cluster.name)' egresses through a NAT gateway and has no node subnet to attach it to",
                "declare .nodes(in:) in a spoke")
            return diagnostics
        }
        let served = [nodes] + Set(cluster.nodePools.compactMap(\.podSubnet)).sorted { $0.subnet < $1.subnet }
        for reference in served {
            // The route table exists only where the spoke peers with a hub that has a firewall.
            if let subnet = environment.subnet(reference), subnet.routesThroughFirewall,
                let spoke = environment.spoke(named: reference.spoke),
                environment.peeredHub(of: spoke)?.hasFirewall == true
            {
                error(
                    "subnet '\(reference.subnet)' of cluster '\(cluster.name)' routes 0.0.0.0/0 to the hub firewall and has the cluster's NAT gateway; a route to a virtual appliance takes precedence over a NAT gateway, so egress would not use it",
                    "remove .routesThroughFirewall() from '\(reference.subnet)', or use .egress(.firewall)")
            }
        }
        for other in environment.clusters where other.name < cluster.name && other.network.natGateway != nil {
            let shared = Set([nodes] + cluster.nodePools.compactMap(\.podSubnet))
                .intersection([other.nodeSubnet].compactMap { $0 } + other.nodePools.compactMap(\.podSubnet))
            if let subnet = shared.sorted(by: { $0.subnet < $1.subnet }).first {
                error(
                    "clusters '\(other.name)' and '\(cluster.name)' both put a NAT gateway on subnet '\(subnet.subnet)'; a subnet has one",
                    "give one cluster .egress(.firewall), or its own subnets")
            }
        }
        return diagnostics
    }

    static func cilium(_ cluster: ClusterModel) -> [Diagnostic] {
        let network = cluster.network
        let site = cluster.sites["dataplane"] ?? network.site
        var diagnostics: [Diagnostic] = []
        guard network.dataplane == "cilium" else {
            if network.policy == .cilium {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET015",
                        "cluster '\(cluster.name)' asks for Cilium network policy without the Cilium data plane",
                        note: "add .dataplane(.cilium), or choose another policy", at: network.site))
            }
            return diagnostics
        }
        if let windows = cluster.nodePools.first(where: \.isWindows) {
            diagnostics.append(
                Diagnostic(
                    .error, "NET015",
                    "cluster '\(cluster.name)' runs Azure CNI powered by Cilium, which has no Windows nodes, and declares Windows pool '\(windows.name)'",
                    note: "put Windows pools in a cluster with Azure's own data plane", at: windows.site))
        }
        if network.pluginMode != "overlay", let pool = cluster.nodePools.first(where: { $0.podSubnet == nil }) {
            diagnostics.append(
                Diagnostic(
                    .error, "NET015",
                    "Azure CNI powered by Cilium needs overlay or pod subnets, and pool '\(pool.name)' of cluster '\(cluster.name)' puts pods on the node subnet",
                    note: "use .azureCNIOverlay(…), or give every pool .podSubnet(in:)", at: site))
        }
        return diagnostics
    }

    static func costAnalysis(_ cluster: ClusterModel) -> [Diagnostic] {
        guard let site = cluster.addOns.costAnalysis, cluster.skuTier == .free else { return [] }
        return [
            Diagnostic(
                .error, "AKS023",
                "cost analysis of cluster '\(cluster.name)' needs the Standard or Premium tier, and the cluster is on Free",
                note: "use .tier(.standard) or remove .costAnalysis()", at: site)
        ]
    }

    static func managedGrafana(_ cluster: ClusterModel) -> [Diagnostic] {
        guard let grafana = cluster.addOns.managedGrafana else { return [] }
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ note: String) {
            diagnostics.append(Diagnostic(.error, "AKS024", message, note: note, at: grafana.site))
        }
        if !cluster.addOns.managedPrometheus {
            error(
                "Managed Grafana of cluster '\(cluster.name)' has no Azure Monitor workspace to read: the cluster does not send managed Prometheus metrics",
                "add .managedPrometheus() to the cluster")
        }
        let name = grafana.name
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        if !(2...23).contains(name.count) || !allowed || !(name.first?.isLetter ?? false)
            || !(name.last.map { $0.isLetter || $0.isNumber } ?? false)
        {
            error(
                "Managed Grafana name '\(name)' is not 2 to 23 letters, digits and hyphens starting with a letter and ending with a letter or digit",
                "pass a shorter name: .managedGrafana(admins:name:)")
        }
        for admin in grafana.adminGroupObjectIDs where !StackRules.isObjectID(admin) {
            error(
                "Managed Grafana admin '\(admin)' of cluster '\(cluster.name)' is not an Entra object ID",
                "list the object IDs (GUIDs) of Entra groups")
        }
        return diagnostics
    }
}

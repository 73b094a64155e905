import SlipwayModel

/// NET015: Azure CNI powered by Cilium where it can run. AKS023: cost analysis on a tier that has it.
enum ClusterChoiceRules {
    static let choices: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.clusters.flatMap { cluster in cilium(cluster) + costAnalysis(cluster) }
        }
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
}

import SlipwayModel

/// AKS019–AKS022 and NET014: spot, Windows and GPU pools, taints and labels, pod subnets.
enum PoolKindRules {
    static let pools: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.clusters.flatMap { cluster in
                spot(cluster) + windows(cluster, in: environment) + gpu(cluster) + taintsAndLabels(cluster)
                    + podSubnets(cluster, in: environment)
            }
        }
    }

    /// AKS019: spot capacity can be taken back at any time, so it never runs the system pool, and
    /// the first pool of the cluster's template (which AKS creates the cluster with) is not spot.
    static func spot(_ cluster: ClusterModel) -> [Diagnostic] {
        cluster.nodePools.enumerated().compactMap { index, pool in
            guard pool.isSpot, pool.mode == "System" || index == 0 else { return nil }
            return Diagnostic(
                .error, "AKS019",
                "spot pool '\(pool.name)' is the \(pool.mode == "System" ? "system" : "first") pool of cluster '\(cluster.name)'; spot nodes can be evicted at any time",
                note: "declare a regular system pool first, and the spot pool after it", at: pool.site)
        }
    }

    /// AKS020: Windows pools need a Linux system pool, the administrator's password from the vault,
    /// and a name of at most six lowercase letters and digits.
    static func windows(_ cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        let pools = cluster.nodePools.filter(\.isWindows)
        guard !pools.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for pool in pools {
            let valid =
                (1...6).contains(pool.name.count)
                && pool.name.allSatisfy { ($0.isLowercase || $0.isNumber) && $0.isASCII }
                && pool.name.first?.isLetter == true
            if !valid {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS020",
                        "Windows pool name '\(pool.name)' is not 1 to 6 lowercase letters and digits starting with a letter",
                        note: "AKS limits Windows pool names to six characters (they prefix the computer names)",
                        at: pool.site))
            }
            if pool.mode == "System" {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS020", "Windows pool '\(pool.name)' cannot be a system pool",
                        note: "system pools run Linux; declare the Windows pool as a user pool", at: pool.site))
            }
        }
        if !cluster.nodePools.contains(where: { $0.mode == "System" && !$0.isWindows }) {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS020", "cluster '\(cluster.name)' has Windows pools but no Linux system pool",
                    note: "add NodePool.system(_:vmSize:autoscale:)", at: cluster.site))
        }
        if cluster.windowsAdmin == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS020",
                    "cluster '\(cluster.name)' has Windows pools but no Windows administrator",
                    note:
                        "add .windowsAdmin(username:passwordSecret:); the password is read from the secrets vault, never written",
                    at: pools[0].site))
        } else if environment.secretsVaultID == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS020",
                    "the Windows administrator password of cluster '\(cluster.name)' needs a secrets vault, and environment '\(environment.name)' has none",
                    note: "add .secrets(fromVault:) to the environment", at: cluster.windowsAdmin!.site))
        }
        return diagnostics
    }

    /// AKS021: a GPU pool on an N-series size (NC, ND, NV, NG).
    static func gpu(_ cluster: ClusterModel) -> [Diagnostic] {
        cluster.nodePools.filter(\.isGPU).compactMap { pool in
            let size = pool.vmSize.lowercased()
            guard !(size.hasPrefix("standard_n") && size.count > 11) else { return nil }
            return Diagnostic(
                .error, "AKS021", "GPU pool '\(pool.name)' uses '\(pool.vmSize)', which has no GPU",
                note: "use an N-series size such as Standard_NC4as_T4_v3 or Standard_NC24ads_A100_v4",
                at: pool.site)
        }
    }

    static let effects: Set<String> = ["NoSchedule", "PreferNoSchedule", "NoExecute"]

    /// AKS022: taints `key[=value]:Effect`; nothing under the prefix AKS reserves for itself.
    static func taintsAndLabels(_ cluster: ClusterModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for pool in cluster.nodePools {
            for taint in pool.taints {
                let parts = taint.split(separator: ":", omittingEmptySubsequences: false)
                let key = parts.first.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" } ?? ""
                if parts.count != 2 || key.isEmpty || !effects.contains(String(parts[1])) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "AKS022", "taint '\(taint)' of node pool '\(pool.name)' is malformed",
                            note: "write key=value:Effect with the effect NoSchedule, PreferNoSchedule or NoExecute",
                            at: pool.sites["taints"] ?? pool.site))
                } else if key.hasPrefix("kubernetes.azure.com/") {
                    diagnostics.append(
                        Diagnostic(
                            .error, "AKS022",
                            "taint '\(taint)' of node pool '\(pool.name)' uses the prefix AKS reserves"
                                + (taint == NodePoolModel.spotTaint ? " (AKS puts this one on spot nodes itself)" : ""),
                            note: "remove it; choose a key of your own", at: pool.sites["taints"] ?? pool.site))
                }
            }
            for key in pool.labels.keys.sorted() where key.hasPrefix("kubernetes.azure.com/") {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS022", "label '\(key)' of node pool '\(pool.name)' uses the prefix AKS reserves",
                        note: "choose a key of your own", at: pool.sites["labels"] ?? pool.site))
            }
        }
        return diagnostics
    }

    /// NET014: a pod subnet works with flat Azure CNI only, is not the node subnet, and holds every
    /// pod of the pools that use it (maxCount plus surge, times maxPods) plus Azure's five.
    static func podSubnets(_ cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var users: [SubnetReference: [NodePoolModel]] = [:]
        for pool in cluster.nodePools {
            guard let pods = pool.podSubnet else { continue }
            let site = pool.sites["podSubnet"] ?? pool.site
            if cluster.network.pluginMode == "overlay" {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET014",
                        "node pool '\(pool.name)' takes pod addresses from subnet '\(pods)', but cluster '\(cluster.name)' uses Azure CNI overlay",
                        note: "pod subnets need flat Azure CNI: .network(.azureCNI(…)); overlay pods take the pod CIDR",
                        at: site))
            }
            if cluster.network.outboundType == .userDefinedRouting, let subnet = environment.subnet(pods),
                !subnet.routesThroughFirewall
            {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET014",
                        "pods of node pool '\(pool.name)' egress from subnet '\(pods)', which has no route to the firewall, while cluster '\(cluster.name)' egresses through userDefinedRouting",
                        note: "declare the pod subnet with .routesThroughFirewall(), as the node subnet is", at: site))
            }
            if pods == cluster.nodeSubnet {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET014", "the pod subnet of node pool '\(pool.name)' is the node subnet",
                        note: "give pods a subnet of their own", at: site))
            }
            users[pods, default: []].append(pool)
        }
        for (reference, pools) in users.sorted(by: { $0.key.description < $1.key.description }) {
            guard let subnet = environment.subnet(reference), let prefix = subnet.prefix.network else { continue }
            let needed =
                5
                + pools.reduce(0) { total, pool in
                    total + (pool.maxCount + (ClusterNetworkRules.surge(pool.maxSurge, maxCount: pool.maxCount) ?? 0))
                        * pool.maxPods
                }
            if UInt64(needed) > prefix.size {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET014",
                        "pod subnet '\(reference)' \(prefix) has \(prefix.size) addresses but the pods of \(pools.map { "'\($0.name)'" }.joined(separator: ", ")) need \(needed) (nodes with surge × maxPods + 5 reserved)",
                        note: "widen the pod subnet, or lower maxCount, maxPods or maxSurge",
                        at: pools[0].sites["podSubnet"] ?? pools[0].site))
            }
        }
        return diagnostics
    }
}

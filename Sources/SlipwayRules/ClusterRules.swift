import SlipwayModel

/// AKS rules: versions, pools, egress, API server access and authentication.
enum ClusterRules {
    static let clusters: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for cluster in environment.clusters {
                let suppressions = cluster.suppressions
                // AKS001 / AKS002: the Kubernetes version.
                if let minor = KubernetesVersion(cluster.kubernetesVersion)?.minorText {
                    if !SupportedKubernetesVersions.minors.contains(minor) {
                        diagnostics.append(
                            Diagnostic(
                                .warning, "AKS002",
                                "Kubernetes \(cluster.kubernetesVersion) of cluster '\(cluster.name)' is outside the supported minors \(SupportedKubernetesVersions.minors.joined(separator: ", "))",
                                note:
                                    "move to a supported minor, or update the pinned table after checking AKS's calendar",
                                at: cluster.site, suppressions: suppressions))
                    }
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "AKS001",
                            "'\(cluster.kubernetesVersion)' is not a Kubernetes version (cluster '\(cluster.name)')",
                            note: "write major.minor or major.minor.patch, for example 1.34.2", at: cluster.site))
                }
                // AKS003: a system pool.
                if !cluster.nodePools.contains(where: { $0.mode == "System" }) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "AKS003", "cluster '\(cluster.name)' has no system node pool",
                            note: "add NodePool.system(_:vmSize:autoscale:)", at: cluster.site))
                }
                for pool in cluster.nodePools {
                    // AKS004: autoscale bounds.
                    let lowest = pool.mode == "System" ? 1 : 0
                    if pool.minCount < lowest || pool.maxCount < pool.minCount || pool.maxCount > 1000 {
                        diagnostics.append(
                            Diagnostic(
                                .error, "AKS004",
                                "node pool '\(pool.name)' autoscales from \(pool.minCount) to \(pool.maxCount), which is out of order or range",
                                note: "use \(lowest) ≤ minCount ≤ maxCount ≤ 1000", at: pool.site))
                    }
                    // AKS005: max surge.
                    if pool.maxUnavailable == nil,
                        ClusterNetworkRules.surge(pool.maxSurge, maxCount: max(pool.maxCount, 1)) == nil
                    {
                        diagnostics.append(
                            Diagnostic(
                                .error, "AKS005",
                                "maxSurge '\(pool.maxSurge)' of node pool '\(pool.name)' is malformed",
                                note: "write a count such as \"1\" or a percentage such as \"33%\"",
                                at: pool.sites["maxSurge"] ?? pool.site))
                    }
                }
                // AKS006: user-defined routing needs a route to a firewall on the node subnet.
                if cluster.network.outboundType == .userDefinedRouting, let reference = cluster.nodeSubnet,
                    let spoke = environment.spoke(named: reference.spoke), let subnet = environment.subnet(reference)
                {
                    let hub = environment.peeredHub(of: spoke)
                    if !subnet.routesThroughFirewall || hub?.hasFirewall != true {
                        diagnostics.append(
                            Diagnostic(
                                .error, "AKS006",
                                "cluster '\(cluster.name)' egresses through userDefinedRouting but subnet '\(subnet.name)' has no route to a firewall",
                                note:
                                    "peer the spoke with a hub that has .firewall(_:) and route the subnet through it, or use outbound: \"loadBalancer\"",
                                at: cluster.network.site == .unknown ? cluster.site : cluster.network.site))
                    }
                }
                // AKS007: a private API server needs its delegated subnet.
                if cluster.apiServer.privateCluster {
                    let subnet = cluster.apiServer.subnet.flatMap { environment.subnet($0) }
                    if cluster.apiServer.subnet == nil
                        || (subnet != nil && subnet?.delegation != "Microsoft.ContainerService/managedClusters")
                    {
                        diagnostics.append(
                            Diagnostic(
                                .error, "AKS007",
                                "the private API server of cluster '\(cluster.name)' has no subnet delegated to managed clusters",
                                note:
                                    "declare the subnet with Subnet.apiServer(_:_:) and pass it to .privateAPIServer(in:)",
                                at: cluster.apiServer.site))
                    }
                }
                // AKS008 / AKS009: authentication.
                if cluster.disableLocalAccounts && !cluster.entraIntegration {
                    diagnostics.append(
                        Diagnostic(
                            .error, "AKS008",
                            "cluster '\(cluster.name)' disables local accounts without Entra ID integration, so nobody can sign in",
                            note: "keep Entra ID integration, or enable local accounts",
                            at: cluster.sites["entraID"] ?? cluster.site))
                }
                if !cluster.disableLocalAccounts {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "AKS009", "cluster '\(cluster.name)' leaves local accounts enabled",
                            note: "local accounts bypass Entra ID and its audit; remove .localAccounts(enabled: true)",
                            at: cluster.sites["localAccounts"] ?? cluster.site, suppressions: suppressions))
                }
                diagnostics += upgrades(of: cluster)
            }
        }
        return diagnostics
    }

    static let weekdays: Set<String> = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// AKS010 / AKS011 / AKS012: upgrade channels, and the window each one runs in.
    static func upgrades(of cluster: ClusterModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let channelSite = cluster.sites["autoUpgrade"] ?? cluster.site
        if !ClusterModel.upgradeChannels.contains(cluster.upgradeChannel) {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS011",
                    "'\(cluster.upgradeChannel)' is not a cluster auto-upgrade channel (cluster '\(cluster.name)')",
                    note: "use one of \(ClusterModel.upgradeChannels.sorted().joined(separator: ", "))", at: channelSite
                ))
        }
        if !ClusterModel.nodeOSUpgradeChannels.contains(cluster.nodeOSUpgradeChannel) {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS011",
                    "'\(cluster.nodeOSUpgradeChannel)' is not a node OS upgrade channel (cluster '\(cluster.name)')",
                    note: "use one of \(ClusterModel.nodeOSUpgradeChannels.sorted().joined(separator: ", "))",
                    at: channelSite))
        }
        var reported: Set<MaintenanceWindowModel> = []
        for window in [cluster.autoUpgradeWindow, cluster.nodeOSUpgradeWindow].compactMap(\.self)
        where reported.insert(window).inserted && !accepts(window) {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS012",
                    "the maintenance window of cluster '\(cluster.name)' (\(window.summary)) is not one AKS accepts",
                    note: "name an English weekday, a start time HH:mm, 4 to 24 hours and a UTC offset ±HH:mm",
                    at: window.site == .unknown ? cluster.sites["maintenanceWindow"] ?? cluster.site : window.site))
        }
        for schedule in cluster.maintenanceSchedules where cluster.window(of: schedule) == nil {
            let (channel, kind) =
                schedule == .autoUpgrade
                ? ("cluster channel '\(cluster.upgradeChannel)'", ".cluster")
                : ("node OS channel '\(cluster.nodeOSUpgradeChannel)'", ".nodeOS")
            diagnostics.append(
                Diagnostic(
                    .warning, "AKS010",
                    "cluster '\(cluster.name)' has no \(schedule.rawValue): its \(channel) upgrades at any time",
                    note:
                        "add .maintenanceWindow(for: \(kind), _:startingAt:hours:) or .maintenanceWindow(_:startingAt:hours:), or turn the channel off with .autoUpgrade(cluster: \"none\", nodeOS: \"None\")",
                    at: channelSite, suppressions: cluster.suppressions))
        }
        return diagnostics
    }

    /// A weekday, `HH:mm`, 4 to 24 hours and `±HH:mm` with hours up to 14.
    static func accepts(_ window: MaintenanceWindowModel) -> Bool {
        func clock(_ text: Substring, hours: Int) -> Bool {
            let time = text.split(separator: ":", omittingEmptySubsequences: false)
            return time.count == 2 && time.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
                && Int(time[0])! <= hours && Int(time[1])! < 60
        }
        let offset = window.utcOffset
        return weekdays.contains(window.dayOfWeek) && clock(window.startTime[...], hours: 23)
            && (4...24).contains(window.durationHours)
            && (offset.hasPrefix("+") || offset.hasPrefix("-")) && clock(offset.dropFirst(), hours: 14)
    }
}

import SlipwayModel

/// AKS015–AKS018: versions that AKS can reach from where the cluster is, and pool upgrade
/// settings it accepts.
enum UpgradeRules {
    static let upgrades: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.clusters.flatMap { cluster in
                poolVersions(of: cluster, in: environment) + settings(of: cluster)
                    + versionSteps(of: cluster, since: environment.committed)
            }
        }
    }

    /// AKS015 / AKS016: a pool's own version against its control plane's.
    static func poolVersions(of cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        guard let controlPlane = KubernetesVersion(cluster.kubernetesVersion) else { return [] }  // AKS001
        var diagnostics: [Diagnostic] = []
        for pool in cluster.nodePools {
            guard let text = pool.orchestratorVersion else { continue }
            let site = pool.sites["kubernetesVersion"] ?? pool.site
            guard let version = KubernetesVersion(text) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS015", "'\(text)' is not a Kubernetes version (node pool '\(pool.name)')",
                        note: "write major.minor.patch, for example 1.33.5", at: site))
                continue
            }
            if version.isNewer(than: controlPlane) {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS015",
                        "node pool '\(pool.name)' runs Kubernetes \(text), newer than its control plane (\(cluster.kubernetesVersion))",
                        note: "upgrade the control plane first: raise the cluster's kubernetesVersion", at: site))
            } else if let behind = controlPlane.minorsAhead(of: version), behind > 2 {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS015",
                        "node pool '\(pool.name)' runs Kubernetes \(text), \(behind) minors behind its control plane (\(cluster.kubernetesVersion)); AKS allows two",
                        note: "upgrade the pool to \(controlPlane.major).\(controlPlane.minor - 2) or later", at: site))
            } else if controlPlane.minorsAhead(of: version) == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS015",
                        "node pool '\(pool.name)' runs Kubernetes \(text), another major than its control plane (\(cluster.kubernetesVersion))",
                        note: "keep the pool within two minors of the control plane", at: site))
            } else if cluster.autoUpgrades && !cluster.followsControlPlane(pool) {
                diagnostics.append(
                    Diagnostic(
                        .error, "AKS016",
                        "node pool '\(pool.name)' pins Kubernetes \(text), but the '\(cluster.upgradeChannel)' channel of cluster '\(cluster.name)' moves every pool with the control plane",
                        note:
                            "remove .kubernetesVersion(_:) from the pool, or turn the cluster channel off with .autoUpgrade(cluster: \"none\")",
                        at: site))
            }
        }
        let systemPools = cluster.nodePools.filter { $0.mode == "System" }
        if !systemPools.isEmpty, !systemPools.contains(where: { !environment.deploysOwnResource($0, of: cluster) }) {
            diagnostics.append(
                Diagnostic(
                    .error, "AKS016",
                    "no system pool of cluster '\(cluster.name)' runs the control plane's version (\(cluster.kubernetesVersion))",
                    note:
                        "the cluster's own template must hold a system pool, and it carries the control plane's version; let one system pool follow it (a pool once deployed as its own agentPools resource stays one)",
                    at: systemPools[0].sites["kubernetesVersion"] ?? systemPools[0].site))
        }
        return diagnostics
    }

    /// AKS017: the control plane moves at most one minor from the committed output, and neither
    /// it nor a pool goes back.
    static func versionSteps(of cluster: ClusterModel, since committed: CommittedEnvironment?) -> [Diagnostic] {
        guard let committed else { return [] }
        var diagnostics: [Diagnostic] = []
        for pool in cluster.nodePools {
            let now = pool.orchestratorVersion ?? cluster.renderedKubernetesVersion
            guard let before = committed.poolVersions["\(cluster.name)/\(pool.name)"],
                let old = KubernetesVersion(before), let new = KubernetesVersion(now), old.isNewer(than: new)
            else { continue }
            diagnostics.append(
                Diagnostic(
                    .error, "AKS017",
                    "node pool '\(pool.name)' of cluster '\(cluster.name)' goes back from Kubernetes \(before) to \(now) (committed: \(committed.source))",
                    note: "AKS cannot downgrade a node pool; keep \(before), or add a new pool and remove this one",
                    at: pool.sites["kubernetesVersion"] ?? pool.site))
        }
        return diagnostics + controlPlaneStep(of: cluster, since: committed)
    }

    /// The control plane's move: one minor forward at most, never back.
    static func controlPlaneStep(of cluster: ClusterModel, since committed: CommittedEnvironment) -> [Diagnostic] {
        guard let before = committed.kubernetesVersions[cluster.name],
            let old = KubernetesVersion(before), let new = KubernetesVersion(cluster.kubernetesVersion),
            let step = new.minorsAhead(of: old)
        else { return [] }
        // AKS allows skipping minors only from an unsupported version back to a supported one.
        if step > 1, SupportedKubernetesVersions.minors.contains(old.minorText) {
            return [
                Diagnostic(
                    .error, "AKS017",
                    "cluster '\(cluster.name)' moves from Kubernetes \(before) to \(cluster.kubernetesVersion), skipping \(step - 1) minor\(step == 2 ? "" : "s") (committed: \(committed.source))",
                    note:
                        "AKS upgrades one minor at a time: deploy \(old.major).\(old.minor + 1) first, then the next minor",
                    at: cluster.site)
            ]
        }
        if old.isNewer(than: new) {
            return [
                Diagnostic(
                    .error, "AKS017",
                    "cluster '\(cluster.name)' goes back from Kubernetes \(before) to \(cluster.kubernetesVersion) (committed: \(committed.source))",
                    note: "AKS cannot downgrade a control plane; keep \(before) or move forward", at: cluster.site)
            ]
        }
        return []
    }

    /// AKS018: upgrade settings in the ranges AKS accepts.
    static func settings(of cluster: ClusterModel) -> [Diagnostic] {
        cluster.nodePools.compactMap { pool in
            let site = pool.sites["upgradeSettings"] ?? pool.site
            var problems: [String] = []
            if let unavailable = pool.maxUnavailable,
                ClusterNetworkRules.surge(unavailable, maxCount: max(pool.maxCount, 1)) == nil
            {
                problems.append("maxUnavailable '\(unavailable)' is not a count or a percentage")
            }
            if let drain = pool.drainTimeoutInMinutes, !(1...1440).contains(drain) {
                problems.append("the drain timeout of \(drain) minutes is outside 1–1440")
            }
            if let soak = pool.nodeSoakDurationInMinutes, !(0...30).contains(soak) {
                problems.append("the node soak of \(soak) minutes is outside 0–30")
            }
            guard !problems.isEmpty else { return nil }
            return Diagnostic(
                .error, "AKS018",
                "upgrade settings of node pool '\(pool.name)': \(problems.joined(separator: "; "))",
                note: "use .upgradeSettings(.surge(\"33%\"), drainTimeoutMinutes: 30, nodeSoakMinutes: 0) or similar",
                at: site)
        }
    }
}

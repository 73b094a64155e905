import SlipwayModel

/// Rancher Fleet rules: token lifetimes, client IDs, targets, bundle dependencies, registrations.
enum FleetRules {
    /// Whether `text` is a Go duration Fleet accepts: hours, minutes and seconds, no `d` or `w`.
    static func isGoDuration(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var sawNumber = false
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                sawNumber = true
            } else if "hms".contains(character), sawNumber {
                sawNumber = false
                sawUnit = true
            } else {
                return false
            }
        }
        return sawUnit && !sawNumber
    }

    static func matches(_ target: FleetTargetModel, _ clusters: [ClusterModel], groups: [ClusterGroupModel]) -> Bool {
        let registered = clusters.filter { $0.fleetRegistration != nil }
        func selects(_ selector: LabelSelectorModel) -> Bool {
            registered.contains { admits(selector, $0.fleetRegistration?.labels ?? [:]) }
        }
        switch target {
        case .clusterName(let name): return registered.contains { $0.name == name }
        case .clusterSelector(let selector): return selects(selector)
        case .clusterGroup(let name):
            return groups.first { $0.name == name }.map {
                selects(LabelSelectorModel(matchLabels: $0.matchLabels, matchExpressions: $0.matchExpressions))
            } ?? false
        }
    }

    /// Kubernetes selector semantics: `NotIn` and `DoesNotExist` hold when the label is absent.
    static func admits(_ selector: LabelSelectorModel, _ labels: [String: String]) -> Bool {
        selector.matchLabels.allSatisfy { labels[$0.key] == $0.value }
            && selector.matchExpressions.allSatisfy { expression in
                let value = labels[expression.key]
                switch expression.operator {
                case .in: return value.map(expression.values.contains) ?? false
                case .notIn: return value.map { !expression.values.contains($0) } ?? true
                case .exists: return value != nil
                case .doesNotExist: return value == nil
                }
            }
    }

    /// The paths Slipway accepts from the manager to a private API server: the same VNet, or spokes
    /// of the same hub with a firewall (which routes between spokes and gets the Fleet rule).
    static func hasNetworkPath(from manager: String?, to cluster: ClusterModel, in environment: EnvironmentModel)
        -> Bool
    {
        guard let manager, let managerCluster = environment.cluster(named: manager),
            let managerSpoke = managerCluster.nodeSubnet.flatMap({ environment.spoke(named: $0.spoke) }),
            let targetSpoke = cluster.nodeSubnet.flatMap({ environment.spoke(named: $0.spoke) })
        else { return false }
        if managerSpoke.name == targetSpoke.name { return true }
        guard let managerHub = environment.peeredHub(of: managerSpoke),
            let targetHub = environment.peeredHub(of: targetSpoke)
        else { return false }
        return managerHub.name == targetHub.name && managerHub.hasFirewall
    }

    static let fleet: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        var clientIDs: [String: ClusterModel] = [:]
        for environment in environments {
            let registered = environment.clusters.filter { $0.fleetRegistration != nil }
            guard let fleet = environment.fleet else {
                for cluster in registered {
                    diagnostics.append(
                        Diagnostic(
                            .error, "FLT007",
                            "cluster '\(cluster.name)' registers with Fleet but environment '\(environment.name)' has no FleetManager",
                            note: "declare FleetManager(on:) or FleetManager(apiServerURL:)",
                            at: cluster.fleetRegistration!.site))
                }
                continue
            }
            if let manager = fleet.managerCluster, !environment.clusters.contains(where: { $0.name == manager }) {
                diagnostics.append(
                    Diagnostic(
                        .error, "FLT007",
                        "Fleet manager cluster '\(manager)' is not declared in environment '\(environment.name)'",
                        note: "name a declared AKSCluster, or use FleetManager(apiServerURL:)", at: fleet.site))
            }
            if let url = fleet.managerAPIServerURL, fleet.managerEndpoint == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "FLT007", "Fleet manager API server URL '\(url)' is not an https://host[:port] URL",
                        note: "give the URL agents use to reach the manager's API server", at: fleet.site))
            }
            if !isGoDuration(fleet.tokenTTL) {
                diagnostics.append(
                    Diagnostic(
                        .error, "FLT001", "token ttl '\(fleet.tokenTTL)' is not a Go duration Fleet accepts",
                        note: "use hours, minutes and seconds, for example 240h; Fleet rejects d and w",
                        at: fleet.sites["tokenTTL"] ?? fleet.site))
            }
            for cluster in registered {
                let registration = cluster.fleetRegistration!
                if let clientID = registration.clientID {
                    let weak =
                        clientID.count < 16 || Set(clientID).count < 8
                        || clientID.lowercased() == cluster.name.lowercased()
                    if weak {
                        diagnostics.append(
                            Diagnostic(
                                .warning, "FLT002",
                                "clientID '\(clientID)' of cluster '\(cluster.name)' is short or predictable, so another cluster could impersonate it",
                                note: "use at least 16 random characters, for example from `uuidgen`",
                                at: registration.site, suppressions: cluster.suppressions))
                    }
                    if let first = clientIDs[clientID] {
                        diagnostics.append(
                            Diagnostic(
                                .error, "FLT005",
                                "cluster '\(cluster.name)' registers with clientID '\(clientID)', which cluster '\(first.name)' already uses",
                                note: "a cluster registers once; give each its own clientID", at: registration.site))
                    } else {
                        clientIDs[clientID] = cluster
                    }
                }
                if registration.mode == .managerInitiated, cluster.apiServer.privateCluster,
                    !hasNetworkPath(from: fleet.managerCluster, to: cluster, in: environment)
                {
                    diagnostics.append(
                        Diagnostic(
                            .error, "FLT008",
                            "the Fleet manager has no network path to the private API server of '\(cluster.name)', which it must call to register it",
                            note:
                                "put both clusters in one VNet, or in spokes of one hub with a firewall (Slipway adds the rule), or register it agent-initiated",
                            at: registration.site))
                }
                if cluster.flux != nil && !registration.alsoFlux {
                    diagnostics.append(
                        Diagnostic(
                            .error, "FLT006",
                            "cluster '\(cluster.name)' uses both the Flux extension and Fleet",
                            note: "choose one, or pass alsoFlux: true to .fleet(_:) when both are meant",
                            at: registration.site))
                }
            }
            if !Self.isExactVersion(fleet.chartVersion) {
                diagnostics.append(
                    Diagnostic(
                        .error, "FLT009", "Fleet chart version '\(fleet.chartVersion)' is not an exact version",
                        note: "pin the release the manager runs, for example \(FleetRelease.chartVersion)",
                        at: fleet.sites["chartVersion"] ?? fleet.site))
            }
            for repo in fleet.gitRepos {
                for target in repo.targets where !matches(target, environment.clusters, groups: fleet.groups) {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "FLT003", "a target of GitRepo '\(repo.name)' matches no registered cluster",
                            note: "check the group's labels against the clusters' .fleet(_:) labels", at: repo.site,
                            suppressions: repo.suppressions))
                }
                let bundles = Set(repo.bundles.map(\.name))
                for bundle in repo.bundles {
                    if let helm = bundle.helm, let problem = Self.helmProblem(helm) {
                        diagnostics.append(
                            Diagnostic(
                                .error, "FLT009", "Helm chart '\(helm.chart)' of bundle '\(bundle.name)' \(problem)",
                                note: "pin an exact chart version such as 1.2.3 from an https:// or oci:// repository",
                                at: bundle.sites["helm"] ?? bundle.site))
                    }
                    for dependency in bundle.dependsOn where !bundles.contains(dependency) {
                        diagnostics.append(
                            Diagnostic(
                                .error, "FLT004",
                                "bundle '\(bundle.name)' depends on '\(dependency)', which GitRepo '\(repo.name)' does not declare",
                                note: "name a bundle of the same repo",
                                at: bundle.sites["dependsOn"] ?? bundle.site))
                    }
                }
            }
            for group in fleet.groups
            where !matches(.clusterGroup(group.name), environment.clusters, groups: fleet.groups) {
                diagnostics.append(
                    Diagnostic(
                        .warning, "FLT003", "ClusterGroup '\(group.name)' matches no registered cluster",
                        note: "check its labels against the clusters' .fleet(_:) labels", at: group.site,
                        suppressions: group.suppressions))
            }
        }
        return diagnostics
    }

    /// Why a Helm source is not reproducible, or nil when it is: an exact semantic version from
    /// an `https://` or `oci://` repository.
    static func helmProblem(_ helm: FleetHelmModel) -> String? {
        let repository = helm.repository.lowercased()
        guard repository.hasPrefix("https://") || repository.hasPrefix("oci://") else {
            return "comes from '\(helm.repository)', which is not an https:// or oci:// repository"
        }
        guard isExactVersion(helm.version) else {
            return "has version '\(helm.version)', which is not an exact version"
        }
        return nil
    }

    /// Whether `version` names one release: `[v]MAJOR.MINOR.PATCH[-prerelease]`, no range or tag.
    static func isExactVersion(_ version: String) -> Bool {
        let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
        let parts = (core.hasPrefix("v") ? String(core.dropFirst()) : core)
            .split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}

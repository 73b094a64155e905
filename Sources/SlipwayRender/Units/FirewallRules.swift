import SlipwayModel

/// The firewall policy rule collections AKS needs, after the baseline's hub-regionA.
enum FirewallRules {
    static func filter(_ name: String, priority: Int, rules: [Value]) -> Value {
        .object([
            "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
            "name": .string(name),
            "priority": .int(priority),
            "action": .object(["type": "Allow"]),
            "rules": .array(rules),
        ])
    }

    /// A network rule to `destinations`: addresses, or with `byName` FQDNs the policy's DNS proxy
    /// resolves.
    static func networkRule(
        _ name: String, protocols: [String], sources: Value, destinations: [String], byName: Bool = false,
        ports: [String]
    ) -> Value {
        var fields: [Value.Field] = [
            .init("ruleType", "NetworkRule"), .init("name", .string(name)),
            .init("ipProtocols", .array(protocols.map { .string($0) })),
        ]
        if case .object(let sourceFields) = sources { fields += sourceFields }
        fields += [
            .init(byName ? "destinationFqdns" : "destinationAddresses", .array(destinations.map { .string($0) })),
            .init("destinationPorts", .array(ports.map { .string($0) })),
        ]
        return .object(fields)
    }

    /// What some clusters behind a hub need beyond every cluster's requirements.
    struct OptionalEgress: Equatable {
        /// Hosts of the Flux tree's Helm and OCI sources, and those they redirect downloads to.
        var chartHosts: [String] = []
        /// Registries the charts' images come from, as the releases list them.
        var chartImageHosts: [String] = []
        var windowsPools = false
        var gpuPools = false
    }

    static func applicationRule(
        _ name: String, sources: Value, fqdns: [Value] = [], tags: [String] = [], http: Bool = false
    ) -> Value {
        let protocolValue: Value =
            http ? .object(["protocolType": "Http", "port": 80]) : .object(["protocolType": "Https", "port": 443])
        var fields: [Value.Field] = [
            .init("ruleType", "ApplicationRule"), .init("name", .string(name)),
            .init("protocols", .array([protocolValue])),
            .init("sourceIpGroups", sources),
            .init("terminateTLS", false),
        ]
        if !fqdns.isEmpty { fields.append(.init("targetFqdns", .array(fqdns))) }
        if !tags.isEmpty { fields.append(.init("fqdnTags", .array(tags.map { .string($0) }))) }
        return .object(fields)
    }

    static func aksNetworkRules(sources: Value, location: String) -> [Value] {
        let ipGroups = Value.object(["sourceIpGroups": sources])
        return [
            filter(
                "AKS-Global-Requirements", priority: 200,
                rules: [
                    networkRule(
                        "pods-to-api-server-konnectivity", protocols: ["TCP"], sources: ipGroups,
                        destinations: ["AzureCloud.\(location)"], ports: ["443"]),
                    networkRule(
                        "pod-to-api-server_udp-1194", protocols: ["UDP"], sources: ipGroups,
                        destinations: ["AzureCloud.\(location)"], ports: ["1194"]),
                ])
        ]
    }

    static func aksApplicationRules(sources: Value, location: String, optional: OptionalEgress = .init()) -> [Value] {
        var collections: [Value] = [
            filter(
                "AKS-Global-Requirements", priority: 200,
                rules: [
                    applicationRule(
                        "azure-monitor-addon", sources: sources,
                        fqdns: [
                            "*.ods.opinsights.azure.com", "*.oms.opinsights.azure.com",
                            .string("\(location).monitoring.azure.com"), "*.metrics.ingest.monitor.azure.com",
                            "*.handler.control.monitor.azure.com",
                        ]),
                    applicationRule(
                        "azure-policy-addon", sources: sources,
                        fqdns: [
                            .expression("'data.policy.${environment().suffixes.storage}'"),
                            .expression("'store.policy.${environment().suffixes.storage}'"),
                        ]),
                    applicationRule("service-requirements", sources: sources, tags: ["AzureKubernetesService"]),
                ]),
            filter(
                "GitOps-Traffic", priority: 300,
                rules: [
                    applicationRule("github-origin", sources: sources, fqdns: ["github.com", "api.github.com"]),
                    applicationRule(
                        "flux-extension-runtime-requirements", sources: sources,
                        fqdns: [
                            .string("\(location).dp.kubernetesconfiguration.azure.com"), "mcr.microsoft.com",
                            "raw.githubusercontent.com",
                            .expression("split(environment().resourceManager, '/')[2]"),
                            .expression("split(environment().authentication.loginEndpoint, '/')[2]"),
                            .expression("'*.blob.${environment().suffixes.storage}'"),
                            "azurearcfork8s.azurecr.io", "*.docker.io", "*.docker.com",
                        ]),
                ]),
        ]
        // Helm repositories and OCI registries the Flux tree's sources name (and the hosts they
        // redirect downloads to): source-controller fetches charts from the node subnets.
        var charts: [Value] = []
        if !optional.chartHosts.isEmpty {
            charts.append(
                applicationRule("chart-sources", sources: sources, fqdns: optional.chartHosts.map { .string($0) }))
        }
        if !optional.chartImageHosts.isEmpty {
            charts.append(
                applicationRule(
                    "chart-images", sources: sources, fqdns: optional.chartImageHosts.map { .string($0) }))
        }
        if !charts.isEmpty {
            collections.append(filter("Helm-And-OCI-Sources", priority: 350, rules: charts))
        }
        // AKS "Outbound network and FQDN rules", sections "GPU enabled clusters" and "Windows
        // Server based node pools": the NVIDIA driver install, and Windows binaries (port 80 too).
        var nodeKinds: [Value] = []
        if optional.gpuPools {
            nodeKinds.append(
                applicationRule(
                    "gpu-driver-install", sources: sources,
                    fqdns: ["nvidia.github.io", "us.download.nvidia.com", "apt.dockerproject.org"]))
        }
        if optional.windowsPools {
            nodeKinds += [
                applicationRule(
                    "windows-binaries-https", sources: sources, fqdns: ["onegetcdn.azureedge.net", "go.microsoft.com"]),
                applicationRule(
                    "windows-binaries-http", sources: sources,
                    fqdns: ["*.mp.microsoft.com", "www.msftconnecttest.com", "ctldl.windowsupdate.com"], http: true),
            ]
        }
        if !nodeKinds.isEmpty {
            collections.append(filter("Node-Pool-Kinds", priority: 360, rules: nodeKinds))
        }
        return collections
    }

    /// Rancher Fleet through the hub firewall: agents reach the manager's API server, and the
    /// manager reaches the API servers of the clusters it registers itself. A private API server is
    /// addressed by its delegated subnet; a public one by the region's AzureCloud tag.
    static func fleetNetworkRules(_ context: RenderContext) -> [Value] {
        let environment = context.environment
        guard let fleet = environment.fleet else { return [] }
        // Where the cluster's pods egress from: the node subnet, and pod subnets of its pools.
        func nodes(_ cluster: ClusterModel) -> [String] {
            let subnets = [cluster.nodeSubnet].compactMap(\.self) + cluster.nodePools.compactMap(\.podSubnet)
            var prefixes: [String] = []
            for prefix in subnets.compactMap({ environment.subnet($0)?.prefix.text }) where !prefixes.contains(prefix) {
                prefixes.append(prefix)
            }
            return prefixes
        }
        func apiServer(_ cluster: ClusterModel) -> [String] {
            if cluster.apiServer.privateCluster,
                let prefix = cluster.apiServer.subnet.flatMap({ environment.subnet($0)?.prefix.text })
            {
                return [prefix]
            }
            return ["AzureCloud.\(environment.location)"]
        }
        let registered = environment.clusters.filter { $0.fleetRegistration != nil }
        var rules: [Value] = []
        let agents = registered.flatMap(nodes)
        guard let managerName = fleet.managerCluster,
            let manager = environment.cluster(named: managerName)
        else {
            // A manager another team runs: allow its API server by name (the policy's DNS proxy
            // resolves it) or by address.
            guard !agents.isEmpty, let endpoint = fleet.managerEndpoint else { return [] }
            let rule = networkRule(
                "agents-to-manager-api", protocols: ["TCP"],
                sources: .object(["sourceAddresses": .array(agents.map { .string($0) })]),
                destinations: [endpoint.host], byName: endpoint.host.contains(where: \.isLetter),
                ports: [endpoint.port])
            return [filter("Fleet", priority: 400, rules: [rule])]
        }
        if !agents.isEmpty {
            rules.append(
                networkRule(
                    "agents-to-manager-api", protocols: ["TCP"],
                    sources: .object(["sourceAddresses": .array(agents.map { .string($0) })]),
                    destinations: apiServer(manager), ports: ["443"]))
        }
        let managed = registered.filter { $0.fleetRegistration?.mode == .managerInitiated }
        if !managed.isEmpty, !nodes(manager).isEmpty {
            rules.append(
                networkRule(
                    "manager-to-registered-api", protocols: ["TCP"],
                    sources: .object(["sourceAddresses": .array(nodes(manager).map { .string($0) })]),
                    destinations: Array(Set(managed.flatMap(apiServer))).sorted(), ports: ["443"]))
        }
        return rules.isEmpty ? [] : [filter("Fleet", priority: 400, rules: rules)]
    }
}

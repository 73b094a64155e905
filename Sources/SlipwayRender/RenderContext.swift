import SlipwayModel

/// Lookups shared by the unit renderers: where each declaration lives, and how other units refer
/// to it by resource group and name.
struct RenderContext {
    let environment: EnvironmentModel
    /// Every environment of the run, for hubs shared across environments.
    let all: [EnvironmentModel]
    let fluxPathPrefix: String

    /// The resource group of a VNet by name (hub, referenced hub or spoke).
    func resourceGroup(ofNetwork name: String) -> ResourceGroupModel? {
        if let hub = environment.hub, hub.name == name { return hub.resourceGroup }
        if let reference = environment.hubReference(named: name) { return reference.resourceGroup }
        return environment.spoke(named: name)?.resourceGroup
    }

    /// The resource group of a workspace by name.
    func resourceGroup(ofWorkspace name: String) -> ResourceGroupModel? {
        if let workspace = environment.workspace(named: name) {
            switch workspace.unit {
            case .hub: return environment.hub?.resourceGroup ?? environment.registryResourceGroup
            default: return environment.registryResourceGroup
            }
        }
        return environment.workspaceReferences.first { $0.name == name }?.resourceGroup
    }

    /// What to do about a resource this environment references and does not deploy: deploy the
    /// environment of the run that declares it first, or create what the DSL declares as existing.
    func remedy(forMissing key: DeployOrder.ResourceKey) -> String {
        if let other = environmentDeclaring(key) { return "deploy environment '\(other)' first (its deploy.sh)" }
        return "declared as existing in the DSL: create it, or deploy what owns it, first"
    }

    /// The other environment of the run that deploys `key`, if any.
    func environmentDeclaring(_ key: DeployOrder.ResourceKey) -> String? {
        Self.environment(declaring: key.name, inGroup: key.resourceGroup, among: all, except: environment.name)
    }

    /// The environment of `all` (other than `excluded`) that deploys the resource `name` in the
    /// resource group `group` (compared without case, as ARM does).
    static func environment(
        declaring name: String, inGroup group: String, among all: [EnvironmentModel], except excluded: String
    ) -> String? {
        all.first { other in
            other.name != excluded
                && declarations(of: other).contains {
                    $0.name == name && $0.group.name.lowercased() == group.lowercased()
                }
        }?.name
    }

    /// The named resources an environment deploys that other environments may reference.
    static func declarations(of environment: EnvironmentModel) -> [(name: String, group: ResourceGroupModel)] {
        var result: [(name: String, group: ResourceGroupModel)] = []
        if let hub = environment.hub {
            result.append((hub.name, hub.resourceGroup))
            if let firewall = hub.firewall { result.append((firewall.name, hub.resourceGroup)) }
        }
        for spoke in environment.spokes {
            result.append((spoke.name, spoke.resourceGroup))
            if let ip = spoke.ingressPublicIP { result.append((ip, spoke.resourceGroup)) }
        }
        for workspace in environment.workspaces {
            let group =
                workspace.unit == .hub
                ? environment.hub?.resourceGroup ?? environment.registryResourceGroup
                : environment.registryResourceGroup
            result.append((workspace.name, group))
        }
        return result
    }

    /// Whether `environment`'s spokes may peer with `hub`: it is this environment, or one without a
    /// hub of its own that references this one.
    func sharesHub(_ hub: HubModel, with environment: EnvironmentModel) -> Bool {
        environment.name == self.environment.name
            || (environment.hub == nil && environment.hubReferences.contains { $0.name == hub.name })
    }

    /// Node subnet prefixes of every spoke, in any environment of the run, that peers with `hub`.
    func nodeSubnetPrefixes(peeringWith hub: HubModel) -> [String] {
        var prefixes: [String] = []
        for environment in all {
            // Checked per environment first, so a large run does not copy every spoke of every
            // environment for every hub.
            guard sharesHub(hub, with: environment) else { continue }
            // Pods with a subnet of their own egress from it, so the firewall's rules cover it too.
            let podSubnets = Set(environment.clusters.flatMap { $0.nodePools.compactMap(\.podSubnet) })
            for spoke in environment.spokes where spoke.hub == nil || spoke.hub == hub.name {
                prefixes += spoke.subnets.filter {
                    $0.role == .nodes || podSubnets.contains(SubnetReference(spoke: spoke.name, subnet: $0.name))
                }.map(\.prefix.text)
            }
        }
        return prefixes
    }

    /// The clusters whose pods egress through this hub's firewall: those of this environment, or
    /// of environments sharing the hub, in a spoke peered with it and without a NAT gateway.
    func clustersEgressing(through hub: HubModel) -> [ClusterModel] {
        var clusters: [ClusterModel] = []
        for environment in all {
            guard sharesHub(hub, with: environment) else { continue }
            for cluster in environment.clusters where cluster.network.natGateway == nil {
                guard let spoke = cluster.nodeSubnet.flatMap({ environment.spoke(named: $0.spoke) }),
                    spoke.hub == nil || spoke.hub == hub.name
                else { continue }
                clusters.append(cluster)
            }
        }
        return clusters
    }

    /// What the clusters behind this hub need from its firewall beyond every cluster's
    /// requirements: the hosts their Helm and OCI sources download from, and whether they run
    /// Windows or GPU pools.
    func optionalEgress(through hub: HubModel) -> FirewallRules.OptionalEgress {
        var egress = FirewallRules.OptionalEgress()
        var hosts: Set<String> = []
        var images: Set<String> = []
        for cluster in clustersEgressing(through: hub) {
            for kustomization in cluster.flux?.kustomizations ?? [] {
                for manifest in kustomization.manifests {
                    hosts.formUnion(manifest.sourceHosts)
                    images.formUnion(manifest.imageHosts)
                }
            }
            egress.windowsPools = egress.windowsPools || cluster.nodePools.contains(where: \.isWindows)
            egress.gpuPools = egress.gpuPools || cluster.nodePools.contains(where: \.isGPU)
        }
        egress.chartHosts = hosts.sorted()
        egress.chartImageHosts = images.sorted()
        return egress
    }

    /// `uniqueString(…)` for names owned by a unit in `group`: stable across runs and machines.
    func uniqueSuffix(in group: ResourceGroupModel) -> String {
        let subscription = group.subscription.map { BicepPrinter.literal($0) } ?? "subscription().subscriptionId"
        return
            "uniqueString(\(subscription), \(BicepPrinter.literal(group.name)), \(BicepPrinter.literal(environment.namingSeed)))"
    }

    /// The Bicep expression of a registry's name.
    func registryName(_ registry: RegistryModel) -> Value {
        guard registry.uniqueSuffix else { return .string(registry.name) }
        let base = registry.name.replacingEvery("'", with: "")
        return .expression("'\(base)${\(uniqueSuffix(in: environment.registryResourceGroup))}'")
    }

    /// `resourceGroup('sub', 'rg')` or `resourceGroup('rg')`.
    static func scope(_ group: ResourceGroupModel) -> Value {
        if let subscription = group.subscription {
            return .expression(
                "resourceGroup(\(BicepPrinter.literal(subscription)), \(BicepPrinter.literal(group.name)))")
        }
        return .expression("resourceGroup(\(BicepPrinter.literal(group.name)))")
    }

    /// The path Flux resolves from the repository root for a kustomization's directory.
    func fluxPath(cluster: String, kustomization: KustomizationModel) -> String {
        if let external = kustomization.externalPath { return external }
        return "./\(fluxPathPrefix)/\(environment.name)/clusters/\(cluster)/\(kustomization.name)"
    }
}

/// Turns a resource name into a Bicep identifier fragment: `snet-clusternodes` → `SnetClusternodes`.
func identifier(_ name: String) -> String {
    var result: [UInt8] = []
    appendIdentifier(name, to: &result)
    return String(decoding: result, as: UTF8.self)
}

/// Appends `identifier(name)`. Works on ASCII bytes: Character property lookups and one string per
/// part were a measurable share of rendering.
func appendIdentifier(_ name: String, to result: inout [UInt8]) {
    let start = result.count
    var startOfWord = true
    for byte in name.utf8 {
        let isDigit = byte >= 48 && byte <= 57
        guard BicepPrinter.isLetter(byte) || isDigit else {
            startOfWord = true
            continue
        }
        if startOfWord && byte >= 97 && byte <= 122 {
            result.append(byte - 32)
        } else {
            result.append(byte)
        }
        startOfWord = false
    }
    if result.count > start, result[start] >= 48 && result[start] <= 57 { result.insert(UInt8(ascii: "N"), at: start) }
}

/// `identifier` of each part, joined, with a lowercase first letter, for parameters and symbols.
func symbol(_ parts: String...) -> String {
    var joined: [UInt8] = []
    joined.reserveCapacity(48)
    for part in parts { appendIdentifier(part, to: &joined) }
    if let first = joined.first, first >= 65, first <= 90 { joined[0] = first + 32 }
    return String(decoding: joined, as: UTF8.self)
}

/// What the committed output says about an environment before this run: the facts rules and
/// renderers compare the new model with (AKS upgrades one minor at a time; a unit that disappears
/// must be retired in Azure). Read from the previous `slipway-model.json`; nil when there is none.
public struct CommittedEnvironment: Codable, Hashable, Sendable {
    /// Where the facts come from, for messages: `Output/prod/slipway-model.json at HEAD`.
    public var source: String
    /// The control plane's Kubernetes version of each cluster, as the templates carried it.
    public var kubernetesVersions: [String: String]
    /// Each node pool's Kubernetes version, by `cluster/pool`.
    public var poolVersions: [String: String] = [:]
    /// The pools deployed as their own `agentPools` resources, as `cluster/pool`.
    public var ownResourcePools: Set<String> = []
    /// Every deployment unit with its resource group.
    public var units: [String: ResourceGroupModel]
    /// Units removed from the DSL earlier, still to be removed from Azure.
    public var retiredUnits: [String: ResourceGroupModel]

    public init(
        source: String, kubernetesVersions: [String: String] = [:], poolVersions: [String: String] = [:],
        units: [String: ResourceGroupModel] = [:], retiredUnits: [String: ResourceGroupModel] = [:]
    ) {
        self.source = source
        self.kubernetesVersions = kubernetesVersions
        self.poolVersions = poolVersions
        self.units = units
        self.retiredUnits = retiredUnits
    }

    /// The units `deploy.sh` must remove, given the units rendered now: every unit committed
    /// before (or retired before) that the DSL no longer declares.
    public func retired(keeping current: Set<String>) -> [String: ResourceGroupModel] {
        units.merging(retiredUnits) { committed, _ in committed }.filter { !current.contains($0.key) }
    }
}

extension EnvironmentModel {
    /// Is `pool` deployed as its own `managedClusters/agentPools` resource? When its version
    /// differs from the control plane's, and also when the committed output deployed it so: a pool
    /// never moves back into `agentPoolProfiles`, because a deployment stack would then delete
    /// the `agentPools` resource it managed — the running pool.
    public func deploysOwnResource(_ pool: NodePoolModel, of cluster: ClusterModel) -> Bool {
        !cluster.followsControlPlane(pool)
            || committed?.ownResourcePools.contains("\(cluster.name)/\(pool.name)") == true
    }

    /// The pools of `cluster` that its own template lists in `agentPoolProfiles`.
    public func profilePools(of cluster: ClusterModel) -> [NodePoolModel] {
        cluster.nodePools.filter { !deploysOwnResource($0, of: cluster) }
    }

    /// The pools of `cluster` deployed as `agentPools` resources after it.
    public func ownResourcePools(of cluster: ClusterModel) -> [NodePoolModel] {
        cluster.nodePools.filter { deploysOwnResource($0, of: cluster) }
    }
}

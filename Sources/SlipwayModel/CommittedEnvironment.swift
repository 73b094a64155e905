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

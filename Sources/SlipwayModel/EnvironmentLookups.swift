/// The lookups every stage makes on a resolved environment, defined once: declarations by name,
/// the subnet a reference names, and the hub a spoke peers with.
extension EnvironmentModel {
    /// The spoke `name` declared in this environment.
    public func spoke(named name: String) -> SpokeModel? { spokes.first { $0.name == name } }

    /// The subnet `reference` names, in a spoke of this environment.
    public func subnet(_ reference: SubnetReference) -> SubnetModel? {
        spoke(named: reference.spoke)?.subnets.first { $0.name == reference.subnet }
    }

    /// The cluster `name` declared in this environment.
    public func cluster(named name: String) -> ClusterModel? { clusters.first { $0.name == name } }

    /// The registry `name` declared in this environment.
    public func registry(named name: String) -> RegistryModel? { registries.first { $0.name == name } }

    /// The workspace `name` declared in this environment (not a referenced one).
    public func workspace(named name: String) -> WorkspaceModel? { workspaces.first { $0.name == name } }

    /// A referenced hub by VNet name.
    public func hubReference(named name: String) -> HubReferenceModel? { hubReferences.first { $0.name == name } }

    /// The private DNS zone AKS requires for private API servers in this environment's region
    /// (a central zone may also be a subzone of it).
    public var apiServerZoneName: String { "privatelink.\(location).azmk8s.io" }

    /// The hub `spoke` peers with: the one it names, or the environment's only hub when it names
    /// none; declared here or referenced from another environment or team.
    public func peeredHub(of spoke: SpokeModel) -> PeeredHub? {
        let wanted = spoke.hub
        if let hub, wanted == nil || wanted == hub.name {
            return PeeredHub(
                name: hub.name, addressSpace: hub.addressSpace, resourceGroup: hub.resourceGroup,
                firewallName: hub.firewall?.name)
        }
        guard let reference = hubReferences.first(where: { wanted == nil || $0.name == wanted }) else { return nil }
        return PeeredHub(
            name: reference.name, addressSpace: reference.addressSpace, resourceGroup: reference.resourceGroup,
            firewallName: reference.firewallName)
    }

    /// The hub of the spoke that holds `cluster`'s nodes.
    public func peeredHub(of cluster: ClusterModel) -> PeeredHub? {
        cluster.nodeSubnet.flatMap { spoke(named: $0.spoke) }.flatMap { peeredHub(of: $0) }
    }
}

/// The hub a spoke peers with, whether declared in the environment or referenced.
public struct PeeredHub: Hashable, Sendable {
    public var name: String
    public var addressSpace: AddressPrefix
    public var resourceGroup: ResourceGroupModel
    public var firewallName: String?

    public var hasFirewall: Bool { firewallName != nil }
}

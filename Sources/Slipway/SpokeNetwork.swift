package import SlipwayModel

/// A spoke virtual network for workloads, peered with a hub in both directions and routed through
/// the hub firewall. Each spoke is a deployment unit (`spoke-<name>.bicep`).
public struct SpokeNetwork: Modifiable, SiteRecording, ModelBacked, PropertyOverridable, Suppressible,
    ResourceGroupPlaceable,
    DiagnosticsSource
{
    var model: SpokeModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// Declares the spoke VNet `name` with its address space and subnets.
    public init(
        _ name: String, addressSpace: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @SubnetBuilder subnets: () -> [Subnet]
    ) {
        model = SpokeModel(
            name: name, addressSpace: AddressPrefix(addressSpace), subnets: subnets().map { $0.lowered() }, hub: nil,
            resourceGroup: ResourceGroupModel(name: ""), diagnosticsWorkspace: nil,
            site: .site(fileID, filePath, line, column))
    }

    /// Peers with a hub by VNet name. Without it, the spoke peers with the environment's only hub.
    public func peered(
        with hub: Ref<HubNetwork>, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> SpokeNetwork {
        recording("peered", fileID, filePath, line, column) { $0.hub = hub.name }
    }

    /// Resolves names through the hub firewall's DNS proxy: the VNet's DNS server is the
    /// firewall's private address, so private DNS zones linked only to the hub resolve here too
    /// (see ``AKSCluster/apiServerDNSZone(_:linkingSpoke:fileID:filePath:line:column:)``).
    public func dnsThroughHubFirewall(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> SpokeNetwork {
        recording("dnsThroughHubFirewall", fileID, filePath, line, column) { $0.resolvesDNSThroughHubFirewall = true }
    }

    /// A zone-redundant public IP for the workload's ingress, the frontend of an Application Gateway.
    public func ingressPublicIP(_ name: String) -> SpokeNetwork { with { $0.model.ingressPublicIP = name } }
}

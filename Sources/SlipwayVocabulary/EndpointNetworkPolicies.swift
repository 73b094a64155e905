/// Whether network security groups and route tables apply to the private endpoints of a subnet
/// (`privateEndpointNetworkPolicies`).
public enum EndpointNetworkPolicies: String, Codable, Hashable, Sendable, CaseIterable {
    /// Neither applies (the baseline's, and Azure's default).
    case disabled = "Disabled"
    /// Both apply.
    case enabled = "Enabled"
    /// Only network security groups apply.
    case networkSecurityGroupEnabled = "NetworkSecurityGroupEnabled"
    /// Only route tables apply.
    case routeTableEnabled = "RouteTableEnabled"
}

/// How an AKS cluster's egress leaves the VNet.
public enum OutboundType: String, Codable, Hashable, Sendable, CaseIterable {
    /// Through the route table of the node subnet, to the hub firewall (the baseline's).
    case userDefinedRouting
    /// Through a Standard load balancer's outbound rules.
    case loadBalancer
    /// Through a NAT gateway AKS creates and manages.
    case managedNATGateway
    /// Through a NAT gateway attached to the node subnet.
    case userAssignedNATGateway
}

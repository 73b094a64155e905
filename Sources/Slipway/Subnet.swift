package import SlipwayModel

/// A subnet of a hub or spoke network. Use the factories to say what the subnet is for; each one
/// brings the settings that role needs (NSG, route table, delegation, endpoint policies).
public struct Subnet: Modifiable, ModelBacked, Suppressible {
    var model: SubnetModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// A general-purpose subnet with its own NSG.
    public init(
        _ name: String, _ prefix: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) {
        self.init(name, prefix, role: .general, site: .site(fileID, filePath, line, column))
    }

    init(_ name: String, _ prefix: String, role: SubnetModel.Role, site: SourceLocation) {
        var model = SubnetModel(name: name, prefix: AddressPrefix(prefix), role: role, site: site)
        switch role {
        case .nodes, .internalLoadBalancers, .apiServer: model.routesThroughFirewall = true
        case .azureFirewall, .gateway: model.hasSecurityGroup = false
        case .azureBastion: model.securityRules = SecurityRules.bastion
        case .applicationGateway: model.securityRules = SecurityRules.applicationGateway
        case .privateEndpoints:
            model.securityRules = SecurityRules.privateEndpoints
            model.privateEndpointNetworkPolicies = .disabled
        case .general: break
        }
        if role == .apiServer { model.delegation = "Microsoft.ContainerService/managedClusters" }
        self.model = model
    }

    /// The `AzureFirewallSubnet` of a hub (at least /26).
    public static func azureFirewall(
        _ prefix: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Subnet {
        Subnet("AzureFirewallSubnet", prefix, role: .azureFirewall, site: .site(fileID, filePath, line, column))
    }

    /// The `GatewaySubnet` of a hub, for VPN or ExpressRoute gateways (at least /27).
    public static func gateway(
        _ prefix: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Subnet {
        Subnet("GatewaySubnet", prefix, role: .gateway, site: .site(fileID, filePath, line, column))
    }

    /// The `AzureBastionSubnet` of a hub (at least /26), with the Bastion NSG rule set.
    public static func azureBastion(
        _ prefix: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Subnet {
        Subnet("AzureBastionSubnet", prefix, role: .azureBastion, site: .site(fileID, filePath, line, column))
    }

    /// Cluster nodes: routed through the hub firewall.
    public static func nodes(
        _ name: String, _ prefix: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Subnet {
        Subnet(name, prefix, role: .nodes, site: .site(fileID, filePath, line, column))
    }

    /// Internal load balancers of ingress controllers: routed through the hub firewall.
    public static func internalLoadBalancers(
        _ name: String, _ prefix: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Subnet {
        Subnet(name, prefix, role: .internalLoadBalancers, site: .site(fileID, filePath, line, column))
    }

    /// Private endpoints: HTTPS from the VNet only, endpoint network policies disabled.
    public static func privateEndpoints(
        _ name: String, _ prefix: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Subnet {
        Subnet(name, prefix, role: .privateEndpoints, site: .site(fileID, filePath, line, column))
    }

    /// An Application Gateway: HTTPS from the internet and the gateway manager ports.
    public static func applicationGateway(
        _ name: String, _ prefix: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Subnet {
        Subnet(name, prefix, role: .applicationGateway, site: .site(fileID, filePath, line, column))
    }

    /// The API server subnet for VNet integration: delegated to managed clusters, routed through the
    /// hub firewall.
    public static func apiServer(
        _ name: String, _ prefix: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Subnet {
        Subnet(name, prefix, role: .apiServer, site: .site(fileID, filePath, line, column))
    }

    /// Attaches (or detaches) the route table that sends `0.0.0.0/0` to the hub firewall.
    public func routesThroughFirewall(_ enabled: Bool = true) -> Subnet {
        with { $0.model.routesThroughFirewall = enabled }
    }

    /// Replaces the NSG rules of this subnet.
    public func securityRules(_ rules: [SecurityRule]) -> Subnet {
        with { $0.model.securityRules = rules.map(\.model) }
    }

    /// Whether network security groups and route tables apply to this subnet's private endpoints.
    public func privateEndpointNetworkPolicies(_ value: EndpointNetworkPolicies) -> Subnet {
        with { $0.model.privateEndpointNetworkPolicies = value }
    }

}

/// An NSG rule.
public struct SecurityRule: Sendable {
    let model: SecurityRuleModel

    /// An inbound rule.
    public static func inbound(
        _ name: String, priority: Int, _ access: SecurityAccess = .allow, protocol: NetworkProtocol = .tcp,
        from source: String, to destination: String = "*", ports: [String]
    ) -> SecurityRule {
        SecurityRule(
            model: SecurityRuleModel(
                name: name, priority: priority, direction: .inbound, access: access,
                protocol: `protocol`, source: source, destination: destination, destinationPorts: ports))
    }

    /// An outbound rule.
    public static func outbound(
        _ name: String, priority: Int, _ access: SecurityAccess = .allow, protocol: NetworkProtocol = .tcp,
        from source: String = "*", to destination: String, ports: [String]
    ) -> SecurityRule {
        SecurityRule(
            model: SecurityRuleModel(
                name: name, priority: priority, direction: .outbound, access: access,
                protocol: `protocol`, source: source, destination: destination, destinationPorts: ports))
    }
}

/// The baseline's NSG rule sets.
enum SecurityRules {
    static let bastion: [SecurityRuleModel] = [
        .init(
            name: "AllowWebExperienceInbound", priority: 100, direction: .inbound, access: .allow, protocol: .tcp,
            source: "Internet", destination: "*", destinationPorts: ["443"]),
        .init(
            name: "AllowControlPlaneInbound", priority: 110, direction: .inbound, access: .allow, protocol: .tcp,
            source: "GatewayManager", destination: "*", destinationPorts: ["443"]),
        .init(
            name: "AllowHealthProbesInbound", priority: 120, direction: .inbound, access: .allow, protocol: .tcp,
            source: "AzureLoadBalancer", destination: "*", destinationPorts: ["443"]),
        .init(
            name: "AllowBastionHostToHostInbound", priority: 130, direction: .inbound, access: .allow,
            protocol: .any, source: "VirtualNetwork", destination: "VirtualNetwork",
            destinationPorts: ["8080", "5701"]),
        .init(
            name: "DenyAllInbound", priority: 1000, direction: .inbound, access: .deny, protocol: .any,
            source: "*", destination: "*", destinationPorts: ["*"]),
        .init(
            name: "AllowSshToVnetOutbound", priority: 100, direction: .outbound, access: .allow, protocol: .tcp,
            source: "*", destination: "VirtualNetwork", destinationPorts: ["22"]),
        .init(
            name: "AllowRdpToVnetOutbound", priority: 110, direction: .outbound, access: .allow, protocol: .tcp,
            source: "*", destination: "VirtualNetwork", destinationPorts: ["3389"]),
        .init(
            name: "AllowControlPlaneOutbound", priority: 120, direction: .outbound, access: .allow,
            protocol: .tcp, source: "*", destination: "AzureCloud", destinationPorts: ["443"]),
        .init(
            name: "AllowBastionHostToHostOutbound", priority: 130, direction: .outbound, access: .allow,
            protocol: .any, source: "VirtualNetwork", destination: "VirtualNetwork",
            destinationPorts: ["443", "8080", "5701"]),
        .init(
            name: "AllowBastionCertificateValidationOutbound", priority: 140, direction: .outbound,
            access: .allow, protocol: .any, source: "*", destination: "Internet", destinationPorts: ["80"]),
        .init(
            name: "DenyAllOutbound", priority: 1000, direction: .outbound, access: .deny, protocol: .any,
            source: "*", destination: "*", destinationPorts: ["*"]),
    ]

    static let applicationGateway: [SecurityRuleModel] = [
        .init(
            name: "Allow443Inbound", priority: 100, direction: .inbound, access: .allow, protocol: .tcp,
            source: "Internet", destination: "VirtualNetwork", destinationPorts: ["443"]),
        .init(
            name: "AllowControlPlaneInbound", priority: 110, direction: .inbound, access: .allow, protocol: .any,
            source: "GatewayManager", destination: "*", destinationPorts: ["65200-65535"]),
        .init(
            name: "AllowHealthProbesInbound", priority: 120, direction: .inbound, access: .allow, protocol: .any,
            source: "AzureLoadBalancer", destination: "*", destinationPorts: ["*"]),
        .init(
            name: "DenyAllInbound", priority: 1000, direction: .inbound, access: .deny, protocol: .any,
            source: "*", destination: "*", destinationPorts: ["*"]),
        .init(
            name: "AllowAllOutbound", priority: 1000, direction: .outbound, access: .allow, protocol: .any,
            source: "*", destination: "*", destinationPorts: ["*"]),
    ]

    static let privateEndpoints: [SecurityRuleModel] = [
        .init(
            name: "AllowAll443InFromVnet", priority: 100, direction: .inbound, access: .allow, protocol: .tcp,
            source: "VirtualNetwork", destination: "VirtualNetwork", destinationPorts: ["443"]),
        .init(
            name: "DenyAllInbound", priority: 1000, direction: .inbound, access: .deny, protocol: .any,
            source: "*", destination: "*", destinationPorts: ["*"]),
        .init(
            name: "DenyAllOutbound", priority: 1000, direction: .outbound, access: .deny, protocol: .any,
            source: "*", destination: "*", destinationPorts: ["*"]),
    ]
}

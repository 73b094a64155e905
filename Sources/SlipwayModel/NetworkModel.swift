/// A subnet with the roles it plays; CIDRs stay strings so rules can report malformed ones.
public struct SubnetModel: Codable, Hashable, Sendable {
    public enum Role: String, Codable, Hashable, Sendable {
        case general, nodes, internalLoadBalancers, privateEndpoints, applicationGateway, apiServer
        case azureFirewall, gateway, azureBastion
    }
    public var name: String
    public var prefix: AddressPrefix
    public var role: Role
    public var securityRules: [SecurityRuleModel]
    /// Whether the subnet gets its own NSG (reserved subnets other than Bastion get none).
    public var hasSecurityGroup: Bool
    /// Whether the route table to the hub firewall is attached.
    public var routesThroughFirewall: Bool
    public var delegation: String?
    public var privateEndpointNetworkPolicies: EndpointNetworkPolicies
    public var suppressions: [Suppression]
    public var site: SourceLocation

    public init(
        name: String, prefix: AddressPrefix, role: Role, securityRules: [SecurityRuleModel] = [],
        hasSecurityGroup: Bool = true, routesThroughFirewall: Bool = false, delegation: String? = nil,
        privateEndpointNetworkPolicies: EndpointNetworkPolicies = .disabled, suppressions: [Suppression] = [],
        site: SourceLocation
    ) {
        self.name = name
        self.prefix = prefix
        self.role = role
        self.securityRules = securityRules
        self.hasSecurityGroup = hasSecurityGroup
        self.routesThroughFirewall = routesThroughFirewall
        self.delegation = delegation
        self.privateEndpointNetworkPolicies = privateEndpointNetworkPolicies
        self.suppressions = suppressions
        self.site = site
    }
}

/// One NSG rule.
public struct SecurityRuleModel: Codable, Hashable, Sendable {
    public var name: String
    public var priority: Int
    public var direction: TrafficDirection
    public var access: SecurityAccess
    public var `protocol`: NetworkProtocol
    public var source: String
    public var sourcePorts: String
    public var destination: String
    public var destinationPorts: [String]

    public init(
        name: String, priority: Int, direction: TrafficDirection, access: SecurityAccess, protocol: NetworkProtocol,
        source: String,
        sourcePorts: String = "*", destination: String, destinationPorts: [String]
    ) {
        self.name = name
        self.priority = priority
        self.direction = direction
        self.access = access
        self.protocol = `protocol`
        self.source = source
        self.sourcePorts = sourcePorts
        self.destination = destination
        self.destinationPorts = destinationPorts
    }
}

/// The hub's Azure Firewall with its policy.
public struct FirewallModel: Codable, Hashable, Sendable {
    public var name: String
    public var publicIPCount: Int
    public var tier: String
    public var zones: [String]
    public var threatIntelMode: String
    public var dnsProxy: Bool
    public var overrides: [PropertyOverride]
    public var site: SourceLocation

    public init(
        name: String, publicIPCount: Int, tier: String, zones: [String], threatIntelMode: String,
        dnsProxy: Bool, overrides: [PropertyOverride] = [], site: SourceLocation
    ) {
        self.name = name
        self.publicIPCount = publicIPCount
        self.tier = tier
        self.zones = zones
        self.threatIntelMode = threatIntelMode
        self.dnsProxy = dnsProxy
        self.overrides = overrides
        self.site = site
    }
}

/// The hub's Bastion host.
public struct BastionModel: Codable, Hashable, Sendable {
    public var name: String
    public var sku: String
    public var tunneling: Bool
    public var site: SourceLocation

    public init(name: String, sku: String, tunneling: Bool, site: SourceLocation) {
        self.name = name
        self.sku = sku
        self.tunneling = tunneling
        self.site = site
    }
}

/// A hub virtual network declared in this environment.
public struct HubModel: Codable, Hashable, Sendable {
    public var name: String
    public var addressSpace: AddressPrefix
    public var subnets: [SubnetModel]
    public var firewall: FirewallModel?
    public var bastion: BastionModel?
    public var resourceGroup: ResourceGroupModel
    public var diagnosticsWorkspace: String?
    public var overrides: [PropertyOverride]
    public var suppressions: [Suppression]
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, addressSpace: AddressPrefix, subnets: [SubnetModel], firewall: FirewallModel?,
        bastion: BastionModel?, resourceGroup: ResourceGroupModel, diagnosticsWorkspace: String?,
        overrides: [PropertyOverride] = [], suppressions: [Suppression] = [], site: SourceLocation
    ) {
        self.name = name
        self.addressSpace = addressSpace
        self.subnets = subnets
        self.firewall = firewall
        self.bastion = bastion
        self.resourceGroup = resourceGroup
        self.diagnosticsWorkspace = diagnosticsWorkspace
        self.overrides = overrides
        self.suppressions = suppressions
        self.site = site
    }
}

/// A hub that another environment or team owns, used by name and resource group.
public struct HubReferenceModel: Codable, Hashable, Sendable {
    public var name: String
    public var addressSpace: AddressPrefix
    public var firewallName: String?
    public var resourceGroup: ResourceGroupModel
    /// The environment that declares it, when known.
    public var owningEnvironment: String?
    public var site: SourceLocation

    public init(
        name: String, addressSpace: AddressPrefix, firewallName: String?, resourceGroup: ResourceGroupModel,
        owningEnvironment: String?, site: SourceLocation
    ) {
        self.name = name
        self.addressSpace = addressSpace
        self.firewallName = firewallName
        self.resourceGroup = resourceGroup
        self.owningEnvironment = owningEnvironment
        self.site = site
    }
}

/// A spoke virtual network, peered with a hub.
public struct SpokeModel: Codable, Hashable, Sendable {
    public var name: String
    public var addressSpace: AddressPrefix
    public var subnets: [SubnetModel]
    /// The hub it peers with: the environment's own hub or a referenced one, by VNet name.
    public var hub: String?
    /// The zone-redundant public IP of the workload's ingress (the Application Gateway frontend).
    public var ingressPublicIP: String?
    /// Whether the VNet's DNS server is the hub firewall's DNS proxy instead of Azure DNS.
    public var resolvesDNSThroughHubFirewall: Bool = false
    public var resourceGroup: ResourceGroupModel
    public var diagnosticsWorkspace: String?
    public var overrides: [PropertyOverride]
    public var suppressions: [Suppression]
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, addressSpace: AddressPrefix, subnets: [SubnetModel], hub: String?,
        resourceGroup: ResourceGroupModel, diagnosticsWorkspace: String?, overrides: [PropertyOverride] = [],
        suppressions: [Suppression] = [], site: SourceLocation
    ) {
        self.name = name
        self.addressSpace = addressSpace
        self.subnets = subnets
        self.hub = hub
        self.resourceGroup = resourceGroup
        self.diagnosticsWorkspace = diagnosticsWorkspace
        self.overrides = overrides
        self.suppressions = suppressions
        self.site = site
    }
}

/// A reference to a subnet of a spoke, by spoke and subnet name.
public struct SubnetReference: Codable, Hashable, Sendable, CustomStringConvertible {
    public var spoke: String
    public var subnet: String

    public init(spoke: String, subnet: String) {
        self.spoke = spoke
        self.subnet = subnet
    }

    public var description: String { "\(spoke)/\(subnet)" }
}

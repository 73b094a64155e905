import SlipwayModel

extension UnitTemplate {
    /// Declares a VNet with its subnets, one NSG per subnet that has one, and their diagnostics.
    /// Returns the VNet's symbol.
    mutating func addVirtualNetwork(
        name: String, addressSpace: AddressPrefix, subnets: [SubnetModel], routeTable: String?,
        natGateways: [String: String] = [:], dnsServers: Value? = nil, overrides: [PropertyOverride],
        diagnosticsTo workspace: String?
    ) -> String {
        let vnetSymbol = symbol(name, "vnet")
        referencedNetworks[name] = vnetSymbol
        // A hub or spoke template declares one VNet: its parameters need no qualifier.
        let vnetName = bicep.parameter(
            "vnetName", .string, "The name of the virtual network '\(name)'.", value: .string(name))
        let space = bicep.parameter(
            "vnetAddressSpace", .string, "The address space of '\(name)'.", value: .string(addressSpace.text))
        var roleCounts: [SubnetModel.Role: Int] = [:]
        for subnet in subnets { roleCounts[subnet.role, default: 0] += 1 }
        var subnetValues: [Value] = []
        for subnet in subnets {
            var properties: [Value.Field] = [
                .init(
                    "addressPrefix",
                    bicep.parameter(
                        Self.prefixParameter(of: subnet, unique: roleCounts[subnet.role] == 1), .string,
                        "The prefix of subnet '\(subnet.name)' in '\(name)'.",
                        value: .string(subnet.prefix.text)))
            ]
            if subnet.hasSecurityGroup {
                let nsg = symbol(name, subnet.name, "nsg")
                bicep.add(
                    BicepResource(
                        nsg, "Microsoft.Network/networkSecurityGroups",
                        body: head(name: .string("nsg-\(name)-\(subnet.name)")) + [
                            .init(
                                "properties",
                                .object(["securityRules": .array(subnet.securityRules.map(securityRule))]))
                        ]))
                diagnostics(
                    on: nsg, logs: ["NetworkSecurityGroupEvent", "NetworkSecurityGroupRuleCounter"], metrics: false,
                    to: workspace)
                properties.append(.init("networkSecurityGroup", .object(["id": .expression("\(nsg).id")])))
            }
            if subnet.routesThroughFirewall, let routeTable {
                properties.append(.init("routeTable", .object(["id": .expression("\(routeTable).id")])))
            }
            if let natGateway = natGateways[subnet.name] {
                properties.append(.init("natGateway", .object(["id": .expression("\(natGateway).id")])))
            }
            if let delegation = subnet.delegation {
                properties.append(
                    .init(
                        "delegations",
                        .array([
                            .object([
                                "name": .string(delegation.replacingEvery("/", with: ".")),
                                "properties": .object(["serviceName": .string(delegation)]),
                            ])
                        ])))
            }
            properties += [
                .init("privateEndpointNetworkPolicies", .string(subnet.privateEndpointNetworkPolicies.rawValue)),
                .init("privateLinkServiceNetworkPolicies", .string(Self.privateLinkServicePolicies(subnet.role))),
                .init("defaultOutboundAccess", false),
            ]
            subnetValues.append(
                .object([.init("name", .string(subnet.name)), .init("properties", .object(properties))]))
        }
        bicep.add(
            BicepResource(
                vnetSymbol, "Microsoft.Network/virtualNetworks",
                body: head(name: vnetName) + [
                    .init(
                        "properties",
                        .object(
                            [.init("addressSpace", .object(["addressPrefixes": .array([space])]))]
                                + (dnsServers.map { [.init("dhcpOptions", .object(["dnsServers": $0]))] } ?? [])
                                + [.init("subnets", .array(subnetValues))]))
                ]))
        apply(overrides, to: vnetSymbol)
        diagnostics(on: vnetSymbol, logs: [], metrics: true, to: workspace)
        return vnetSymbol
    }

    func securityRule(_ rule: SecurityRuleModel) -> Value {
        var properties: [Value.Field] = [
            .init("priority", .int(rule.priority)),
            .init("direction", .string(rule.direction.rawValue)),
            .init("access", .string(rule.access.rawValue)),
            .init("protocol", .string(rule.protocol.rawValue)),
            .init("sourceAddressPrefix", .string(rule.source)),
            .init("sourcePortRange", .string(rule.sourcePorts)),
            .init("destinationAddressPrefix", .string(rule.destination)),
        ]
        if rule.destinationPorts.count == 1 {
            properties.append(.init("destinationPortRange", .string(rule.destinationPorts[0])))
        } else {
            properties.append(.init("destinationPortRanges", .array(rule.destinationPorts.map { .string($0) })))
        }
        return .object([.init("name", .string(rule.name)), .init("properties", .object(properties))])
    }

    /// A reference to a subnet of a VNet in any resource group: an `existing` VNet and its child.
    mutating func existingSubnet(network: String, subnet: String, in group: ResourceGroupModel) -> String {
        let vnet = existingNetwork(network, in: group)
        let subnetSymbol = symbol(network, subnet, "subnet")
        bicep.add(
            BicepResource(
                subnetSymbol, "Microsoft.Network/virtualNetworks/subnets", existing: true,
                body: [.init("parent", .expression(vnet)), .init("name", .string(subnet))]))
        return subnetSymbol
    }

    /// The subnet's prefix parameter, named by its role when the VNet has one subnet of that role
    /// (`nodesSubnetPrefix`), else by its name (`snetBlueSubnetPrefix`).
    static func prefixParameter(of subnet: SubnetModel, unique: Bool) -> String {
        let roles: [SubnetModel.Role: String] = [
            .nodes: "nodes", .internalLoadBalancers: "internalLoadBalancers", .privateEndpoints: "privateEndpoints",
            .applicationGateway: "applicationGateway", .apiServer: "apiServer", .azureFirewall: "firewall",
            .gateway: "gateway", .azureBastion: "bastion",
        ]
        if unique, let role = roles[subnet.role] { return role + "SubnetPrefix" }
        return symbol(subnet.name, "subnet", "prefix")
    }

    /// The parameter that names a VNet this template references: `hubVnetName` for the hub,
    /// `spokeVnetName` when the environment has one spoke, else qualified by the VNet's name.
    func networkNameParameter(_ network: String) -> String {
        let environment = context.environment
        if environment.hub?.name == network || environment.hubReference(named: network) != nil { return "hubVnetName" }
        if environment.spokes.count == 1, environment.spokes[0].name == network { return "spokeVnetName" }
        return symbol(network, "vnet", "name")
    }

    /// A reference to a VNet in any resource group, declared once: its name parameter and an
    /// `existing` resource (nothing new when this template declares the VNet itself).
    mutating func existingNetwork(_ network: String, in group: ResourceGroupModel) -> String {
        if let symbol = referencedNetworks[network] { return symbol }
        let vnet = existing(
            symbol(network, "vnet"), "Microsoft.Network/virtualNetworks",
            name: bicep.parameter(
                networkNameParameter(network), .string, "The name of the virtual network '\(network)'.",
                value: .string(network)), in: group)
        referencedNetworks[network] = vnet
        return vnet
    }

    /// Declares a private DNS zone (once) and links it to each VNet, declared or referenced, so
    /// that those VNets resolve its records.
    /// - Returns: the symbols of the VNet links, which a resource that resolves names in the zone waits for.
    @discardableResult
    mutating func addPrivateDNSZone(_ zoneSymbol: String, name: Value, linkedTo networks: [String]) -> [String] {
        var links: [String] = []
        if !bicep.hasResource(zoneSymbol) {
            bicep.add(
                BicepResource(
                    zoneSymbol, "Microsoft.Network/privateDnsZones",
                    body: [.init("name", name), .init("location", "global")]))
        }
        for network in Self.resolvingNetworks(networks, in: context.environment) {
            guard let group = context.resourceGroup(ofNetwork: network) else { continue }
            let vnet = existingNetwork(network, in: group)
            links.append("\(zoneSymbol)\(identifier(network))Link")
            bicep.add(
                BicepResource(
                    "\(zoneSymbol)\(identifier(network))Link", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
                    body: [
                        .init("parent", .expression(zoneSymbol)),
                        .init("name", .string("to_\(network)")),
                        .init("location", "global"),
                        .init(
                            "properties",
                            .object([
                                "virtualNetwork": .object(["id": .expression("\(vnet).id")]),
                                "registrationEnabled": false,
                            ])),
                    ]))
        }
        return links
    }

    /// The zone `name`: another team's, when the environment references one by that name (records
    /// go there and its VNet links stay with its owner), else declared here and linked to `networks`.
    mutating func addOrReferencePrivateDNSZone(_ zoneSymbol: String, name: String, linkedTo networks: [String]) {
        if let shared = context.environment.privateDNSZoneReferences.first(where: { $0.name == name }) {
            _ = existing(
                zoneSymbol, "Microsoft.Network/privateDnsZones", name: .string(name), in: shared.resourceGroup)
        } else {
            addPrivateDNSZone(zoneSymbol, name: .string(name), linkedTo: networks)
        }
    }

    /// The VNets whose DNS queries must see a zone linked to `networks`: each of them and, for a
    /// spoke that resolves through its hub firewall's DNS proxy, the hub VNet, where the proxy asks
    /// Azure DNS. (NET017 requires that hub to be declared in the same environment.)
    static func resolvingNetworks(_ networks: [String], in environment: EnvironmentModel) -> [String] {
        var result: [String] = []
        for network in networks {
            var resolving = [network]
            if let spoke = environment.spoke(named: network), spoke.resolvesDNSThroughHubFirewall,
                let hub = environment.hub, environment.peeredHub(of: spoke)?.name == hub.name
            {
                resolving.append(hub.name)
            }
            for name in resolving where !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// A private endpoint for `target` in a spoke subnet, registered in `zone` through a zone group.
    mutating func addPrivateEndpoint(
        _ endpointSymbol: String, name: Value, for target: String, groupID: String, subnet: SubnetReference,
        zone zoneSymbol: String, zoneConfiguration: String, dependsOn: [String] = []
    ) {
        addPrivateEndpoint(
            endpointSymbol, name: name, for: target, groupID: groupID, subnet: subnet,
            zones: [(zoneSymbol, zoneConfiguration)], dependsOn: dependsOn)
    }

    /// A private endpoint registered in several zones (one configuration each).
    mutating func addPrivateEndpoint(
        _ endpointSymbol: String, name: Value, for target: String, groupID: String, subnet: SubnetReference,
        zones: [(symbol: String, configuration: String)], dependsOn: [String] = []
    ) {
        guard let spoke = context.environment.spoke(named: subnet.spoke) else { return }
        let subnetSymbol = existingSubnet(network: spoke.name, subnet: subnet.subnet, in: spoke.resourceGroup)
        bicep.add(
            BicepResource(
                endpointSymbol, "Microsoft.Network/privateEndpoints",
                body: head(name: name) + [
                    .init(
                        "properties",
                        .object([
                            "subnet": .object(["id": .expression("\(subnetSymbol).id")]),
                            "privateLinkServiceConnections": .array([
                                .object([
                                    "name": .string("to_\(spoke.name)"),
                                    "properties": .object([
                                        "privateLinkServiceId": .expression("\(target).id"),
                                        "groupIds": .array([.string(groupID)]),
                                    ]),
                                ])
                            ]),
                        ]))
                ],
                dependsOn: dependsOn))
        bicep.add(
            BicepResource(
                "\(endpointSymbol)ZoneGroup", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                body: [
                    .init("parent", .expression(endpointSymbol)),
                    .init("name", "default"),
                    .init(
                        "properties",
                        .object([
                            "privateDnsZoneConfigs": .array(
                                zones.map { zone in
                                    .object([
                                        "name": .string(zone.configuration),
                                        "properties": .object(["privateDnsZoneId": .expression("\(zone.symbol).id")]),
                                    ])
                                })
                        ])),
                ]))
    }

    /// `Disabled` on the subnets that carry the cluster (nodes, internal load balancers, the API
    /// server) and the Application Gateway, as the reference sets them: a Private Link service that
    /// AKS creates for an internal Service takes its NAT addresses there, which Azure allows only with
    /// these policies off. The endpoint subnet keeps `Enabled`, as in the reference.
    static func privateLinkServicePolicies(_ role: SubnetModel.Role) -> String {
        switch role {
        case .nodes, .internalLoadBalancers, .applicationGateway, .apiServer: "Disabled"
        default: "Enabled"
        }
    }
}

import SlipwayModel

/// `spoke-<name>.bicep`: the spoke VNet with an NSG per subnet, the route table to the hub
/// firewall, and peering in both directions (the hub side as a module in the hub's group).
enum SpokeRenderer {
    static func render(_ spoke: SpokeModel, context: RenderContext) -> BicepTemplate {
        var unit = UnitTemplate(context: context, resourceGroup: spoke.resourceGroup)
        let workspace = spoke.diagnosticsWorkspace ?? context.environment.diagnosticsWorkspace
        let hub = context.environment.peeredHub(of: spoke)
        var routeTable: String?
        var dnsServers: Value?
        let routes = spoke.subnets.contains(where: \.routesThroughFirewall)
        if let hub, let firewallName = hub.firewallName, routes || spoke.resolvesDNSThroughHubFirewall {
            let firewall = unit.existing(
                "hubFirewall", "Microsoft.Network/azureFirewalls",
                name: unit.bicep.parameter(
                    "hubFirewallName", .string, "The name of the hub firewall that receives egress.",
                    value: .string(firewallName)), in: hub.resourceGroup)
            let firewallIP = "\(firewall).properties.ipConfigurations[0].properties.privateIPAddress"
            // The firewall policy's DNS proxy answers on the firewall's private address.
            if spoke.resolvesDNSThroughHubFirewall { dnsServers = .array([.expression(firewallIP)]) }
        }
        if let hub, let firewallName = hub.firewallName, routes {
            let firewall = "hubFirewall"
            routeTable = "routeToHubFirewall"
            unit.bicep.add(
                BicepResource(
                    "routeToHubFirewall", "Microsoft.Network/routeTables",
                    body: unit.head(name: .string("route-\(spoke.name)-to-\(firewallName)")) + [
                        .init(
                            "properties",
                            .object([
                                "disableBgpRoutePropagation": true,
                                "routes": .array([
                                    .object([
                                        "name": "r-nexthop-to-fw",
                                        "properties": .object([
                                            "addressPrefix": "0.0.0.0/0",
                                            "nextHopType": "VirtualAppliance",
                                            "nextHopIpAddress": .expression(
                                                "\(firewall).properties.ipConfigurations[0].properties.privateIPAddress"
                                            ),
                                        ]),
                                    ])
                                ]),
                            ]))
                    ]))
        }
        let natGateways = addNATGateways(for: spoke, unit: &unit, workspace: workspace)
        let vnet = unit.addVirtualNetwork(
            name: spoke.name, addressSpace: spoke.addressSpace, subnets: spoke.subnets, routeTable: routeTable,
            natGateways: natGateways, dnsServers: dnsServers, overrides: spoke.overrides, diagnosticsTo: workspace)
        if let hub {
            let hubName = unit.bicep.parameter(
                "hubVnetName", .string, "The name of the hub VNet this spoke peers with.", value: .string(hub.name))
            let hubVnet = unit.existing(
                "hubVnet", "Microsoft.Network/virtualNetworks", name: hubName, in: hub.resourceGroup)
            unit.bicep.add(
                BicepResource(
                    "peeringToHub", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
                    body: [
                        .init("parent", .expression(vnet)),
                        .init("name", .expression("'to_${\(hubName.expressionText)}'")),
                        .init("properties", ModuleTemplates.peeringProperties(remote: .expression("\(hubVnet).id"))),
                    ]))
            unit.bicep.add(
                BicepModule(
                    "peeringFromHub", path: "modules/\(ModuleTemplates.peeringFile)",
                    name: .expression("take('peer-${\(hubName.expressionText)}-to-${\(vnet).name}', 64)"),
                    scope: RenderContext.scope(hub.resourceGroup),
                    parameters: [
                        .init("localVnetName", hubName),
                        .init("remoteVirtualNetworkId", .expression("\(vnet).id")),
                    ],
                    dependsOn: ["peeringToHub"]))
        }
        if let ingressIP = spoke.ingressPublicIP {
            let name = unit.bicep.parameter(
                "ingressPublicIPName", .string, "The public IP of the workload's ingress.", value: .string(ingressIP))
            unit.bicep.add(
                BicepResource(
                    "ingressPublicIP", "Microsoft.Network/publicIPAddresses",
                    body: unit.head(name: name) + [
                        .init("sku", .object(["name": "Standard"])),
                        .init("zones", ["1", "2", "3"]),
                        .init("properties", HubRenderer.staticPublicIPProperties),
                    ]))
            unit.diagnostics(
                on: "ingressPublicIP", logs: HubRenderer.publicIPLogCategories, metrics: true, to: workspace)
            unit.bicep.add(
                BicepOutput("ingressPublicIPAddress", .string, .expression("ingressPublicIP.properties.ipAddress")))
        }
        unit.addRawResources(for: .spoke(spoke.name))
        unit.bicep.add(BicepOutput("spokeVnetId", .string, .expression("\(vnet).id")))
        return unit.bicep
    }

    /// A NAT gateway for each cluster in this spoke with `.egress(.natGateway(…))`, with its public
    /// addresses (or prefix). A Standard NAT gateway is zonal: with no zone, Azure places it in one,
    /// and it serves every zone's nodes; its addresses are no-zone too, as a zonal gateway cannot use
    /// addresses of another zone.
    /// - Returns: the gateway's symbol for each subnet it serves (the cluster's node and pod subnets).
    static func addNATGateways(
        for spoke: SpokeModel, unit: inout UnitTemplate, workspace: String?
    ) -> [String: String] {
        var bySubnet: [String: String] = [:]
        for cluster in unit.context.environment.clusters {
            guard let nodes = cluster.nodeSubnet, nodes.spoke == spoke.name, let nat = cluster.network.natGateway
            else { continue }
            let gateway = symbol(cluster.name, "nat", "gateway")
            let name = "ng-\(cluster.name)"
            var properties: [Value.Field] = [.init("idleTimeoutInMinutes", .int(nat.idleTimeoutMinutes))]
            if let length = nat.prefixLength {
                let prefix = symbol(cluster.name, "nat", "ip", "prefix")
                unit.bicep.add(
                    BicepResource(
                        prefix, "Microsoft.Network/publicIPPrefixes",
                        body: unit.head(name: .string("ippre-\(name)")) + [
                            .init("sku", .object(["name": "Standard", "tier": "Regional"])),
                            .init(
                                "properties",
                                .object(["prefixLength": .int(length), "publicIPAddressVersion": "IPv4"])),
                        ]))
                properties.append(.init("publicIpPrefixes", .array([.object(["id": .expression("\(prefix).id")])])))
            } else {
                let addresses = symbol(cluster.name, "nat", "public", "ips")
                let count = String(nat.publicIPCount)
                unit.bicep.add(
                    BicepResource(
                        addresses, "Microsoft.Network/publicIPAddresses", loop: ("i", count),
                        body: [
                            .init("name", .expression("'pip-\(name)-${padLeft(i, 2, '0')}'")),
                            .init("location", unit.location),
                            .init("sku", .object(["name": "Standard"])),
                            .init("properties", HubRenderer.staticPublicIPProperties),
                        ]))
                unit.diagnostics(
                    on: addresses, logs: HubRenderer.publicIPLogCategories, metrics: true, to: workspace,
                    loop: ("i", count))
                properties.append(
                    .init(
                        "publicIpAddresses",
                        .array((0..<nat.publicIPCount).map { .object(["id": .expression("\(addresses)[\($0)].id")]) })))
            }
            unit.bicep.add(
                BicepResource(
                    gateway, "Microsoft.Network/natGateways",
                    body: unit.head(name: .string(name)) + [
                        .init("sku", .object(["name": "Standard"])),
                        .init("properties", .object(properties)),
                    ]))
            bySubnet[nodes.subnet] = gateway
            for pods in cluster.nodePools.compactMap(\.podSubnet) where pods.spoke == spoke.name {
                bySubnet[pods.subnet] = gateway
            }
        }
        return bySubnet
    }
}

import SlipwayModel

/// `spoke-<name>.bicep`: the spoke VNet with an NSG per subnet, the route table to the hub
/// firewall, and peering in both directions (the hub side as a module in the hub's group).
enum SpokeRenderer {
    static func render(_ spoke: SpokeModel, context: RenderContext) -> BicepTemplate {
        var unit = UnitTemplate(context: context, resourceGroup: spoke.resourceGroup)
        let workspace = spoke.diagnosticsWorkspace ?? context.environment.diagnosticsWorkspace
        let hub = context.environment.peeredHub(of: spoke)
        var routeTable: String?
        if let hub, let firewallName = hub.firewallName, spoke.subnets.contains(where: \.routesThroughFirewall) {
            let firewall = unit.existing(
                "hubFirewall", "Microsoft.Network/azureFirewalls",
                name: unit.bicep.parameter(
                    "hubFirewallName", .string, "The name of the hub firewall that receives egress.",
                    value: .string(firewallName)), in: hub.resourceGroup)
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
        let vnet = unit.addVirtualNetwork(
            name: spoke.name, addressSpace: spoke.addressSpace, subnets: spoke.subnets, routeTable: routeTable,
            overrides: spoke.overrides, diagnosticsTo: workspace)
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
                        .init(
                            "properties",
                            .object([
                                "publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4",
                                "idleTimeoutInMinutes": 4,
                            ])),
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
}

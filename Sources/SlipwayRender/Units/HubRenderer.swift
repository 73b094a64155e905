import SlipwayModel

/// `hub.bicep`: the hub VNet, its workspace(s), Azure Firewall with policy and rule collection
/// groups, and Bastion.
enum HubRenderer {
    static let firewallLogCategories = [
        "AzureFirewallApplicationRule", "AzureFirewallNetworkRule", "AzureFirewallDnsProxy", "AZFWNetworkRule",
        "AZFWApplicationRule", "AZFWNatRule", "AZFWThreatIntel", "AZFWIdpsSignature", "AZFWDnsQuery",
        "AZFWFqdnResolveFailure", "AZFWFatFlow", "AZFWFlowTrace", "AZFWApplicationRuleAggregation",
        "AZFWNetworkRuleAggregation", "AZFWNatRuleAggregation",
    ]
    /// The properties of every Standard public IPv4 address Slipway renders.
    static let staticPublicIPProperties: Value = .object([
        "publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4", "idleTimeoutInMinutes": 4,
    ])
    static let publicIPLogCategories = [
        "DDoSProtectionNotifications", "DDoSMitigationFlowLogs", "DDoSMitigationReports",
    ]

    static func render(_ hub: HubModel, context: RenderContext) -> BicepTemplate {
        var unit = UnitTemplate(context: context, resourceGroup: hub.resourceGroup)
        let workspace = hub.diagnosticsWorkspace ?? context.environment.diagnosticsWorkspace
        unit.addWorkspaces(for: .hub, diagnosticsTo: workspace)
        let vnet = unit.addVirtualNetwork(
            name: hub.name, addressSpace: hub.addressSpace, subnets: hub.subnets, routeTable: nil,
            overrides: hub.overrides, diagnosticsTo: workspace)
        if let firewall = hub.firewall {
            addFirewall(firewall, hub: hub, vnet: vnet, unit: &unit, workspace: workspace)
        }
        // The central zone of private API servers that keep theirs in the hub, linked to the hub VNet.
        if context.environment.clusters.contains(where: { $0.apiServer.dnsZone?.owner == .hub }) {
            unit.addPrivateDNSZone(
                "apiServerPrivateDnsZone", name: .string(context.environment.apiServerZoneName),
                linkedTo: [hub.name])
        }
        if let bastion = hub.bastion {
            addBastion(bastion, vnet: vnet, unit: &unit, workspace: workspace)
        }
        unit.addRawResources(for: .hub)
        unit.bicep.add(BicepOutput("hubVnetId", .string, .expression("\(vnet).id")))
        return unit.bicep
    }

    static func subnetID(_ vnet: String, _ subnet: String) -> Value {
        .expression("resourceId('Microsoft.Network/virtualNetworks/subnets', \(vnet).name, '\(subnet)')")
    }

    static func addFirewall(
        _ firewall: FirewallModel, hub: HubModel, vnet: String, unit: inout UnitTemplate, workspace: String?
    ) {
        let location = unit.location
        let name = unit.bicep.parameter(
            "firewallName", .string, "The name of the hub's Azure Firewall.", value: .string(firewall.name))
        let count = unit.bicep.parameter(
            "firewallPublicIPCount", .int, "How many public IPs the firewall uses (SNAT capacity).",
            value: .int(firewall.publicIPCount))
        let zones = Value.array(firewall.zones.map { .string($0) })
        unit.bicep.add(
            BicepResource(
                "firewallPublicIPs", "Microsoft.Network/publicIPAddresses", loop: ("i", count.expressionText),
                body: [
                    .init("name", .expression("'pip-${\(name.expressionText)}-${padLeft(i, 2, '0')}'")),
                    .init("location", location),
                    .init("sku", .object(["name": "Standard"])),
                    .init("zones", zones),
                    .init("properties", staticPublicIPProperties),
                ]))
        unit.diagnostics(
            on: "firewallPublicIPs", logs: publicIPLogCategories, metrics: true, to: workspace,
            loop: ("i", count.expressionText))

        let prefixes = unit.context.nodeSubnetPrefixes(peeringWith: hub)
        var sources: Value?
        if !prefixes.isEmpty {
            let addresses = unit.bicep.parameter(
                "nodeSubnetPrefixes", .array, "The node subnets of every spoke peered with this hub.",
                value: .array(prefixes.map { .string($0) }))
            unit.bicep.add(
                BicepResource(
                    "nodeSubnetsIPGroup", "Microsoft.Network/ipGroups",
                    body: unit.head(name: .expression("'ipg-${\(name.expressionText)}-nodepools'")) + [
                        .init("properties", .object(["ipAddresses": addresses]))
                    ]))
            sources = .array([.expression("nodeSubnetsIPGroup.id")])
        }

        var policyProperties: [Value.Field] = [
            .init("sku", .object(["tier": .string(firewall.tier)])),
            .init("threatIntelMode", .string(firewall.threatIntelMode)),
            .init("threatIntelWhitelist", .object(["fqdns": [], "ipAddresses": []])),
            .init("dnsSettings", .object(["servers": [], "enableProxy": .bool(firewall.dnsProxy)])),
        ]
        if firewall.tier == "Premium" {
            policyProperties.append(.init("intrusionDetection", .object(["mode": "Deny"])))
        }
        if let workspace, let workspaceSymbol = unit.workspace(workspace) {
            policyProperties.append(
                .init(
                    "insights",
                    .object([
                        "isEnabled": true, "retentionDays": 30,
                        "logAnalyticsResources": .object([
                            "defaultWorkspaceId": .object(["id": .expression("\(workspaceSymbol).id")])
                        ]),
                    ])))
        }
        unit.bicep.add(
            BicepResource(
                "firewallPolicy", "Microsoft.Network/firewallPolicies",
                body: unit.head(name: .expression("'fw-policies-${\(name.expressionText)}'")) + [
                    .init("properties", .object(policyProperties))
                ],
                dependsOn: sources == nil ? [] : ["nodeSubnetsIPGroup"]))
        let regionName = unit.context.environment.location
        unit.bicep.add(
            BicepResource(
                "networkRules", "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                body: [
                    .init("parent", .expression("firewallPolicy")),
                    .init("name", "DefaultNetworkRuleCollectionGroup"),
                    .init(
                        "properties",
                        .object([
                            "priority": 200,
                            "ruleCollections": .array(
                                [
                                    FirewallRules.filter(
                                        "org-wide-allowed", priority: 100,
                                        rules: [
                                            FirewallRules.networkRule(
                                                "DNS", protocols: ["UDP"], sources: .object(["sourceAddresses": ["*"]]),
                                                destinations: ["*"], ports: ["53"])
                                        ])
                                ]
                                    + (sources.map { FirewallRules.aksNetworkRules(sources: $0, location: regionName) }
                                        ?? []) + FirewallRules.fleetNetworkRules(unit.context)),
                        ])),
                ]))
        unit.bicep.add(
            BicepResource(
                "applicationRules", "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                body: [
                    .init("parent", .expression("firewallPolicy")),
                    .init("name", "DefaultApplicationRuleCollectionGroup"),
                    .init(
                        "properties",
                        .object([
                            "priority": 300,
                            "ruleCollections": .array(
                                sources.map {
                                    FirewallRules.aksApplicationRules(
                                        sources: $0, location: regionName,
                                        optional: unit.context.optionalEgress(through: hub))
                                }
                                    ?? []),
                        ])),
                ],
                dependsOn: ["networkRules"]))
        unit.bicep.variable("firewallSubnet", .object(["id": subnetID(vnet, "AzureFirewallSubnet")]))
        unit.bicep.add(
            BicepResource(
                "firewall", "Microsoft.Network/azureFirewalls",
                body: unit.head(name: name) + [
                    .init("zones", zones),
                    .init(
                        "properties",
                        .object([
                            "sku": .object(["tier": .string(firewall.tier), "name": "AZFW_VNet"]),
                            "firewallPolicy": .object(["id": .expression("firewallPolicy.id")]),
                            "ipConfigurations": .expression(
                                """
                                [for i in range(0, \(count.expressionText)): {
                                  name: firewallPublicIPs[i].name
                                  properties: {
                                    subnet: i == 0 ? firewallSubnet : null
                                    publicIPAddress: {
                                      id: firewallPublicIPs[i].id
                                    }
                                  }
                                }]
                                """),
                        ])),
                ],
                dependsOn: ["networkRules", "applicationRules"]))
        unit.apply(firewall.overrides, to: "firewall")
        unit.diagnostics(on: "firewall", logs: firewallLogCategories, metrics: true, to: workspace)
    }

    static func addBastion(_ bastion: BastionModel, vnet: String, unit: inout UnitTemplate, workspace: String?) {
        let name = unit.bicep.parameter(
            "bastionName", .string, "The name of the hub's Bastion host.", value: .string(bastion.name))
        unit.bicep.add(
            BicepResource(
                "bastionPublicIP", "Microsoft.Network/publicIPAddresses",
                body: unit.head(name: .expression("'pip-${\(name.expressionText)}'")) + [
                    .init("sku", .object(["name": "Standard"])),
                    .init("zones", ["1", "2", "3"]),
                    .init(
                        "properties",
                        .object(["publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"])),
                ]))
        unit.diagnostics(on: "bastionPublicIP", logs: publicIPLogCategories, metrics: true, to: workspace)
        unit.bicep.add(
            BicepResource(
                "bastion", "Microsoft.Network/bastionHosts",
                body: unit.head(name: name) + [
                    .init("sku", .object(["name": .string(bastion.sku)])),
                    .init(
                        "properties",
                        .object([
                            "enableTunneling": .bool(bastion.tunneling),
                            "ipConfigurations": .array([
                                .object([
                                    "name": "hub-subnet",
                                    "properties": .object([
                                        "privateIPAllocationMethod": "Dynamic",
                                        "subnet": .object(["id": subnetID(vnet, "AzureBastionSubnet")]),
                                        "publicIPAddress": .object(["id": .expression("bastionPublicIP.id")]),
                                    ]),
                                ])
                            ]),
                        ])),
                ],
                dependsOn: [vnet]))
        unit.diagnostics(on: "bastion", logs: ["BastionAuditLogs"], metrics: false, to: workspace)
        unit.bicep.add(BicepOutput("bastionHostResourceId", .string, .expression("bastion.id")))
    }
}

extension Value {
    /// The text of an expression value (parameters and variables are expressions).
    var expressionText: String {
        switch self {
        case .expression(let text): return text
        case .string(let text): return BicepPrinter.literal(text)
        default: return BicepPrinter.value(self, indent: 0)
        }
    }
}

import SlipwayModel

/// `registry.bicep`: the registry stamp. Workspaces placed here, each registry with its replicas,
/// private endpoint, `privatelink.azurecr.io` zone, zone group and VNet links, and diagnostics.
enum RegistryRenderer {
    static let zone = "privatelink.azurecr.io"

    static func render(context: RenderContext) -> BicepTemplate {
        let environment = context.environment
        var unit = UnitTemplate(context: context, resourceGroup: environment.registryResourceGroup)
        unit.addWorkspaces(for: .registry, diagnosticsTo: environment.diagnosticsWorkspace)
        for registry in environment.registries {
            addRegistry(registry, unit: &unit)
        }
        unit.addRawResources(for: .registry)
        return unit.bicep
    }

    static func addRegistry(_ registry: RegistryModel, unit: inout UnitTemplate) {
        let context = unit.context
        let symbolName = symbol(registry.name, "registry")
        let base = unit.bicep.parameter(
            symbol(registry.name, "registry", "name"), .string,
            registry.uniqueSuffix
                ? "The base name of registry '\(registry.name)'; the naming convention appends a deterministic suffix."
                : "The name of registry '\(registry.name)'.",
            value: .string(registry.name))
        let name: Value =
            registry.uniqueSuffix
            ? unit.bicep.variable(
                symbol(registry.name, "registry", "full", "name"),
                .expression("'${\(base.expressionText)}${\(context.uniqueSuffix(in: unit.resourceGroup))}'"))
            : base
        var policies: [Value.Field] = []
        if let days = registry.retentionDays {
            policies.append(.init("retentionPolicy", .object(["days": .int(days), "status": "enabled"])))
        }
        policies.append(.init("quarantinePolicy", .object(["status": "disabled"])))
        policies.append(.init("trustPolicy", .object(["type": "Notary", "status": "disabled"])))
        unit.bicep.add(
            BicepResource(
                symbolName, "Microsoft.ContainerRegistry/registries",
                body: unit.head(name: name) + [
                    .init("sku", .object(["name": .string(registry.sku)])),
                    .init(
                        "properties",
                        .object([
                            .init("adminUserEnabled", .bool(registry.adminUserEnabled)),
                            .init("anonymousPullEnabled", false),
                            .init("dataEndpointEnabled", .bool(registry.sku == "Premium")),
                            .init("publicNetworkAccess", registry.publicNetworkAccess ? "Enabled" : "Disabled"),
                            .init("networkRuleBypassOptions", "AzureServices"),
                            .init(
                                "networkRuleSet",
                                registry.sku == "Premium"
                                    ? .object(["defaultAction": "Deny", "ipRules": []]) : .null),
                            .init("zoneRedundancy", registry.zoneRedundant ? "Enabled" : "Disabled"),
                            .init("policies", .object(policies)),
                        ])),
                ]))
        unit.apply(registry.overrides, to: symbolName)
        var last = symbolName
        for location in registry.replicaLocations {
            let replica = symbol(registry.name, "replica", location)
            unit.bicep.add(
                BicepResource(
                    replica, "Microsoft.ContainerRegistry/registries/replications",
                    body: [
                        .init("parent", .expression(symbolName)),
                        .init("name", .string(location)),
                        .init("location", .string(location)),
                        .init(
                            "properties",
                            .object(["zoneRedundancy": registry.zoneRedundant ? "Enabled" : "Disabled"])),
                    ]))
            last = replica
        }
        unit.diagnostics(
            on: symbolName, logs: ["ContainerRegistryRepositoryEvents", "ContainerRegistryLoginEvents"],
            metrics: true, to: registry.diagnosticsWorkspace ?? context.environment.diagnosticsWorkspace)
        unit.bicep.outputs.append(
            BicepOutput(
                symbol(registry.name, "login", "server"), .string, .expression("\(symbolName).properties.loginServer")))

        guard let endpoint = registry.privateEndpoint, let spoke = context.spoke(named: endpoint.spoke) else { return }
        let zoneSymbol = "registryPrivateDnsZone"
        if let shared = context.environment.privateDNSZoneReferences.first(where: { $0.name == zone }) {
            // A zone another team owns: register in it, leave its VNet links to its owner.
            _ = unit.existing(
                zoneSymbol, "Microsoft.Network/privateDnsZones", name: .string(zone), in: shared.resourceGroup)
        } else {
            if !unit.bicep.hasResource(zoneSymbol) {
                unit.bicep.add(
                    BicepResource(
                        zoneSymbol, "Microsoft.Network/privateDnsZones",
                        body: [.init("name", .string(zone)), .init("location", "global")]))
            }
            addZoneLinks(zoneSymbol, networks: [spoke.name] + registry.dnsLinkedNetworks, unit: &unit)
        }
        let subnet = unit.existingSubnet(network: spoke.name, subnet: endpoint.subnet, in: spoke.resourceGroup)
        let endpointSymbol = symbol(registry.name, "private", "endpoint")
        unit.bicep.add(
            BicepResource(
                endpointSymbol, "Microsoft.Network/privateEndpoints",
                body: unit.head(name: .expression("'pe-${\(name.expressionText)}'")) + [
                    .init(
                        "properties",
                        .object([
                            "subnet": .object(["id": .expression("\(subnet).id")]),
                            "privateLinkServiceConnections": .array([
                                .object([
                                    "name": .string("to_\(spoke.name)"),
                                    "properties": .object([
                                        "privateLinkServiceId": .expression("\(symbolName).id"),
                                        "groupIds": ["registry"],
                                    ]),
                                ])
                            ]),
                        ]))
                ],
                dependsOn: last == symbolName ? [] : [last]))
        unit.bicep.add(
            BicepResource(
                symbol(registry.name, "private", "dns", "zone", "group"),
                "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                body: [
                    .init("parent", .expression(endpointSymbol)),
                    .init("name", "default"),
                    .init(
                        "properties",
                        .object([
                            "privateDnsZoneConfigs": .array([
                                .object([
                                    "name": "privatelink-azurecr-io",
                                    "properties": .object(["privateDnsZoneId": .expression("\(zoneSymbol).id")]),
                                ])
                            ])
                        ])),
                ]))
    }

    /// Links `zone` to each VNet (declared or referenced) so that it resolves the private endpoint.
    static func addZoneLinks(_ zone: String, networks: [String], unit: inout UnitTemplate) {
        for network in networks {
            guard let group = unit.context.resourceGroup(ofNetwork: network) else { continue }
            let vnet = unit.existing(
                symbol(network, "vnet"), "Microsoft.Network/virtualNetworks",
                name: unit.bicep.parameter(
                    symbol(network, "name"), .string, "The name of the virtual network '\(network)'.",
                    value: .string(network)), in: group)
            unit.bicep.add(
                BicepResource(
                    symbol("registry", "zone", "link", network),
                    "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
                    body: [
                        .init("parent", .expression(zone)),
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
    }
}

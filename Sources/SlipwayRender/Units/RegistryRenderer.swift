import SlipwayModel

/// `registry.bicep`: the registry stamp. Each registry with its replicas, private endpoint,
/// `privatelink.azurecr.io` zone, zone group and VNet links, and diagnostics. (The workspaces of
/// its resource group are in `monitoring.bicep`, see ``MonitoringRenderer``.)
enum RegistryRenderer {
    static let zone = "privatelink.azurecr.io"

    static func render(context: RenderContext) -> BicepTemplate {
        let environment = context.environment
        var unit = UnitTemplate(context: context, resourceGroup: environment.registryResourceGroup)
        for registry in environment.registries {
            addRegistry(registry, unit: &unit)
        }
        if let scope = environment.monitorPrivateLink {
            MonitorPrivateLinkRendering.addScope(scope, unit: &unit)
        }
        unit.addRawResources(for: .registry)
        return unit.bicep
    }

    /// `registryName` when the environment has one registry, as usual; else qualified by its name.
    static func nameParameter(_ registry: RegistryModel, in environment: EnvironmentModel) -> String {
        environment.registries.count == 1 ? "registryName" : symbol(registry.name, "registry", "name")
    }

    static func addRegistry(_ registry: RegistryModel, unit: inout UnitTemplate) {
        let context = unit.context
        let symbolName = symbol(registry.name, "registry")
        let base = unit.bicep.parameter(
            nameParameter(registry, in: context.environment), .string,
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
                    .init("sku", .object(["name": .string(registry.sku.rawValue)])),
                    .init(
                        "properties",
                        .object([
                            .init("adminUserEnabled", .bool(registry.adminUserEnabled)),
                            .init("anonymousPullEnabled", false),
                            .init("dataEndpointEnabled", .bool(registry.sku == .premium)),
                            .init("publicNetworkAccess", registry.publicNetworkAccess ? "Enabled" : "Disabled"),
                            .init("networkRuleBypassOptions", "AzureServices"),
                            .init(
                                "networkRuleSet",
                                registry.sku == .premium
                                    ? .object(["defaultAction": "Deny", "ipRules": []]) : .null),
                            .init("zoneRedundancy", registry.zoneRedundant ? "Enabled" : "Disabled"),
                            .init("policies", .object(policies)),
                        ])),
                ]))
        unit.apply(registry.overrides, to: symbolName)
        if registry.denyAnonymousAndAdminAccess {
            let assignments = [
                (
                    "anonymous", "9f2dea28-e834-476c-99c5-3507b4728395",
                    "Container registries should have anonymous authentication disabled"
                ),
                (
                    "admin", "dc921057-6b28-4fbe-9b83-f7bec05db6c2",
                    "Container registries should have local admin account disabled"
                ),
            ]
            for (key, id, title) in assignments {
                let assignment = symbol(registry.name, "deny", key, "access")
                unit.bicep.name(definition: id, as: title)
                unit.bicep.add(
                    PolicyRendering.assignment(
                        assignment, definition: id, initiative: false,
                        displayName: .expression("take('[${\(name.expressionText)}] \(title)', 120)"),
                        seed: name, parameters: .object(["effect": .object(["value": "Deny"])])))
                unit.bicep.modifyResource(symbolName) { $0.dependsOn.append(assignment) }
            }
        }
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
        unit.bicep.add(
            BicepOutput(
                symbol(registry.name, "login", "server"), .string, .expression("\(symbolName).properties.loginServer")))

        guard let endpoint = registry.privateEndpoint, let spoke = context.environment.spoke(named: endpoint.spoke)
        else { return }
        let zoneSymbol = "registryPrivateDnsZone"
        unit.addOrReferencePrivateDNSZone(
            zoneSymbol, name: zone, linkedTo: [spoke.name] + registry.dnsLinkedNetworks)
        unit.addPrivateEndpoint(
            symbol(registry.name, "private", "endpoint"), name: .expression("'pe-${\(name.expressionText)}'"),
            for: symbolName, groupID: "registry", subnet: endpoint, zone: zoneSymbol,
            zoneConfiguration: "privatelink-azurecr-io", dependsOn: last == symbolName ? [] : [last])
    }
}

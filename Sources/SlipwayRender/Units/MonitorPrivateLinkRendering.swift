import SlipwayModel

/// The Azure Monitor Private Link Scope (in the registry stamp, whose group holds the workspaces
/// and which deploys after the spokes), and what a cluster adds to it.
enum MonitorPrivateLinkRendering {
    static let scopeSymbol = "monitorPrivateLinkScope"
    static let membersFile = "monitor-private-link-scope-members.bicep"

    /// The scope, its workspaces, the private endpoint and the `privatelink` zones.
    static func addScope(_ scope: MonitorPrivateLink, unit: inout UnitTemplate) {
        let environment = unit.context.environment
        unit.bicep.add(
            BicepResource(
                scopeSymbol, "Microsoft.Insights/privateLinkScopes",
                body: [
                    .init("name", .string(scope.name)),
                    .init("location", "global"),
                    .init(
                        "properties",
                        .object([
                            // Open, not PrivateOnly: the access mode governs what the linked
                            // networks may reach, and PrivateOnly would cut them off from every
                            // Azure Monitor resource outside this scope (another environment's
                            // workspace, Defender's). The workspaces refuse public ingestion
                            // themselves.
                            "accessModeSettings": .object(["ingestionAccessMode": "Open", "queryAccessMode": "Open"])
                        ])),
                ]))
        var members: [String] = []
        for name in scope.workspaces {
            guard let workspace = unit.workspace(name) else { continue }
            let member = symbol(name, "scope", "member")
            unit.bicep.add(
                BicepResource(
                    member, "Microsoft.Insights/privateLinkScopes/scopedResources",
                    body: [
                        .init("parent", .expression(scopeSymbol)),
                        .init("name", .string(name)),
                        .init("properties", .object(["linkedResourceId": .expression("\(workspace).id")])),
                    ]))
            members.append(member)
        }
        // Every spoke of the environment resolves Azure Monitor's names to the endpoint.
        let networks = environment.spokes.map(\.name)
        var zones: [(symbol: String, configuration: String)] = []
        for zone in MonitorPrivateLink.zones {
            let zoneSymbol = symbol(zone, "zone")
            unit.addOrReferencePrivateDNSZone(zoneSymbol, name: zone, linkedTo: networks)
            zones.append((zoneSymbol, String(zone.map { $0 == "." ? "-" : $0 })))
        }
        unit.addPrivateEndpoint(
            "monitorPrivateEndpoint", name: .string("pe-\(scope.name)"), for: scopeSymbol, groupID: "azuremonitor",
            subnet: scope.endpoint, zones: zones, dependsOn: members)
    }

    /// Adds a cluster's data collection endpoints to the scope, in the scope's group.
    static func addMembers(
        _ endpoints: [String], clusterName: Value, scope: MonitorPrivateLink, unit: inout UnitTemplate
    ) {
        let environment = unit.context.environment
        unit.bicep.add(
            BicepModule(
                "monitorPrivateLinkScopeMembers", path: "modules/\(membersFile)",
                name: .expression("take('ampls-members-${\(clusterName.expressionText)}', 64)"),
                scope: RenderContext.scope(environment.registryResourceGroup),
                parameters: [
                    .init("scopeName", .string(scope.name)),
                    .init("resourceIds", .array(endpoints.map { .expression("\($0).id") })),
                ]))
    }

    /// `modules/monitor-private-link-scope-members.bicep`: resources joined to a scope by ID.
    static func membersTemplate() -> BicepTemplate {
        var template = BicepTemplate()
        template.parameter("scopeName", .string, "The Azure Monitor Private Link Scope.", value: .null)
        template.parameter(
            "resourceIds", .array, "Azure Monitor resources (data collection endpoints) to add to it.", value: .null)
        template.add(
            BicepResource(
                "scope", "Microsoft.Insights/privateLinkScopes", existing: true,
                body: [.init("name", .expression("scopeName"))]))
        template.add(
            BicepResource(
                "members", "Microsoft.Insights/privateLinkScopes/scopedResources",
                loop: ("i", "length(resourceIds)"),
                body: [
                    .init("parent", .expression("scope")),
                    .init("name", .expression("last(split(resourceIds[i], '/'))")),
                    .init("properties", .object(["linkedResourceId": .expression("resourceIds[i]")])),
                ]))
        return template
    }
}

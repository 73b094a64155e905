import SlipwayModel

/// A template under construction for one deployment unit, with the helpers every unit shares:
/// cross-resource-group `existing` references and diagnostic settings.
struct UnitTemplate {
    var bicep = BicepTemplate()
    let context: RenderContext
    let resourceGroup: ResourceGroupModel
    /// Workspaces this template declares itself, by name → symbol.
    var localWorkspaces: [String: String] = [:]
    /// Workspaces in other resource groups already referenced, by name → symbol, and whether the
    /// `location` parameter is declared: asked for by most resources, built once.
    private var referencedWorkspaces: [String: String] = [:]
    /// VNets referenced as `existing`, by name → symbol (a cluster asks for its spoke's VNet for
    /// each subnet and each private DNS zone link).
    var referencedNetworks: [String: String] = [:]
    private var declaresLocation = false

    init(context: RenderContext, resourceGroup: ResourceGroupModel) {
        self.context = context
        self.resourceGroup = resourceGroup
    }

    var location: Value {
        mutating get {
            if declaresLocation { return .expression("location") }
            declaresLocation = true
            return bicep.parameter(
                "location", .string, "The Azure region of every resource in this template.",
                value: .string(context.environment.location))
        }
    }

    var tags: Value {
        .sortedObject(context.environment.tags.mapValues { .string($0) })
    }

    /// Common leading fields of a new resource: name, location and tags.
    mutating func head(name: Value, located: Bool = true) -> [Value.Field] {
        var fields: [Value.Field] = [.init("name", name)]
        if located { fields.append(.init("location", location)) }
        if !context.environment.tags.isEmpty { fields.append(.init("tags", tags)) }
        return fields
    }

    /// The scope field for a resource living in `group`, or nothing when it is this template's group.
    func scopeField(_ group: ResourceGroupModel) -> [Value.Field] {
        group == resourceGroup ? [] : [.init("scope", RenderContext.scope(group))]
    }

    /// Declares (once) an `existing` resource in another or the same resource group and returns its symbol.
    mutating func existing(_ symbol: String, _ type: String, name: Value, in group: ResourceGroupModel) -> String {
        bicep.add(BicepResource(symbol, type, existing: true, body: [.init("name", name)] + scopeField(group)))
        return symbol
    }

    /// The symbol of a workspace by name, declaring an `existing` reference when it lives elsewhere.
    mutating func workspace(_ name: String) -> String? {
        if let local = localWorkspaces[name] { return local }
        if let referenced = referencedWorkspaces[name] { return referenced }
        guard let group = context.resourceGroup(ofWorkspace: name) else { return nil }
        let parameter = bicep.parameter(
            workspaceParameter(name, "name"), .string, "The Log Analytics workspace '\(name)'.",
            value: .string(name))
        let reference = existing(
            symbol(name, "workspace"), "Microsoft.OperationalInsights/workspaces", name: parameter, in: group)
        referencedWorkspaces[name] = reference
        return reference
    }

    /// A diagnostic setting named `default` on `target`, sending `logs` (and `AllMetrics` when
    /// `metrics`) to `workspaceName`. Loops follow the target's loop.
    mutating func diagnostics(
        on target: String, logs: [String], metrics: Bool, to workspaceName: String?,
        loop: (variable: String, count: String)? = nil, workspaceSymbol: String? = nil
    ) {
        guard let workspace = workspaceSymbol ?? workspaceName.flatMap({ workspace($0) }) else { return }
        var properties: [Value.Field] = [.init("workspaceId", .expression("\(workspace).id"))]
        if !logs.isEmpty {
            properties.append(
                .init("logs", .array(logs.map { .object(["category": .string($0), "enabled": true]) })))
        }
        if metrics {
            properties.append(.init("metrics", .array([.object(["category": "AllMetrics", "enabled": true])])))
        }
        let scope = loop.map { "\(target)[\($0.variable)]" } ?? target
        bicep.add(
            BicepResource(
                "\(target)Diagnostics", "Microsoft.Insights/diagnosticSettings", loop: loop,
                body: [
                    .init("name", "default"), .init("scope", .expression(scope)),
                    .init("properties", .object(properties)),
                ]))
    }

    /// Applies the typed property overrides to the body of `symbol`.
    mutating func apply(_ overrides: [PropertyOverride], to symbol: String) {
        guard !overrides.isEmpty else { return }
        var unapplied: [String] = []
        bicep.modifyResource(symbol) { resource in
            var body = Value.object(resource.body)
            for override in overrides {
                // PRP003 refused every path that is malformed or selects no rendered item.
                guard let path = PropertyPath(override.path),
                    let changed = body.setting(override.value, at: path.segments[...])
                else {
                    unapplied.append(override.path)
                    continue
                }
                body = changed
            }
            if case .object(let fields) = body { resource.body = fields }
        }
        for path in unapplied {
            bicep.report(
                .init(
                    kind: .unappliedOverride, symbol: symbol,
                    message: ".property(\"\(path)\", …) selects an item this resource does not have"))
        }
    }

    /// Adds the raw resources the environment places in `unit`.
    mutating func addRawResources(for unit: UnitSelector) {
        for raw in context.environment.rawResources where raw.unit == unit {
            var fields: [Value.Field] = [.init("name", .string(raw.name))]
            if case .object(let body) = raw.body { fields += body.filter { $0.key != "name" } }
            bicep.add(BicepResource(raw.symbol, type: raw.type, apiVersion: raw.apiVersion, body: fields))
        }
    }

    /// A workspace parameter: `workspaceName` (`workspaceRetentionDays`, …) when the environment
    /// has one workspace, else qualified by the workspace's name (`laHubWorkspaceName`).
    func workspaceParameter(_ workspace: String, _ parts: String...) -> String {
        let declared = context.environment.workspaces.count + context.environment.workspaceReferences.count
        let qualifier = declared == 1 ? "workspace" : workspace + "-workspace"
        return symbol(([qualifier] + parts).joined(separator: "-"))
    }

    /// Declares workspaces placed in `unit`, each with its own diagnostic setting.
    mutating func addWorkspaces(for unit: UnitSelector, diagnosticsTo defaultTarget: String?) {
        for workspace in context.environment.workspaces where workspace.unit == unit {
            let name = bicep.parameter(
                workspaceParameter(workspace.name, "name"), .string,
                "The Log Analytics workspace '\(workspace.name)'.",
                value: .string(workspace.name))
            let retention = bicep.parameter(
                workspaceParameter(workspace.name, "retention", "days"), .int,
                "Days the workspace '\(workspace.name)' keeps data.", value: .int(workspace.retentionDays))
            let cap = bicep.parameter(
                workspaceParameter(workspace.name, "daily", "cap", "gb"), .int,
                "Daily ingestion cap of '\(workspace.name)' in GB (-1: none).", value: .int(workspace.dailyCapGB))
            let workspaceSymbol = symbol(workspace.name, "workspace")
            localWorkspaces[workspace.name] = workspaceSymbol
            bicep.add(
                BicepResource(
                    workspaceSymbol, "Microsoft.OperationalInsights/workspaces",
                    body: head(name: name) + [
                        .init(
                            "properties",
                            .object([
                                "sku": .object(["name": .string(workspace.sku.rawValue)]),
                                "retentionInDays": retention,
                                "features": .object([
                                    "disableLocalAuth": true, "enableLogAccessUsingOnlyResourcePermissions": true,
                                ]),
                                "workspaceCapping": .object(["dailyQuotaGb": cap]),
                                // Through the environment's private link scope only, when asked.
                                "publicNetworkAccessForIngestion":
                                    workspace.privateIngestionEndpoint == nil ? "Enabled" : "Disabled",
                                "publicNetworkAccessForQuery": "Enabled",
                            ]))
                    ]))
            apply(workspace.overrides, to: workspaceSymbol)
        }
        for workspace in context.environment.workspaces where workspace.unit == unit {
            let workspaceSymbol = symbol(workspace.name, "workspace")
            for table in workspace.basicPlanTables {
                bicep.add(
                    BicepResource(
                        symbol(workspace.name, table, "table"), "Microsoft.OperationalInsights/workspaces/tables",
                        body: [
                            .init("parent", .expression(workspaceSymbol)),
                            .init("name", .string(table)),
                            .init(
                                "properties",
                                .object([
                                    "plan": "Basic", "totalRetentionInDays": .int(workspace.retentionDays),
                                    "schema": .object(["name": .string(table)]),
                                ])),
                        ]))
            }
            if workspace.dailyCapAlert {
                bicep.add(
                    BicepResource(
                        symbol(workspace.name, "daily", "cap", "alert"), "Microsoft.Insights/scheduledQueryRules",
                        body: head(name: .expression("'${\(workspaceSymbol).name}-daily-cap-reached'")) + [
                            .init(
                                "properties",
                                .object([
                                    "description":
                                        "The workspace reached its daily data cap; ingestion stops until the next day.",
                                    "severity": 1,
                                    "enabled": true,
                                    "scopes": .array([.expression("\(workspaceSymbol).id")]),
                                    "evaluationFrequency": "PT5M",
                                    "windowSize": "PT5M",
                                    "criteria": .object([
                                        "allOf": .array([
                                            .object([
                                                "query":
                                                    "_LogOperation | where Operation == \"Data collection Status\" | where Detail contains \"OverQuota\"",
                                                "timeAggregation": "Count",
                                                "operator": "GreaterThan",
                                                "threshold": 0,
                                                "failingPeriods": .object([
                                                    "numberOfEvaluationPeriods": 1, "minFailingPeriodsToAlert": 1,
                                                ]),
                                            ])
                                        ])
                                    ]),
                                    "autoMitigate": true,
                                    "actions": .object(["actionGroups": []]),
                                ]))
                        ]))
            }
            diagnostics(
                on: symbol(workspace.name, "workspace"), logs: ["Audit", "SummaryLogs"], metrics: true,
                to: defaultTarget ?? workspace.name)
        }
    }
}

extension UnitTemplate {
    /// Renders what `build` declares into `modules/<file>` and calls it from this template, in this
    /// template's resource group, as the reference splits a long stamp (`modules/alerts.bicep`,
    /// `modules/policies.bicep`). Each parameter the module declares gets the value `arguments`
    /// gives, else this template's symbol of the same name (`location`, `clusterName`,
    /// `workspaceName`, …); a name this template lacks is refused by the undeclared-name guard.
    mutating func addModule(
        _ symbol: String, file: String, deploymentName: Value, arguments: [String: Value] = [:],
        dependsOn: [String] = [], build: (inout UnitTemplate) -> Void
    ) {
        var module = UnitTemplate(context: context, resourceGroup: resourceGroup)
        build(&module)
        let parameters = module.bicep.parameters.map { parameter in
            Value.Field(parameter.name, arguments[parameter.name] ?? .expression(parameter.name))
        }
        bicep.add(
            BicepModule(
                symbol, path: "modules/\(file)", name: deploymentName, scope: RenderContext.scope(resourceGroup),
                parameters: parameters, dependsOn: dependsOn),
            template: module.bicep)
    }
}

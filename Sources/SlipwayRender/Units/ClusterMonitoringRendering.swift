import SlipwayModel

/// Container Insights and managed Prometheus data collection, Event Grid, and the alert presets.
enum ClusterMonitoringRendering {
    static let containerInsightsStreams = [
        "Microsoft-ContainerLogV2", "Microsoft-KubeEvents", "Microsoft-KubePodInventory", "Microsoft-KubeNodeInventory",
        "Microsoft-KubePVInventory", "Microsoft-KubeServices", "Microsoft-KubeMonAgentEvents",
        "Microsoft-InsightsMetrics",
        "Microsoft-ContainerInventory", "Microsoft-ContainerNodeInventory", "Microsoft-Perf",
    ]
    static let syslogFacilities = [
        "auth", "authpriv", "cron", "daemon", "mark", "kern", "local0", "local1", "local2", "local3", "local4",
        "local5", "local6", "local7", "lpr", "mail", "news", "syslog", "user", "uucp",
    ]

    static func association(_ symbolName: String, name: Value, rule: String) -> BicepResource {
        association(
            symbolName, name: name, key: "dataCollectionRuleId", target: rule,
            description: "Associates the data collection rule with the cluster.")
    }

    /// An association of the cluster with a rule or, as `configurationAccessEndpoint`, an endpoint.
    static func association(_ symbolName: String, name: Value, key: String, target: String, description: String)
        -> BicepResource
    {
        BicepResource(
            symbolName, "Microsoft.Insights/dataCollectionRuleAssociations",
            body: [
                .init("name", name),
                .init("scope", .expression("cluster")),
                .init(
                    "properties",
                    .object([key: .expression("\(target).id"), "description": .string(description)])),
            ])
    }

    /// The Container Insights data collection rule, its diagnostics and its association.
    static func containerInsights(
        workspace: String, clusterName: Value, throughPrivateLink: Bool, unit: inout UnitTemplate
    ) {
        let location = unit.location
        let streams = Value.array(containerInsightsStreams.map { .string($0) })
        if throughPrivateLink {
            // Azure Monitor's private link for Container Insights: the agent fetches its
            // configuration from a data collection endpoint associated with the cluster as
            // `configurationAccessEndpoint`, and sends through it; the endpoint joins the scope.
            unit.bicep.add(
                BicepResource(
                    "containerInsightsEndpoint", "Microsoft.Insights/dataCollectionEndpoints",
                    body: unit.head(
                        name: .expression(
                            "take('MSCI-${\(location.expressionText)}-${\(clusterName.expressionText)}', 44)"))
                        + [
                            .init("kind", "Linux"),
                            .init("properties", .object(["networkAcls": .object(["publicNetworkAccess": "Disabled"])])),
                        ]))
            unit.bicep.add(
                association(
                    "containerInsightsEndpointAssociation", name: "configurationAccessEndpoint",
                    key: "dataCollectionEndpointId", target: "containerInsightsEndpoint",
                    description: "The cluster's agents reach Azure Monitor through this endpoint."))
        }
        unit.bicep.add(
            BicepResource(
                "containerInsightsRule", "Microsoft.Insights/dataCollectionRules",
                body: unit.head(
                    name: .expression("'MSCI-${\(location.expressionText)}-${\(clusterName.expressionText)}'"))
                    + [
                        .init("kind", "Linux"),
                        .init(
                            "properties",
                            .object([
                                "dataSources": .object([
                                    "syslog": .array([
                                        .object([
                                            "streams": ["Microsoft-Syslog"],
                                            "facilityNames": .array(syslogFacilities.map { .string($0) }),
                                            "logLevels": ["Info"],
                                            "name": "sysLogsDataSource",
                                        ])
                                    ]),
                                    "extensions": .array([
                                        .object([
                                            "name": "ContainerInsightsExtension",
                                            "streams": streams,
                                            "extensionName": "ContainerInsights",
                                            "extensionSettings": .object([
                                                "dataCollectionSettings": .object([
                                                    "interval": "1m",
                                                    "namespaceFilteringMode": "Exclude",
                                                    "namespaces": ["kube-system", "gatekeeper-system"],
                                                    "enableContainerLogV2": true,
                                                ])
                                            ]),
                                        ])
                                    ]),
                                ]),
                                "destinations": .object([
                                    "logAnalytics": .array([
                                        .object([
                                            "workspaceResourceId": .expression("\(workspace).id"),
                                            "name": "containerInsightsWorkspace",
                                        ])
                                    ])
                                ]),
                                "dataFlows": .array([
                                    .object([
                                        "streams": .array([.string("Microsoft-Syslog")] + (streams.arrayItems ?? [])),
                                        "destinations": ["containerInsightsWorkspace"],
                                    ])
                                ]),
                            ])),
                    ]))
        if throughPrivateLink {
            unit.bicep.modifyResource("containerInsightsRule") { rule in
                guard let index = rule.body.firstIndex(where: { $0.key == "properties" }) else { return }
                rule.body[index].value = rule.body[index].value.setting(
                    .expression("containerInsightsEndpoint.id"), at: ["dataCollectionEndpointId"])
            }
        }
        unit.diagnostics(
            on: "containerInsightsRule", logs: ["LogErrors"], metrics: false, to: nil, workspaceSymbol: workspace)
        unit.bicep.add(
            association(
                "containerInsightsAssociation", name: "ContainerInsightsExtension", rule: "containerInsightsRule"))
    }

    /// Managed Prometheus: the Azure Monitor workspace, endpoint, rule and association.
    static func managedPrometheus(clusterName: Value, workspace: String?, unit: inout UnitTemplate) {
        let location = unit.location
        let prefix = "'MSProm-${\(location.expressionText)}-${\(clusterName.expressionText)}'"
        unit.bicep.add(
            BicepResource(
                "monitorWorkspace", "Microsoft.Monitor/accounts",
                body: unit.head(name: monitorWorkspaceName(clusterName)) + [
                    .init("properties", .object(["publicNetworkAccess": "Enabled"]))
                ]))
        unit.bicep.add(
            BicepResource(
                "prometheusEndpoint", "Microsoft.Insights/dataCollectionEndpoints",
                body: unit.head(name: .expression(prefix)) + [
                    .init("kind", "Linux"),
                    .init("properties", .object(["networkAcls": .object(["publicNetworkAccess": "Enabled"])])),
                ]))
        unit.bicep.add(
            BicepResource(
                "prometheusRule", "Microsoft.Insights/dataCollectionRules",
                body: unit.head(name: .expression(prefix)) + [
                    .init("kind", "Linux"),
                    .init(
                        "properties",
                        .object([
                            "dataCollectionEndpointId": .expression("prometheusEndpoint.id"),
                            "dataSources": .object([
                                "prometheusForwarder": .array([
                                    .object([
                                        "name": "PrometheusDataSource",
                                        "streams": ["Microsoft-PrometheusMetrics"],
                                        "labelIncludeFilter": .object([Value.Field]()),
                                    ])
                                ])
                            ]),
                            "destinations": .object([
                                "monitoringAccounts": .array([
                                    .object([
                                        "accountResourceId": .expression("monitorWorkspace.id"),
                                        "name": "monitorWorkspace",
                                    ])
                                ])
                            ]),
                            "dataFlows": .array([
                                .object([
                                    "streams": ["Microsoft-PrometheusMetrics"],
                                    "destinations": ["monitorWorkspace"],
                                ])
                            ]),
                        ])),
                ]))
        if let workspace {
            unit.diagnostics(
                on: "prometheusRule", logs: ["LogErrors"], metrics: false, to: nil, workspaceSymbol: workspace)
        }
        unit.bicep.add(association("prometheusAssociation", name: .expression(prefix), rule: "prometheusRule"))
    }

    /// Azure Managed Grafana on the managed Prometheus workspace: Monitoring Data Reader on the
    /// workspace for Grafana's identity, Grafana Admin for the admin groups.
    static func managedGrafana(_ grafana: ManagedGrafanaModel, workspace: String?, unit: inout UnitTemplate) {
        let name = unit.bicep.parameter(
            "grafanaName", .string, "The Azure Managed Grafana workspace.", value: .string(grafana.name))
        let admins = unit.bicep.parameter(
            "grafanaAdminGroupObjectIds", .array, "Entra groups granted Grafana Admin.",
            value: .array(grafana.adminGroupObjectIDs.map { .string($0) }))
        unit.bicep.add(
            BicepResource(
                "grafana", "Microsoft.Dashboard/grafana",
                body: unit.head(name: name) + [
                    .init("sku", .object(["name": "Standard"])),
                    .init("identity", .object(["type": "SystemAssigned"])),
                    .init(
                        "properties",
                        .object([
                            // Entra sign-in only: no API keys, no service-account tokens minted by keys.
                            "apiKey": "Disabled",
                            "deterministicOutboundIP": "Disabled",
                            // Grafana's major version moves only when this pin does.
                            "grafanaMajorVersion": "11",
                            // Dashboards are opened from browsers outside the VNets; sign-in is
                            // Entra ID with the roles below (README, deliberate differences).
                            "publicNetworkAccess": "Enabled",
                            "zoneRedundancy": "Enabled",
                            "grafanaIntegrations": .object([
                                "azureMonitorWorkspaceIntegrations": .array([
                                    .object(["azureMonitorWorkspaceResourceId": .expression("monitorWorkspace.id")])
                                ])
                            ]),
                        ])),
                ]))
        unit.diagnostics(on: "grafana", logs: ["GrafanaLoginEvents"], metrics: true, to: workspace)
        unit.bicep.add(
            ModuleTemplates.roleAssignment(
                "grafanaMonitoringDataReader", scope: "monitorWorkspace", role: BuiltInRole.monitoringDataReader,
                for: .systemIdentity("grafana")))
        var adminAssignments = ModuleTemplates.roleAssignment(
            "grafanaAdmins", scope: "grafana", role: BuiltInRole.grafanaAdmin,
            for: .group("\(admins.expressionText)[i]"))
        adminAssignments.loop = ("i", "length(\(admins.expressionText))")
        unit.bicep.add(adminAssignments)
    }

    /// The Event Grid system topic for the cluster's events.
    static func systemTopic(clusterName: Value, workspace: String?, unit: inout UnitTemplate) {
        unit.bicep.add(
            BicepResource(
                "clusterEvents", "Microsoft.EventGrid/systemTopics",
                body: unit.head(name: clusterName) + [
                    .init(
                        "properties",
                        .object([
                            "source": .expression("cluster.id"),
                            "topicType": "Microsoft.ContainerService.ManagedClusters",
                        ]))
                ]))
        unit.diagnostics(on: "clusterEvents", logs: ["DeliveryFailures"], metrics: true, to: workspace)
    }

    /// A saved query pack for operators, next to Container Insights.
    static func queryPack(unit: inout UnitTemplate) {
        unit.bicep.add(
            BicepResource(
                "queryPack", "Microsoft.OperationalInsights/queryPacks",
                body: unit.head(name: "AKS baseline bundled queries") + [.init("properties", .object([Value.Field]()))])
        )
        unit.bicep.add(
            BicepResource(
                "prometheusQuery", "Microsoft.OperationalInsights/queryPacks/queries",
                body: [
                    .init("parent", .expression("queryPack")),
                    .init("name", .expression("guid(resourceGroup().id, 'PrometheusAll')")),
                    .init(
                        "properties",
                        .object([
                            "displayName": "All collected Prometheus information",
                            "description": "The Prometheus data collected by Container Insights.",
                            "body": "InsightsMetrics | where Namespace == \"prometheus\"",
                            "related": .object([
                                "categories": ["container"],
                                "resourceTypes": ["microsoft.containerservice/managedclusters"],
                            ]),
                            "tags": .object(["labels": ["Kubernetes"]]),
                        ])),
                ]))
    }

    /// Prometheus rule groups, the failed-pods query and the Advisor activity log alert.
    /// The Azure Monitor workspace's name: `amw-<cluster>`.
    static func monitorWorkspaceName(_ clusterName: Value) -> Value {
        .expression("'amw-${\(clusterName.expressionText)}'")
    }

    static func alerts(_ preset: AlertPresetModel, clusterName: Value, workspace: String?, unit: inout UnitTemplate) {
        if unit.bicep.hasResource("monitorWorkspace") {
            for group in preset.prometheusRuleGroups where !group.rules.isEmpty {
                unit.bicep.add(
                    BicepResource(
                        symbol("alerts", group.name), "Microsoft.AlertsManagement/prometheusRuleGroups",
                        body: unit.head(name: .expression("'${\(clusterName.expressionText)}-\(group.name)-alerts'"))
                            + [
                                .init(
                                    "properties",
                                    .object([
                                        "description": .string("Recommended \(group.name) alerts"),
                                        "scopes": .array([
                                            .expression("monitorWorkspace.id"), .expression("cluster.id"),
                                        ]),
                                        "clusterName": clusterName,
                                        "enabled": true,
                                        "interval": "PT1M",
                                        "rules": .array(
                                            group.rules.map { rule in
                                                .object([
                                                    "alert": .string(rule.alert),
                                                    "expression": .string(rule.expression),
                                                    "for": .string(rule.duration),
                                                    "severity": .int(rule.severity),
                                                    "labels": .object(["severity": "warning"]),
                                                    "annotations": .object(["summary": .string(rule.summary)]),
                                                    "enabled": true,
                                                    "resolveConfiguration": .object([
                                                        "autoResolved": true, "timeToResolve": "PT10M",
                                                    ]),
                                                ])
                                            }),
                                    ]))
                            ]))
            }
        }
        if preset.podFailedQuery, let workspace {
            unit.bicep.add(
                BicepResource(
                    "podFailedAlert", "Microsoft.Insights/scheduledQueryRules",
                    body: unit.head(name: .expression("'PodFailedScheduledQuery-${\(clusterName.expressionText)}'")) + [
                        .init(
                            "properties",
                            .object([
                                "description": "Pods of the cluster are failing.",
                                "severity": 3,
                                "enabled": true,
                                "scopes": .array([.expression("\(workspace).id")]),
                                "evaluationFrequency": "PT5M",
                                "windowSize": "PT10M",
                                "criteria": .object([
                                    "allOf": .array([
                                        .object([
                                            "query": .expression(
                                                "'KubePodInventory | where ClusterId =~ \\'${cluster.id}\\' | where PodStatus == \\'Failed\\' | summarize FailedCount = count() by bin(TimeGenerated, 1m)'"
                                            ),
                                            "timeAggregation": "Average",
                                            "metricMeasureColumn": "FailedCount",
                                            "operator": "GreaterThan",
                                            "threshold": 3,
                                            "failingPeriods": .object([
                                                "numberOfEvaluationPeriods": 2, "minFailingPeriodsToAlert": 2,
                                            ]),
                                        ])
                                    ])
                                ]),
                                "autoMitigate": true,
                                "actions": .object(["actionGroups": []]),
                            ]))
                    ]))
        }
        if preset.advisorRecommendations {
            unit.bicep.add(
                BicepResource(
                    "advisorAlert", "Microsoft.Insights/activityLogAlerts",
                    body: [
                        .init("name", .expression("'AllAzureAdvisorAlert-${\(clusterName.expressionText)}'")),
                        .init("location", "Global"),
                        .init(
                            "properties",
                            .object([
                                "scopes": .array([.expression("resourceGroup().id")]),
                                "condition": .object([
                                    "allOf": .array([
                                        .object(["field": "category", "equals": "Recommendation"]),
                                        .object([
                                            "field": "operationName",
                                            "equals": "Microsoft.Advisor/recommendations/available/action",
                                        ]),
                                    ])
                                ]),
                                "actions": .object(["actionGroups": []]),
                                "enabled": true,
                                "description": "Azure Advisor has a new recommendation for this resource group.",
                            ])),
                    ]))
        }
    }
}

extension Value {
    /// The items of an array value.
    var arrayItems: [Value]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

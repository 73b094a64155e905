/// Every `type@apiVersion` Slipway renders, pinned in one table. GA versions only, except where the
/// reason column says no GA version has the needed shape. Changing a row is a reviewable diff of
/// every generated template.
public enum APIVersions {
    public struct Entry: Sendable {
        public let type: String
        public let version: String
        /// Why a preview version is used; nil for GA versions.
        public let previewReason: String?
    }

    static let network = "2024-05-01"

    public static let table: [Entry] = [
        Entry(type: "Microsoft.AlertsManagement/prometheusRuleGroups", version: "2023-03-01", previewReason: nil),
        Entry(type: "Microsoft.Authorization/policyAssignments", version: "2025-03-01", previewReason: nil),
        Entry(type: "Microsoft.Authorization/policyDefinitions", version: "2025-03-01", previewReason: nil),
        Entry(type: "Microsoft.Authorization/roleAssignments", version: "2022-04-01", previewReason: nil),
        Entry(type: "Microsoft.Authorization/roleDefinitions", version: "2022-04-01", previewReason: nil),
        Entry(type: "Microsoft.ContainerRegistry/registries", version: "2025-04-01", previewReason: nil),
        Entry(type: "Microsoft.ContainerRegistry/registries/replications", version: "2025-04-01", previewReason: nil),
        // 2025-10-01 is GA and has API server VNet integration. Preview-only properties of the
        // baseline's 2024-03-02-preview (enablePodSecurityPolicy, securityProfile.nodeRestriction)
        // are dropped.
        Entry(type: "Microsoft.ContainerService/managedClusters", version: "2025-10-01", previewReason: nil),
        Entry(
            type: "Microsoft.ContainerService/managedClusters/maintenanceConfigurations", version: "2025-10-01",
            previewReason: nil),
        Entry(
            type: "Microsoft.ContainerService/managedClusters/namespaces", version: "2025-02-02-preview",
            previewReason:
                "only as an `existing` scope for namespace-level Azure RBAC role assignments; no GA version of the type exists and nothing is created"
        ),
        Entry(type: "Microsoft.EventGrid/systemTopics", version: "2025-02-15", previewReason: nil),
        Entry(type: "Microsoft.Insights/activityLogAlerts", version: "2020-10-01", previewReason: nil),
        Entry(type: "Microsoft.Insights/dataCollectionEndpoints", version: "2023-03-11", previewReason: nil),
        Entry(type: "Microsoft.Insights/dataCollectionRuleAssociations", version: "2023-03-11", previewReason: nil),
        Entry(type: "Microsoft.Insights/dataCollectionRules", version: "2023-03-11", previewReason: nil),
        Entry(
            type: "Microsoft.Insights/diagnosticSettings", version: "2021-05-01-preview",
            previewReason:
                "the GA versions (2016-09-01, 2015-07-01) only have the legacy `service` shape; workspaceId with category logs needs 2021-05-01-preview"
        ),
        Entry(type: "Microsoft.Insights/scheduledQueryRules", version: "2023-12-01", previewReason: nil),
        Entry(type: "Microsoft.KeyVault/vaults", version: "2024-11-01", previewReason: nil),
        Entry(type: "Microsoft.KeyVault/vaults/secrets", version: "2024-11-01", previewReason: nil),
        Entry(type: "Microsoft.KubernetesConfiguration/extensions", version: "2024-11-01", previewReason: nil),
        Entry(type: "Microsoft.KubernetesConfiguration/fluxConfigurations", version: "2024-11-01", previewReason: nil),
        Entry(type: "Microsoft.ManagedIdentity/userAssignedIdentities", version: "2023-01-31", previewReason: nil),
        Entry(
            type: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
            version: "2023-01-31",
            previewReason: nil),
        Entry(type: "Microsoft.Monitor/accounts", version: "2023-04-03", previewReason: nil),
        Entry(
            type: "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", version: network,
            previewReason: nil),
        Entry(type: "Microsoft.Network/applicationGateways", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/azureFirewalls", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/bastionHosts", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/firewallPolicies", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/firewallPolicies/ruleCollectionGroups", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/ipGroups", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/networkSecurityGroups", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/privateDnsZones", version: "2024-06-01", previewReason: nil),
        Entry(type: "Microsoft.Network/privateDnsZones/A", version: "2024-06-01", previewReason: nil),
        Entry(type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", version: "2024-06-01", previewReason: nil),
        Entry(type: "Microsoft.Network/privateEndpoints", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/publicIPAddresses", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/routeTables", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/virtualNetworks", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/virtualNetworks/subnets", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", version: network, previewReason: nil),
        Entry(type: "Microsoft.OperationalInsights/queryPacks", version: "2025-02-01", previewReason: nil),
        Entry(type: "Microsoft.OperationalInsights/queryPacks/queries", version: "2025-02-01", previewReason: nil),
        Entry(type: "Microsoft.OperationalInsights/workspaces", version: "2023-09-01", previewReason: nil),
        Entry(type: "Microsoft.OperationalInsights/workspaces/tables", version: "2023-09-01", previewReason: nil),
    ]

    /// The pinned version of `type`. A type missing from the table renders as `unpinned`, which
    /// conformance rejects and the API-version test catches.
    public static func version(of type: String) -> String {
        table.first { $0.type == type }?.version ?? "unpinned"
    }
}

/// Built-in Azure role definition IDs used by the renderers.
enum BuiltInRole {
    static let acrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
    static let aksRBACReader = "7f6c6a51-bcf8-42ba-9220-52d62157d7db"
    static let keyVaultReader = "21090545-7ca7-4776-b22c-e363652d74d2"
    static let keyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6"
    static let privateDNSZoneContributor = "b12aa53e-6015-4669-85d0-8515ebb3ae7f"
    static let virtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"
    static let networkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7"
    static let aksRBACClusterAdmin = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"
    static let aksClusterUser = "4abbcc35-e782-43d8-92c5-2d3f1bd2253f"
}

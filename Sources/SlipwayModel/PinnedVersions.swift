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
        Entry(type: "Microsoft.ContainerService/managedClusters/agentPools", version: "2025-10-01", previewReason: nil),
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
        Entry(type: "Microsoft.Dashboard/grafana", version: "2024-10-01", previewReason: nil),
        Entry(type: "Microsoft.Insights/privateLinkScopes", version: "2021-09-01", previewReason: nil),
        Entry(type: "Microsoft.Insights/privateLinkScopes/scopedResources", version: "2021-09-01", previewReason: nil),
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
        Entry(type: "Microsoft.Network/natGateways", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/networkSecurityGroups", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/privateDnsZones", version: "2024-06-01", previewReason: nil),
        Entry(type: "Microsoft.Network/privateDnsZones/A", version: "2024-06-01", previewReason: nil),
        Entry(type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", version: "2024-06-01", previewReason: nil),
        Entry(type: "Microsoft.Network/privateEndpoints", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/publicIPAddresses", version: network, previewReason: nil),
        Entry(type: "Microsoft.Network/publicIPPrefixes", version: network, previewReason: nil),
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
        versions[type] ?? "unpinned"
    }

    /// The table by type: every rendered resource looks its version up.
    private static let versions = Dictionary(
        table.map { ($0.type, $0.version) }, uniquingKeysWith: { first, _ in first })
}

/// The Kubernetes minor versions AKS supports, pinned next to the API versions. A cluster on another
/// minor gets warning AKS002. Review this table with the API versions.
public enum SupportedKubernetesVersions {
    public static let minors: [String] = ["1.32", "1.33", "1.34", "1.35"]
}

/// The Rancher Fleet release `deploy.sh` installs (the `fleet-crd`, `fleet` and `fleet-agent`
/// charts share its version), pinned so a deploy is reproducible. The conformance kit validates the
/// rendered Fleet objects against this release's CRDs; review it with the API versions.
public enum FleetRelease {
    public static let chartVersion = "0.16.1"
}

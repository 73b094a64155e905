/// The environment's Azure Monitor Private Link Scope, which exists when a workspace accepts data
/// only through it. One scope per environment: Azure Monitor's private DNS records are global
/// names, so every network that shares DNS should share one scope.
public struct MonitorPrivateLink: Hashable, Sendable {
    /// `ampls-<environment>`.
    public var name: String
    /// The workspaces in the scope, by name.
    public var workspaces: [String]
    /// The subnet of the scope's private endpoint (the first workspace's, by name).
    public var endpoint: SubnetReference

    /// The `privatelink` zones an Azure Monitor private endpoint registers in, with the zone
    /// group's configuration names (Azure Monitor's private link DNS documentation).
    public static let zones = [
        "privatelink.monitor.azure.com", "privatelink.oms.opinsights.azure.com",
        "privatelink.ods.opinsights.azure.com", "privatelink.agentsvc.azure-automation.net",
        "privatelink.blob.core.windows.net",
    ]
}

extension EnvironmentModel {
    /// The scope, when some workspace of the environment disables public ingestion.
    public var monitorPrivateLink: MonitorPrivateLink? {
        let scoped = workspaces.filter { $0.privateIngestionEndpoint != nil }.sorted { $0.name < $1.name }
        guard let first = scoped.first, let endpoint = first.privateIngestionEndpoint else { return nil }
        return MonitorPrivateLink(name: "ampls-\(name)", workspaces: scoped.map(\.name), endpoint: endpoint)
    }

    /// Whether `workspace` (by name) accepts data only through the environment's scope.
    public func ingestsPrivately(_ workspace: String) -> Bool {
        self.workspace(named: workspace)?.privateIngestionEndpoint != nil
    }

    /// The scope a cluster's Container Insights data goes through: its workspace's, when that
    /// workspace accepts data only privately.
    public func monitorPrivateLink(of cluster: ClusterModel) -> MonitorPrivateLink? {
        guard let workspace = cluster.monitoringWorkspace, ingestsPrivately(workspace) else { return nil }
        return monitorPrivateLink
    }
}

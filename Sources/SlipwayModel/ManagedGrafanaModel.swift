/// Azure Managed Grafana reading a cluster's managed Prometheus metrics from its Azure Monitor
/// workspace, administered by Entra groups.
public struct ManagedGrafanaModel: Codable, Hashable, Sendable {
    /// The workspace name (2–23 letters, digits and hyphens; globally unique as `<name>.<region>.grafana.azure.com`).
    public var name: String
    /// Entra group object IDs that get Grafana Admin on the workspace.
    public var adminGroupObjectIDs: [String]
    public var site: SourceLocation

    public init(name: String, adminGroupObjectIDs: [String], site: SourceLocation) {
        self.name = name
        self.adminGroupObjectIDs = adminGroupObjectIDs
        self.site = site
    }
}

package import SlipwayModel

/// A Log Analytics workspace that receives diagnostics. It is deployed in the registry stamp
/// unless it is placed in the hub with `in: .hub`.
public struct LogAnalyticsWorkspace: Modifiable, SiteRecording, ModelBacked, PropertyOverridable {
    var model: WorkspaceModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// Where a workspace is deployed.
    public enum Placement: Sendable {
        /// In the hub's resource group, with the hub template.
        case hub
        /// In the registry stamp's resource group (the default).
        case registryStamp
    }

    /// Declares the workspace `name` (PerGB2018, 30 days, no daily cap).
    public init(
        _ name: String, in placement: Placement = .registryStamp, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        model = WorkspaceModel(
            name: name, sku: .perGB2018, retentionDays: 30, dailyCapGB: -1,
            unit: placement == .hub ? .hub : .registry, site: .site(fileID, filePath, line, column))
    }

    /// How many days data is kept.
    public func retention(days: Int) -> LogAnalyticsWorkspace { with { $0.model.retentionDays = days } }

    /// The daily ingestion cap in GB.
    public func dailyCap(gb: Int) -> LogAnalyticsWorkspace { with { $0.model.dailyCapGB = gb } }

    /// Moves these tables to the Basic plan (cheaper ingestion), as the baseline does for
    /// `ContainerLogV2`.
    public func basicPlan(tables: [String]) -> LogAnalyticsWorkspace {
        with { $0.model.basicPlanTables += tables }
    }

    /// Adds a scheduled query alert that fires when the workspace reaches its daily cap.
    public func alertOnDailyCap() -> LogAnalyticsWorkspace { with { $0.model.dailyCapAlert = true } }

    /// The pricing SKU (`.perGB2018` unless set).
    public func sku(_ sku: WorkspaceSKU) -> LogAnalyticsWorkspace { with { $0.model.sku = sku } }

    /// Accepts data only through the environment's Azure Monitor Private Link Scope
    /// (`publicNetworkAccessForIngestion: Disabled`; queries stay open for the portal). The
    /// registry stamp renders the scope `ampls-<environment>` with this workspace, its private
    /// endpoint in `subnet` and the five `privatelink` zones Azure Monitor uses, linked to every
    /// spoke; clusters sending Container Insights data to the workspace get a data collection
    /// endpoint in the scope (rule NET018).
    public func privateIngestion(
        endpointIn subnet: SubnetRef, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> LogAnalyticsWorkspace {
        recording("privateIngestion", fileID, filePath, line, column) { $0.privateIngestionEndpoint = subnet.model }
    }

}

/// A workspace another team owns, used as a diagnostics target by name and resource group.
public struct ExistingWorkspace: Sendable {
    let model: WorkspaceReferenceModel

    /// The workspace `name` in `resourceGroup`.
    public init(
        _ name: String, resourceGroup: String, subscription: String? = nil, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        model = WorkspaceReferenceModel(
            name: name, resourceGroup: ResourceGroupModel(name: resourceGroup, subscription: subscription),
            site: .site(fileID, filePath, line, column))
    }
}

/// A private DNS zone another team owns, such as a central `privatelink.azurecr.io` in a
/// connectivity subscription. Private endpoints register in it; its VNet links stay with its owner.
public struct ExistingPrivateDNSZone: Sendable {
    let model: PrivateDNSZoneReferenceModel

    /// The zone `name` in `resourceGroup`.
    public init(
        _ name: String, resourceGroup: String, subscription: String? = nil, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        model = PrivateDNSZoneReferenceModel(
            name: name, resourceGroup: ResourceGroupModel(name: resourceGroup, subscription: subscription),
            site: .site(fileID, filePath, line, column))
    }
}

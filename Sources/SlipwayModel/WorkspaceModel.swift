/// A Log Analytics workspace.
public struct WorkspaceModel: Codable, Hashable, Sendable {
    public var name: String
    public var sku: WorkspaceSKU
    public var retentionDays: Int
    /// Daily ingestion cap in GB; -1 means none.
    public var dailyCapGB: Int
    /// The unit whose template declares it (hub or registry stamp).
    public var unit: UnitSelector
    /// Tables switched to the Basic plan (cheaper ingestion, shorter query), such as `ContainerLogV2`.
    public var basicPlanTables: [String] = []
    /// Whether a scheduled query alert fires when the daily cap is reached.
    public var dailyCapAlert: Bool = false
    /// Where the Azure Monitor Private Link Scope's endpoint lives when the workspace accepts data
    /// only through it (public ingestion disabled); nil for public ingestion.
    public var privateIngestionEndpoint: SubnetReference?
    public var overrides: [PropertyOverride]
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, sku: WorkspaceSKU, retentionDays: Int, dailyCapGB: Int, unit: UnitSelector,
        overrides: [PropertyOverride] = [], site: SourceLocation
    ) {
        self.name = name
        self.sku = sku
        self.retentionDays = retentionDays
        self.dailyCapGB = dailyCapGB
        self.unit = unit
        self.overrides = overrides
        self.site = site
    }
}

/// A workspace another team owns.
public struct WorkspaceReferenceModel: Codable, Hashable, Sendable {
    public var name: String
    public var resourceGroup: ResourceGroupModel
    public var site: SourceLocation

    public init(name: String, resourceGroup: ResourceGroupModel, site: SourceLocation) {
        self.name = name
        self.resourceGroup = resourceGroup
        self.site = site
    }
}

/// A private DNS zone another team owns (often in a connectivity subscription). Slipway uses it for
/// private endpoint zone groups and leaves its VNet links to the owning team.
public struct PrivateDNSZoneReferenceModel: Codable, Hashable, Sendable {
    public var name: String
    public var resourceGroup: ResourceGroupModel
    public var site: SourceLocation

    public init(name: String, resourceGroup: ResourceGroupModel, site: SourceLocation) {
        self.name = name
        self.resourceGroup = resourceGroup
        self.site = site
    }
}

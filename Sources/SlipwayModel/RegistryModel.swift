/// An Azure Container Registry in the registry stamp.
public struct RegistryModel: Codable, Hashable, Sendable {
    public var name: String
    /// Whether the naming convention appends its deterministic `uniqueString` suffix.
    public var uniqueSuffix: Bool
    public var sku: RegistrySKU
    public var adminUserEnabled: Bool
    public var publicNetworkAccess: Bool
    public var zoneRedundant: Bool
    public var retentionDays: Int?
    public var replicaLocations: [String]
    public var privateEndpoint: SubnetReference?
    /// VNets (by name) linked to the `privatelink.azurecr.io` zone, beyond the endpoint's spoke.
    public var dnsLinkedNetworks: [String]
    public var diagnosticsWorkspace: String?
    /// Azure Policy assignments at the stamp's group that deny anonymous pull and the admin user.
    public var denyAnonymousAndAdminAccess: Bool = true
    public var overrides: [PropertyOverride]
    public var suppressions: [Suppression]
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, uniqueSuffix: Bool, sku: RegistrySKU, adminUserEnabled: Bool, publicNetworkAccess: Bool,
        zoneRedundant: Bool, retentionDays: Int?, replicaLocations: [String], privateEndpoint: SubnetReference?,
        dnsLinkedNetworks: [String], diagnosticsWorkspace: String?, overrides: [PropertyOverride] = [],
        suppressions: [Suppression] = [], site: SourceLocation
    ) {
        self.name = name
        self.uniqueSuffix = uniqueSuffix
        self.sku = sku
        self.adminUserEnabled = adminUserEnabled
        self.publicNetworkAccess = publicNetworkAccess
        self.zoneRedundant = zoneRedundant
        self.retentionDays = retentionDays
        self.replicaLocations = replicaLocations
        self.privateEndpoint = privateEndpoint
        self.dnsLinkedNetworks = dnsLinkedNetworks
        self.diagnosticsWorkspace = diagnosticsWorkspace
        self.overrides = overrides
        self.suppressions = suppressions
        self.site = site
    }
}

/// A resource the DSL does not model, carried verbatim: type, API version, name and body.
public struct RawResourceModel: Codable, Hashable, Sendable {
    public var symbol: String
    public var type: String
    public var apiVersion: String
    public var name: String
    public var body: Value
    public var unit: UnitSelector
    public var site: SourceLocation

    public init(
        symbol: String, type: String, apiVersion: String, name: String, body: Value, unit: UnitSelector,
        site: SourceLocation
    ) {
        self.symbol = symbol
        self.type = type
        self.apiVersion = apiVersion
        self.name = name
        self.body = body
        self.unit = unit
        self.site = site
    }
}

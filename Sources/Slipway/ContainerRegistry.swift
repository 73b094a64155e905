package import SlipwayModel

/// An Azure Container Registry, secure by default: Premium, admin user off, public network access
/// off with the `AzureServices` bypass, reachable through a private endpoint.
public struct ContainerRegistry: Modifiable, SiteRecording, ModelBacked, PropertyOverridable, Suppressible,
    DiagnosticsSource
{
    var model: RegistryModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// Declares a registry. `name` is a base name: the naming convention appends a deterministic
    /// `uniqueString` suffix, because registry names are global. Use ``literalName()`` to opt out.
    public init(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) {
        model = RegistryModel(
            name: name, uniqueSuffix: true, sku: .premium, adminUserEnabled: false, publicNetworkAccess: false,
            zoneRedundant: true, retentionDays: 15, replicaLocations: [], privateEndpoint: nil,
            dnsLinkedNetworks: [], diagnosticsWorkspace: nil, site: .site(fileID, filePath, line, column))
    }

    /// Places a private endpoint in a spoke subnet meant for endpoints, with the
    /// `privatelink.azurecr.io` zone, its zone group and a link to the spoke.
    public func privateEndpoint(
        in subnet: SubnetRef, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> ContainerRegistry {
        recording("privateEndpoint", fileID, filePath, line, column) { $0.privateEndpoint = subnet.model }
    }

    /// Also links the private DNS zone to these VNets (for example the hub), so they resolve the
    /// registry privately.
    public func resolvable(from networks: [String]) -> ContainerRegistry {
        with { $0.model.dnsLinkedNetworks.append(contentsOf: networks) }
    }

    /// Keeps untagged manifests for `days` days.
    public func retention(days: Int) -> ContainerRegistry { with { $0.model.retentionDays = days } }

    /// Adds a geo-replica in `region`.
    public func replica(in region: Region) -> ContainerRegistry {
        with { $0.model.replicaLocations.append(region.name) }
    }

    /// Turns zone redundancy on or off.
    public func zoneRedundant(_ enabled: Bool = true) -> ContainerRegistry {
        with { $0.model.zoneRedundant = enabled }
    }

    /// The SKU (`.premium` unless set). Private endpoints need Premium.
    public func sku(
        _ sku: RegistrySKU, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> ContainerRegistry {
        recording("sku", fileID, filePath, line, column) { $0.sku = sku }
    }

    /// Allows public network access. Off by default; turning it on next to a private endpoint is a
    /// warning.
    public func publicNetworkAccess(
        _ enabled: Bool, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> ContainerRegistry {
        recording("publicNetworkAccess", fileID, filePath, line, column) { $0.publicNetworkAccess = enabled }
    }

    /// Assigns the built-in policies that deny anonymous pull and the admin user at the registry
    /// stamp's resource group (on by default).
    public func denyAnonymousAndAdminAccess(_ enabled: Bool = true) -> ContainerRegistry {
        with { $0.model.denyAnonymousAndAdminAccess = enabled }
    }

    /// Uses `name` exactly, without the naming convention's suffix.
    public func literalName(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> ContainerRegistry {
        recording("literalName", fileID, filePath, line, column) { $0.uniqueSuffix = false }
    }

}

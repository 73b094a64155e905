package import SlipwayModel

/// A spoke virtual network for workloads, peered with a hub in both directions and routed through
/// the hub firewall. Each spoke is a deployment unit (`spoke-<name>.bicep`).
public struct SpokeNetwork: Modifiable, Sendable {
    var name: String
    var addressSpace: String
    var subnets: [Subnet]
    var hub: String?
    var ingressPublicIP: String?
    var sites: [String: SourceLocation] = [:]
    var resourceGroup: ResourceGroupModel?
    var diagnosticsWorkspace: String?
    var overrides: [PropertyOverride] = []
    var suppressions: [Suppression] = []
    var site: SourceLocation

    /// Declares the spoke VNet `name` with its address space and subnets.
    public init(
        _ name: String, addressSpace: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @SubnetBuilder subnets: () -> [Subnet]
    ) {
        self.name = name
        self.addressSpace = addressSpace
        self.subnets = subnets()
        self.site = .site(fileID, filePath, line, column)
    }

    /// Peers with a hub by VNet name. Without it, the spoke peers with the environment's only hub.
    public func peered(
        with hub: Ref<HubNetwork>, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> SpokeNetwork {
        with {
            $0.hub = hub.name
            $0.sites["peered"] = .site(fileID, filePath, line, column)
        }
    }

    /// A zone-redundant public IP for the workload's ingress, the frontend of an Application Gateway.
    public func ingressPublicIP(_ name: String) -> SpokeNetwork { with { $0.ingressPublicIP = name } }

    /// The resource group (and optionally subscription) of this spoke.
    public func resourceGroup(_ name: String, subscription: String? = nil) -> SpokeNetwork {
        with { $0.resourceGroup = ResourceGroupModel(name: name, subscription: subscription) }
    }

    /// Sends the spoke's diagnostics to `workspace` instead of the environment default.
    public func diagnostics(
        to workspace: Ref<LogAnalyticsWorkspace>, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> SpokeNetwork {
        with {
            $0.diagnosticsWorkspace = workspace.name
            $0.sites["diagnostics"] = .site(fileID, filePath, line, column)
        }
    }

    /// Sets a property of the spoke VNet resource that the DSL does not model.
    public func property(
        _ path: String, _ value: Value, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> SpokeNetwork {
        with {
            $0.overrides.append(
                PropertyOverride(path: path, value: value, site: .site(fileID, filePath, line, column)))
        }
    }

    /// Silences a warning on this spoke, with the reason a reviewer will read.
    public func suppress(_ code: String, because reason: String) -> SpokeNetwork {
        with { $0.suppressions.append(Suppression(code: code, reason: reason)) }
    }

    func model(defaultResourceGroup: ResourceGroupModel) -> SpokeModel {
        var model = SpokeModel(
            name: name, addressSpace: addressSpace, subnets: subnets.map(\.model), hub: hub,
            resourceGroup: resourceGroup ?? defaultResourceGroup,
            diagnosticsWorkspace: diagnosticsWorkspace, overrides: overrides, suppressions: suppressions, site: site)
        model.ingressPublicIP = ingressPublicIP
        model.sites = sites
        return model
    }
}

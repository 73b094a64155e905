package import SlipwayModel

/// The hub virtual network: egress firewall, Bastion and the reserved subnets. It is a deployment
/// unit of its own (`hub.bicep`).
public struct HubNetwork: Modifiable, Sendable {
    var name: String
    var addressSpace: String
    var subnets: [Subnet]
    var firewall: FirewallModel?
    var bastion: BastionModel?
    var resourceGroup: ResourceGroupModel?
    var diagnosticsWorkspace: String?
    var sites: [String: SourceLocation] = [:]
    var overrides: [PropertyOverride] = []
    var suppressions: [Suppression] = []
    var site: SourceLocation

    /// Declares the hub VNet `name` with its address space and subnets.
    public init(
        _ name: String, addressSpace: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @SubnetBuilder subnets: () -> [Subnet]
    ) {
        self.name = name
        self.addressSpace = addressSpace
        self.subnets = subnets()
        self.site = .site(fileID, filePath, line, column)
    }

    /// Adds an Azure Firewall (Premium, zone-redundant) in `AzureFirewallSubnet`, with a firewall
    /// policy whose rules allow what AKS and the Flux extension need from the node subnets of every
    /// spoke peered with this hub. Three public IPs avoid SNAT port exhaustion.
    public func firewall(
        _ name: String, publicIPs: Int = 3, zones: [String] = ["1", "2", "3"], fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> HubNetwork {
        with {
            $0.firewall = FirewallModel(
                name: name, publicIPCount: publicIPs, tier: "Premium", zones: zones, threatIntelMode: "Deny",
                dnsProxy: true, site: .site(fileID, filePath, line, column))
        }
    }

    /// Adds an Azure Bastion host (Standard, tunneling on for `az aks bastion`) in `AzureBastionSubnet`.
    public func bastion(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> HubNetwork {
        with {
            $0.bastion = BastionModel(
                name: name, sku: "Standard", tunneling: true, site: .site(fileID, filePath, line, column))
        }
    }

    /// The resource group (and optionally subscription, for a connectivity subscription) of the hub.
    public func resourceGroup(_ name: String, subscription: String? = nil) -> HubNetwork {
        with { $0.resourceGroup = ResourceGroupModel(name: name, subscription: subscription) }
    }

    /// Sends the hub's diagnostics to `workspace` instead of the environment default.
    public func diagnostics(
        to workspace: Ref<LogAnalyticsWorkspace>, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> HubNetwork {
        with {
            $0.diagnosticsWorkspace = workspace.name
            $0.sites["diagnostics"] = .site(fileID, filePath, line, column)
        }
    }

    /// Sets a property of the hub VNet resource that the DSL does not model.
    public func property(
        _ path: String, _ value: Value, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> HubNetwork {
        with {
            $0.overrides.append(
                PropertyOverride(path: path, value: value, site: .site(fileID, filePath, line, column)))
        }
    }

    /// Silences a warning on this hub, with the reason a reviewer will read.
    public func suppress(_ code: String, because reason: String) -> HubNetwork {
        with { $0.suppressions.append(Suppression(code: code, reason: reason)) }
    }

    func model(defaultResourceGroup: ResourceGroupModel) -> HubModel {
        var model = HubModel(
            name: name, addressSpace: addressSpace, subnets: subnets.map(\.model), firewall: firewall,
            bastion: bastion, resourceGroup: resourceGroup ?? defaultResourceGroup,
            diagnosticsWorkspace: diagnosticsWorkspace, overrides: overrides, suppressions: suppressions, site: site)
        model.sites = sites
        return model
    }
}

/// A hub that another environment declares or another team owns. Spokes peer with it and route
/// through its firewall; nothing is deployed into it except the hub side of each peering.
public struct ExistingHub: Sendable {
    let model: HubReferenceModel

    init(model: HubReferenceModel) { self.model = model }

    /// A hub owned elsewhere, known by VNet name, address space, firewall name and resource group.
    public init(
        _ name: String, addressSpace: String, firewall: String?, resourceGroup: String, subscription: String? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.model = HubReferenceModel(
            name: name, addressSpace: addressSpace, firewallName: firewall,
            resourceGroup: ResourceGroupModel(name: resourceGroup, subscription: subscription),
            owningEnvironment: nil, site: .site(fileID, filePath, line, column))
    }
}

package import SlipwayModel

/// The hub virtual network: egress firewall, Bastion and the reserved subnets. It is a deployment
/// unit of its own (`hub.bicep`).
public struct HubNetwork: Modifiable, SiteRecording, ModelBacked, PropertyOverridable, Suppressible,
    ResourceGroupPlaceable,
    DiagnosticsSource
{
    var model: HubModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// Declares the hub VNet `name` with its address space and subnets.
    public init(
        _ name: String, addressSpace: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @SubnetBuilder subnets: () -> [Subnet]
    ) {
        model = HubModel(
            name: name, addressSpace: AddressPrefix(addressSpace), subnets: subnets().map { $0.lowered() },
            firewall: nil,
            bastion: nil, resourceGroup: ResourceGroupModel(name: ""), diagnosticsWorkspace: nil,
            site: .site(fileID, filePath, line, column))
    }

    /// Adds an Azure Firewall (Premium, zone-redundant) in `AzureFirewallSubnet`, with a firewall
    /// policy whose rules allow what AKS and the Flux extension need from the node subnets of every
    /// spoke peered with this hub. Three public IPs avoid SNAT port exhaustion.
    public func firewall(
        _ name: String, publicIPs: Int = 3, zones: [String] = ["1", "2", "3"], fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> HubNetwork {
        with {
            $0.model.firewall = FirewallModel(
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
            $0.model.bastion = BastionModel(
                name: name, sku: "Standard", tunneling: true, site: .site(fileID, filePath, line, column))
        }
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
            name: name, addressSpace: AddressPrefix(addressSpace), firewallName: firewall,
            resourceGroup: ResourceGroupModel(name: resourceGroup, subscription: subscription),
            owningEnvironment: nil, site: .site(fileID, filePath, line, column))
    }
}

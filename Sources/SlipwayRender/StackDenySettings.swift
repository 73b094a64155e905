import SlipwayModel

/// The deny settings each unit's deployment stack carries: the environment's mode, lowered where
/// another writer must keep working, and the actions excluded because Azure, AKS or another unit
/// performs them on this unit's resources. Slipway never passes
/// `--deny-settings-apply-to-child-scopes`: child resources (A records AKS writes, agent pools,
/// role assignments other units add) stay writable, and the exclusions below cover the actions
/// on the managed resources themselves. `docs/deployment-stacks.md` explains each row.
public enum StackDenySettings {
    /// One excluded action and who needs it.
    public struct Exclusion: Sendable, Equatable {
        public let action: String
        public let reason: String
    }

    /// The unit kinds, by the prefix of the unit's name.
    public enum Kind: String, Sendable, CaseIterable {
        case hub, spoke, registry, monitoring, cluster
    }

    public static func kind(of unit: String) -> Kind? {
        if unit == "hub" { return .hub }
        if unit.hasPrefix("spoke-") { return .spoke }
        if unit == "registry" { return .registry }
        if unit == "monitoring" { return .monitoring }
        if unit.hasPrefix("cluster-") { return .cluster }
        return nil
    }

    static let virtualNetworkWriters: [Exclusion] = [
        Exclusion(
            action: "Microsoft.Network/virtualNetworks/join/action",
            reason:
                "other units link their private DNS zones to this VNet (registry, Key Vault, API-server and Azure Monitor zones)"
        ),
        Exclusion(
            action: "Microsoft.Network/virtualNetworks/peer/action",
            reason: "the other side of a hub–spoke peering is created by the other network's unit"),
        Exclusion(
            action: "Microsoft.Network/virtualNetworks/subnets/join/action",
            reason:
                "AKS puts nodes, the internal load balancer and the API server's private endpoint into the subnets; other units add private endpoints and the Application Gateway"
        ),
    ]

    /// The excluded actions of each kind of unit.
    public static let exclusions: [Kind: [Exclusion]] = [
        .hub: virtualNetworkWriters,
        .spoke: virtualNetworkWriters,
        .registry: [
            Exclusion(
                action: "Microsoft.ContainerRegistry/registries/importImage/action",
                reason: "deploy.sh imports the bootstrap images after the stack, as its own operation")
        ],
        .monitoring: [
            Exclusion(
                action: "Microsoft.OperationalInsights/workspaces/sharedKeys/action",
                reason:
                    "every other unit's diagnostic settings name the workspace as their destination, which needs this action on it"
            )
        ],
        .cluster: [
            Exclusion(
                action: "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
                reason: "az aks get-credentials: Entra users fetch the kubeconfig they sign in with"),
            Exclusion(
                action: "Microsoft.ContainerService/managedClusters/runCommand/action",
                reason: "az aks command invoke: push-delivered workloads and operators reach the private API server"),
            Exclusion(
                action: "Microsoft.Network/privateDnsZones/A/write",
                reason: "the control-plane identity writes the API server's A record into the cluster's zone"),
            Exclusion(
                action: "Microsoft.Network/privateDnsZones/A/delete",
                reason: "and removes it when the API server's address changes"),
        ],
    ]

    /// The deny modes, weakest first.
    static let modes = ["none", "denyDelete", "denyWriteAndDelete"]

    /// The strongest mode each kind may carry. Workspaces are a shared sink: every unit's
    /// diagnostic settings, data collection rules and Defender write into them through
    /// integrations whose checked actions are not all documented, so they are only kept from
    /// deletion.
    public static let strongest: [Kind: String] = [.monitoring: "denyDelete"]

    /// The mode a unit's stack carries.
    public static func mode(of unit: String, in stack: DeploymentStackModel) -> String {
        guard let kind = kind(of: unit), let cap = strongest[kind],
            let capIndex = modes.firstIndex(of: cap), let asked = modes.firstIndex(of: stack.denyMode)
        else { return stack.denyMode }
        return modes[min(capIndex, asked)]
    }

    /// The actions the unit's stack excludes: all of its kind's under `denyWriteAndDelete`, the
    /// deletes among them under `denyDelete`, none without a deny mode.
    public static func excludedActions(of unit: String, in stack: DeploymentStackModel) -> [String] {
        guard let kind = kind(of: unit) else { return [] }
        let actions = exclusions[kind, default: []].map(\.action)
        switch mode(of: unit, in: stack) {
        case "denyWriteAndDelete": return actions
        case "denyDelete": return actions.filter { $0.hasSuffix("/delete") }
        default: return []
        }
    }
}

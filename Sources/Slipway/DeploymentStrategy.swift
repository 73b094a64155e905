package import SlipwayModel

/// How an ``Environment``'s units are deployed; see ``Environment/deployment(_:)``.
public enum DeploymentStrategy: Sendable {
    /// `az deployment group create` per unit, incremental: a resource removed from the DSL stays
    /// in Azure, unmanaged.
    case incremental
    /// One deployment stack per unit (`az stack group create`). `onUnmanage` says what happens
    /// to a resource, or a whole unit, that the DSL no longer declares; `deny` keeps everyone but
    /// the stack (and up to five `excludedPrincipals`, Entra object IDs) from changing the unit's
    /// resources. Slipway lowers `deny` per unit where AKS itself must write; see
    /// `docs/deployment-stacks.md`.
    case stack(onUnmanage: UnmanageAction, deny: DenySettings = .none, excludedPrincipals: [String] = [])

    func model(at site: SourceLocation) -> DeploymentStrategyModel {
        switch self {
        case .incremental: return .incremental
        case .stack(let action, let deny, let principals):
            return .stack(
                DeploymentStackModel(
                    actionOnUnmanage: action.rawValue, denyMode: deny.rawValue, excludedPrincipals: principals,
                    site: site))
        }
    }
}

/// What a deployment stack does with resources it no longer manages.
public enum UnmanageAction: String, Sendable {
    /// Leave them in Azure, unmanaged (`--action-on-unmanage detachAll`).
    case detach = "detachAll"
    /// Delete them (`deleteResources`); resource groups stay.
    case delete = "deleteResources"
    /// Delete them and any resource group the stack manages (`deleteAll`). Slipway's stacks manage
    /// no resource group, so this deletes what ``delete`` deletes; it is here so that a DSL asks
    /// for it by name.
    case deleteAll = "deleteAll"
}

/// The deny assignment a deployment stack puts on its resources.
public enum DenySettings: String, Sendable {
    /// No deny assignment.
    case none = "none"
    /// Nobody but the stack may delete the resources.
    case denyDelete = "denyDelete"
    /// Nobody but the stack may change or delete the resources; reads stay allowed.
    case denyWriteAndDelete = "denyWriteAndDelete"
}

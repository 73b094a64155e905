/// How `deploy.sh` deploys an environment's units.
public enum DeploymentStrategyModel: Codable, Hashable, Sendable {
    /// `az deployment group create`, incremental: nothing is ever removed from Azure.
    case incremental
    /// One deployment stack per unit (`az stack group create`).
    case stack(DeploymentStackModel)

    public var stack: DeploymentStackModel? {
        if case .stack(let stack) = self { return stack }
        return nil
    }
}

/// The settings every unit's deployment stack shares.
public struct DeploymentStackModel: Codable, Hashable, Sendable {
    /// What happens to resources a stack stops managing: `detachAll`, `deleteResources` or
    /// `deleteAll` (the `--action-on-unmanage` value).
    public var actionOnUnmanage: String
    /// `none`, `denyDelete` or `denyWriteAndDelete`: the strongest deny mode a unit may carry.
    public var denyMode: String
    /// Entra object IDs the deny assignment does not apply to (Azure allows five).
    public var excludedPrincipals: [String]
    public var site: SourceLocation

    public init(actionOnUnmanage: String, denyMode: String, excludedPrincipals: [String], site: SourceLocation) {
        self.actionOnUnmanage = actionOnUnmanage
        self.denyMode = denyMode
        self.excludedPrincipals = excludedPrincipals
        self.site = site
    }

    /// Does removing a resource delete it (rather than leave it in Azure, unmanaged)?
    public var deletesUnmanaged: Bool { actionOnUnmanage != "detachAll" }
}

/// Where a deployment unit goes: a resource group and, optionally, a subscription.
public struct ResourceGroupModel: Codable, Hashable, Sendable {
    public var name: String
    public var subscription: String?

    public init(name: String, subscription: String? = nil) {
        self.name = name
        self.subscription = subscription
    }
}

/// The kinds of deployment unit, in deploy order.
public enum UnitKind: String, Codable, Hashable, Sendable, CaseIterable {
    case hub, spoke, registry, cluster
}

/// Which unit something belongs to, for raw resources and workspace placement.
public enum UnitSelector: Codable, Hashable, Sendable {
    case hub
    case spoke(String)
    case registry
    case cluster(String)
}

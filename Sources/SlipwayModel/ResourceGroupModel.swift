/// Where a deployment unit goes: a resource group and, optionally, a subscription.
public struct ResourceGroupModel: Codable, Hashable, Sendable {
    public var name: String
    public var subscription: String?

    public init(name: String, subscription: String? = nil) {
        self.name = name
        self.subscription = subscription
    }
}

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

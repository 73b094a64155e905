/// Properties Azure fills in or owns after a deployment, per resource type: `slipway drift`
/// compares them loosely or not at all. `docs/drift.md` prints this table; every row says why.
enum DriftIgnoreList {
    /// How a property is compared.
    enum Rule: Equatable {
        /// Not compared: Azure (or a controller) owns the value after creation.
        case ignored
        /// Equal when the live value starts with the model's (`1.34` matches `1.34.2`).
        case prefix
    }

    struct Entry {
        /// The type, or `*` for every type.
        let type: String
        /// A path as in `slipway-model.json`; `[*]` matches any array item.
        let path: String
        let rule: Rule
        let reason: String
    }

    static let entries: [Entry] = [
        Entry(
            type: "Microsoft.ContainerService/managedClusters", path: "properties.agentPoolProfiles[*].count",
            rule: .ignored, reason: "the cluster autoscaler sets the node count between minCount and maxCount"),
        Entry(
            type: "Microsoft.ContainerService/managedClusters/agentPools", path: "properties.count", rule: .ignored,
            reason: "the cluster autoscaler sets the node count between minCount and maxCount"),
        Entry(
            type: "Microsoft.ContainerService/managedClusters", path: "properties.kubernetesVersion", rule: .prefix,
            reason: "with an auto-upgrade channel the model carries MAJOR.MINOR and AKS picks the patch"),
        Entry(
            type: "Microsoft.ContainerService/managedClusters",
            path: "properties.agentPoolProfiles[*].orchestratorVersion", rule: .prefix,
            reason: "with an auto-upgrade channel the model carries MAJOR.MINOR and AKS picks the patch"),
        Entry(
            type: "Microsoft.ContainerService/managedClusters/agentPools", path: "properties.orchestratorVersion",
            rule: .prefix, reason: "AKS reports the full patch of a MAJOR.MINOR version"),
        Entry(
            type: "Microsoft.KeyVault/vaults/secrets", path: "properties.value", rule: .ignored,
            reason: "Azure never returns a secret's value through the control plane"),
        Entry(
            type: "Microsoft.Network/virtualNetworks", path: "properties.subnets[*].properties.routeTable.id",
            rule: .ignored, reason: "a resource ID whose casing Azure normalises; the route table itself is compared"),
    ]

    /// The rule for `path` of a resource of `type`, if any.
    static func rule(for path: String, of type: String) -> Rule? {
        entries.first { ($0.type == type || $0.type == "*") && matches($0.path, path) }?.rule
    }

    /// Does `pattern` (with `[*]` items) match `path`?
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let parts = pattern.split(separator: "[*]", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return pattern == path }
        var rest = Substring(path)
        for (index, part) in parts.enumerated() {
            guard rest.hasPrefix(part) else { return false }
            rest = rest.dropFirst(part.count)
            if index == parts.count - 1 { return rest.isEmpty }
            guard rest.hasPrefix("["), let end = rest.firstIndex(of: "]") else { return false }
            rest = rest[rest.index(after: end)...]
        }
        return rest.isEmpty
    }
}

import SlipwayModel

/// Which environments of a run must be deployed before another: those that create a hub, a
/// firewall, a workspace or a DNS zone it references as existing. `deploy.sh` checks these up front
/// (`require`); the deploy pipeline orders its jobs by them.
public enum EnvironmentDependencies {
    /// The environments of `all` that `environment` references, sorted by name.
    public static func needs(of environment: EnvironmentModel, among all: [EnvironmentModel]) -> [String] {
        var references = Set<String>()
        func key(_ name: String, _ group: ResourceGroupModel) -> String { "\(name)|\(group.name.lowercased())" }
        for hub in environment.hubReferences {
            references.insert(key(hub.name, hub.resourceGroup))
            if let firewall = hub.firewallName { references.insert(key(firewall, hub.resourceGroup)) }
        }
        for workspace in environment.workspaceReferences {
            references.insert(key(workspace.name, workspace.resourceGroup))
        }
        for zone in environment.privateDNSZoneReferences { references.insert(key(zone.name, zone.resourceGroup)) }
        var needed = Set(environment.hubReferences.compactMap(\.owningEnvironment))
        for other in all where other.name != environment.name {
            if RenderContext.declarations(of: other).contains(where: { references.contains(key($0.name, $0.group)) }) {
                needed.insert(other.name)
            }
        }
        needed.remove(environment.name)
        return needed.filter { name in all.contains { $0.name == name } }.sorted()
    }

    /// `environments` in an order that deploys each after those it needs (among them), keeping the
    /// given order otherwise; nil when they need one another in a cycle.
    public static func ordered(_ environments: [EnvironmentModel], among all: [EnvironmentModel])
        -> [(name: String, needs: [String])]?
    {
        let names = Set(environments.map(\.name))
        var pending = environments.map { ($0.name, needs(of: $0, among: all).filter(names.contains)) }
        var result: [(name: String, needs: [String])] = []
        var placed = Set<String>()
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { $0.1.allSatisfy(placed.contains) }) else { return nil }
            let (name, needed) = pending.remove(at: next)
            result.append((name, needed))
            placed.insert(name)
        }
        return result
    }
}

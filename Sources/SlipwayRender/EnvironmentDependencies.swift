import SlipwayModel

/// Which environments of a run must be deployed before another: those that create a hub, a
/// firewall, a workspace or a DNS zone it references as existing. `deploy.sh` checks these up front
/// (`require`); the deploy pipeline orders its jobs by them.
public enum EnvironmentDependencies {
    /// The environments of `all` that `environment` references, sorted by name.
    public static func needs(of environment: EnvironmentModel, among all: [EnvironmentModel]) -> [String] {
        var references: [(name: String, group: ResourceGroupModel)] = []
        for hub in environment.hubReferences {
            references.append((hub.name, hub.resourceGroup))
            if let firewall = hub.firewallName { references.append((firewall, hub.resourceGroup)) }
        }
        references += environment.workspaceReferences.map { ($0.name, $0.resourceGroup) }
        references += environment.privateDNSZoneReferences.map { ($0.name, $0.resourceGroup) }
        var needed = Set(environment.hubReferences.compactMap(\.owningEnvironment))
        for reference in references {
            if let other = RenderContext.environment(
                declaring: reference.name, inGroup: reference.group.name, among: all, except: environment.name)
            {
                needed.insert(other)
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

import SlipwayModel

/// Runs every rule over the resolved model and collects all diagnostics at once.
public enum Validator {
    /// A rule reads every environment of the run (some rules compare across environments).
    typealias Rule = @Sendable ([EnvironmentModel]) -> [Diagnostic]

    static let rules: [Rule] = [
        NetworkRules.addressing, NetworkRules.overlapsAcrossNetworks, NetworkRules.reservedSubnets,
        NetworkRules.singleHub, ClusterNetworkRules.ranges, ClusterNetworkRules.capacity,
        NameRules.duplicateEnvironments,
        NameRules.azureNames, NameRules.duplicates, NameRules.literalGlobalNames, ReferenceRules.dangling,
        ReferenceRules.endpointSubnets, RegistryRules.privateAccess, ClusterRules.clusters, UpgradeRules.upgrades,
        PoolKindRules.pools, ClusterChoiceRules.choices,
        StackRules.stacks, FluxRules.kustomizations, HelmRules.releases, DNSZoneRules.zones,
        MonitorPrivateLinkRules.scope,
        SecretRules.vault, InlineSecretRules.inline, ImageRules.sources, FleetRules.fleet, WorkloadRules.workloads,
        DeployabilityRules.combinations, PropertyRules.paths, CompileTimeRules.builderBodies,
    ]

    /// The cross-environment overlap check (NET004) alone, for the benchmark's scaling figure.
    public static func overlapCheck(_ environments: [EnvironmentModel]) -> [Diagnostic] {
        NetworkRules.overlapsAcrossNetworks(environments)
    }

    /// Every diagnostic, sorted, with suppressed warnings removed.
    public static func validate(_ environments: [EnvironmentModel]) -> [Diagnostic] {
        // Rules are independent and the result is sorted, so they run in parallel.
        ParallelSlots<[Diagnostic]>.map(rules.count) { rules[$0](environments) }
            .flatMap { $0 }
            .filter { diagnostic in
                diagnostic.severity == .error || !diagnostic.suppressions.contains { $0.code == diagnostic.code }
            }
            .sortedForOutput()
    }
}

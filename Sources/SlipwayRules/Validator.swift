import SlipwayModel

/// Runs every rule over the resolved model and collects all diagnostics at once.
public enum Validator {
    /// A rule reads every environment of the run (some rules compare across environments).
    typealias Rule = @Sendable ([EnvironmentModel]) -> [Diagnostic]

    static let rules: [Rule] = [
        NetworkRules.addressing, NetworkRules.overlapsAcrossNetworks, ReferenceRules.dangling,
        NameRules.duplicateEnvironments, NameRules.registryNames, SecretRules.vault, ImageRules.sources,
    ]

    /// Every diagnostic, sorted, with suppressed warnings removed.
    public static func validate(_ environments: [EnvironmentModel]) -> [Diagnostic] {
        var suppressed: Set<String> = []
        for environment in environments {
            var lists: [[Suppression]] = [environment.hub?.suppressions ?? []]
            lists += environment.spokes.map(\.suppressions)
            lists += environment.clusters.map(\.suppressions)
            lists += environment.registries.map(\.suppressions)
            for list in lists { suppressed.formUnion(list.map(\.code)) }
        }
        return rules.flatMap { $0(environments) }
            .filter { $0.severity == .error || !suppressed.contains($0.code) }
            .sortedForOutput()
    }
}

import SlipwayModel

/// ACR001: a private endpoint needs the Premium SKU. ACR002 (warning): public network access left
/// on next to a private endpoint.
enum RegistryRules {
    static let privateAccess: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for registry in environment.registries where registry.privateEndpoint != nil {
                if registry.sku != .premium {
                    diagnostics.append(
                        Diagnostic(
                            .error, "ACR001",
                            "registry '\(registry.name)' has a private endpoint but its SKU is \(registry.sku.rawValue), not Premium",
                            note: "private endpoints need the Premium SKU; remove .sku(_:) or set it to Premium",
                            at: registry.sites["sku"] ?? registry.site))
                }
                if registry.publicNetworkAccess {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "ACR002",
                            "registry '\(registry.name)' keeps public network access next to its private endpoint",
                            note: "remove .publicNetworkAccess(true) so the registry is reachable only privately",
                            at: registry.sites["publicNetworkAccess"] ?? registry.site,
                            suppressions: registry.suppressions))
                }
            }
        }
        return diagnostics
    }
}

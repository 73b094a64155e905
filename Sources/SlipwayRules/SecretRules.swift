import SlipwayModel

/// SEC001: a secret is named but the environment has no secrets vault, or the vault ID is not a
/// Key Vault resource ID. Secrets reach parameter files only through Key Vault references.
enum SecretRules {
    static let vault: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            let users = environment.clusters.filter {
                $0.flux?.credentials != nil || $0.addOns.ingress != nil || $0.addOns.applicationGateway != nil
            }
            guard !users.isEmpty else { continue }
            guard let vault = environment.secretsVaultID else {
                for cluster in users {
                    diagnostics.append(
                        Diagnostic(
                            .error, "SEC001",
                            "cluster '\(cluster.name)' needs secrets (Git credentials or certificates) but environment '\(environment.name)' has no secrets vault",
                            note:
                                "add .secrets(fromVault: \"/subscriptions/…/providers/Microsoft.KeyVault/vaults/…\") to the environment",
                            at: cluster.flux?.site ?? cluster.site))
                }
                continue
            }
            let parts = vault.split(separator: "/")
            let valid =
                vault.hasPrefix("/subscriptions/") && parts.count == 8 && parts[2] == "resourceGroups"
                && parts[4] == "providers" && parts[5].lowercased() == "microsoft.keyvault"
                && parts[6].lowercased() == "vaults"
            if !valid {
                diagnostics.append(
                    Diagnostic(
                        .error, "SEC001", "secrets vault '\(vault)' is not a Key Vault resource ID",
                        note:
                            "write /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>",
                        at: environment.sites["secrets"] ?? environment.site))
            }
        }
        return diagnostics
    }
}

import SlipwayModel

/// SEC002: a secret written into a rendered file. Manifests, Helm values and workload environment
/// variables land in Git under `Output/`, so a `Secret` manifest is an error, and a literal value
/// under a key that names a credential (`password`, `token`, `clientSecret`, …) is a warning.
enum InlineSecretRules {
    /// Keys, lowercased and without `_` or `-`, whose literal values are credentials.
    static let credentialKeys: Set<String> = [
        "password", "passwd", "secret", "token", "apikey", "accesskey", "accountkey", "clientsecret",
        "connectionstring", "privatekey", "sastoken",
    ]

    static let inline: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for cluster in environment.clusters {
                for kustomization in cluster.flux?.kustomizations ?? [] {
                    for manifest in kustomization.manifests {
                        diagnostics += check(
                            manifest, in: "kustomization '\(kustomization.name)' of cluster '\(cluster.name)'",
                            suppressions: cluster.suppressions)
                    }
                }
            }
            for workload in environment.workloads {
                for name in workload.environment.keys.sorted()
                where looksLikeCredential(name, workload.environment[name]!) {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "SEC002",
                            "environment variable '\(name)' of workload '\(workload.name)' is a literal credential, rendered into Git",
                            note: "put it in the cluster's Key Vault and mount it with .secrets([.secret(\"…\")])",
                            at: workload.sites["environment"] ?? workload.site))
                }
            }
            for repo in environment.fleet?.gitRepos ?? [] {
                for bundle in repo.bundles {
                    let place = "Fleet bundle '\(bundle.name)' of GitRepo '\(repo.name)'"
                    for manifest in bundle.manifests {
                        diagnostics += check(manifest, in: place, suppressions: repo.suppressions)
                    }
                    if let helm = bundle.helm {
                        for key in credentialPaths(in: helm.values) {
                            diagnostics.append(
                                Diagnostic(
                                    .warning, "SEC002",
                                    "Helm value '\(key)' of \(place) is a literal credential, rendered into Git",
                                    note: "reference an existing Secret from the chart (for example existingSecret)",
                                    at: bundle.sites["helm"] ?? bundle.site, suppressions: repo.suppressions))
                        }
                    }
                }
            }
        }
        return diagnostics
    }

    static func check(_ manifest: ManifestModel, in place: String, suppressions: [Suppression]) -> [Diagnostic] {
        if manifest.kind == "Secret" && manifest.apiVersion == "v1" {
            return [
                Diagnostic(
                    .error, "SEC002", "\(place) renders Secret '\(manifest.name)' into Git",
                    note: "keep secrets in Key Vault and mount them (Secrets Store CSI driver) or sync them in-cluster",
                    at: manifest.site)
            ]
        }
        return credentialPaths(in: manifest.body).map { key in
            Diagnostic(
                .warning, "SEC002",
                "\(manifest.kind) '\(manifest.name)' in \(place) holds a literal credential at '\(key)', rendered into Git",
                note: "keep secrets in Key Vault and mount them (Secrets Store CSI driver)", at: manifest.site,
                suppressions: suppressions)
        }
    }

    /// An environment variable whose name contains a credential word (`DB_PASSWORD`, `API_TOKEN`)
    /// and whose value is a literal, not a path to a mounted file.
    static func looksLikeCredential(_ name: String, _ value: String) -> Bool {
        let normalized = name.lowercased().filter { $0 != "_" && $0 != "-" }
        return !value.isEmpty && !value.hasPrefix("/") && credentialKeys.contains { normalized.contains($0) }
    }

    /// The dotted paths of non-empty string literals under credential-named keys.
    static func credentialPaths(in value: Value, path: String = "") -> [String] {
        switch value {
        case .object(let fields):
            return fields.flatMap { field -> [String] in
                let here = path.isEmpty ? field.key : "\(path).\(field.key)"
                let normalized = field.key.lowercased().filter { $0 != "_" && $0 != "-" }
                if credentialKeys.contains(normalized), case .string(let text) = field.value, !text.isEmpty {
                    return [here]
                }
                return credentialPaths(in: field.value, path: here)
            }
        case .array(let items):
            return items.enumerated().flatMap { credentialPaths(in: $0.element, path: "\(path)[\($0.offset)]") }
        default:
            return []
        }
    }
}

import SlipwayModel

/// SEC002: a secret written into a generated file. Templates, parameter files, manifests, Helm
/// values and workload environment variables all land in Git under `Output/`, so each of these is
/// an error at the user's line:
/// - a `v1` `Secret` manifest;
/// - a literal under a key that names a credential (`password`, `adminPassword`, `clientSecret`,
///   `token`, …) in a `.property(…)` override, a `RawResource` body, a manifest (ConfigMaps
///   included), Helm values or a workload's environment;
/// - a value that is a credential whatever its key: a private key block, a connection string
///   with `Password=`, `AccountKey=` or `SharedAccessKey=`, a SAS signature (`sig=`).
/// Secrets come from Key Vault: references in parameter files, the Secrets Store CSI driver in
/// the cluster.
enum InlineSecretRules {
    /// Key endings, lowercased and without `_` or `-`, whose literal values are credentials.
    /// A suffix: `adminPassword`, `storageAccountKey`; not `secretName` or `keyVaultSecretId`.
    static let credentialKeys: [String] = [
        "password", "passwd", "secret", "token", "apikey", "accesskey", "accountkey", "clientsecret",
        "connectionstring", "privatekey", "sastoken", "sharedaccesskey",
    ]

    static let inline: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        func report(_ message: String, note: String, at site: SourceLocation) {
            diagnostics.append(Diagnostic(.error, "SEC002", message, note: note, at: site))
        }
        let vault =
            "take it from Key Vault: a @secure() parameter with a Key Vault reference, or the Secrets Store CSI driver in the cluster"
        for environment in environments {
            for target in environment.overrideTargets {
                let override = target.override
                let key = override.path.split(separator: ".").last.map(String.init) ?? override.path
                if isCredentialKey(key), literalText(override.value) != nil {
                    report(
                        "the .property(\"\(override.path)\", …) of \(target.owner) is a literal credential, rendered into Git",
                        note: vault, at: override.site)
                } else if let what = credentialFinding(in: override.value) {
                    report(
                        "the .property(\"\(override.path)\", …) of \(target.owner) holds \(what), rendered into Git",
                        note: vault, at: override.site)
                }
            }
            for raw in environment.rawResources {
                for finding in findings(in: raw.body) {
                    report(
                        "raw resource '\(raw.symbol)' holds \(finding.what) at '\(finding.path)', rendered into Git",
                        note: vault, at: raw.site)
                }
            }
            for cluster in environment.clusters {
                for kustomization in cluster.flux?.kustomizations ?? [] {
                    for manifest in kustomization.manifests {
                        diagnostics += check(
                            manifest, in: "kustomization '\(kustomization.name)' of cluster '\(cluster.name)'")
                    }
                }
            }
            for workload in environment.workloads {
                for name in workload.environment.keys.sorted() {
                    let value = workload.environment[name]!
                    let what =
                        looksLikeCredential(name, value)
                        ? "a literal credential" : credentialFinding(in: .string(value))
                    if let what {
                        report(
                            "environment variable '\(name)' of workload '\(workload.name)' is \(what), rendered into Git",
                            note: "put it in the cluster's Key Vault and mount it with .secrets([.secret(\"…\")])",
                            at: workload.sites["environment"] ?? workload.site)
                    }
                }
            }
            for repo in environment.fleet?.gitRepos ?? [] {
                for bundle in repo.bundles {
                    let place = "Fleet bundle '\(bundle.name)' of GitRepo '\(repo.name)'"
                    for manifest in bundle.manifests {
                        diagnostics += check(manifest, in: place)
                    }
                    if let helm = bundle.helm {
                        for finding in findings(in: helm.values) {
                            report(
                                "Helm value '\(finding.path)' of \(place) is \(finding.what), rendered into Git",
                                note: "reference an existing Secret from the chart (for example existingSecret)",
                                at: bundle.sites["helm"] ?? bundle.site)
                        }
                    }
                }
            }
        }
        return diagnostics
    }

    static func check(_ manifest: ManifestModel, in place: String) -> [Diagnostic] {
        if manifest.kind == "Secret" && manifest.apiVersion == "v1" {
            return [
                Diagnostic(
                    .error, "SEC002", "\(place) renders Secret '\(manifest.name)' into Git",
                    note: "keep secrets in Key Vault and mount them (Secrets Store CSI driver) or sync them in-cluster",
                    at: manifest.site)
            ]
        }
        return findings(in: manifest.body).map { finding in
            Diagnostic(
                .error, "SEC002",
                "\(manifest.kind) '\(manifest.name)' in \(place) holds \(finding.what) at '\(finding.path)', rendered into Git",
                note: "keep secrets in Key Vault and mount them (Secrets Store CSI driver)", at: manifest.site)
        }
    }

    static func isCredentialKey(_ key: String) -> Bool {
        let normalized = key.lowercased().filter { $0 != "_" && $0 != "-" }
        return credentialKeys.contains { normalized.hasSuffix($0) }
    }

    /// An environment variable whose name ends in a credential word (`DB_PASSWORD`, `API_TOKEN`)
    /// and whose value is a literal, not a path to a mounted file.
    static func looksLikeCredential(_ name: String, _ value: String) -> Bool {
        !value.isEmpty && !value.hasPrefix("/") && isCredentialKey(name)
    }

    /// A non-empty string literal (not a Bicep expression or a `${substitution}`).
    static func literalText(_ value: Value) -> String? {
        guard case .string(let text) = value, !text.isEmpty, !(text.hasPrefix("${") && text.hasSuffix("}")) else {
            return nil
        }
        return text
    }

    /// What a string is when it is a credential by its shape, whatever its key.
    static func credentialFinding(in value: Value) -> String? {
        switch value {
        case .string(let text):
            let lowered = text.lowercased()
            if text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----") { return "a private key" }
            for marker in ["password=", "accountkey=", "sharedaccesskey="] where lowered.contains(marker) {
                if let range = lowered.firstRange(of: marker), range.upperBound < lowered.endIndex,
                    lowered[range.upperBound] != ";"
                {
                    return "a connection string with a credential"
                }
            }
            if (lowered.contains("?sv=") || lowered.contains("&sv=") || lowered.hasPrefix("sv="))
                && (lowered.contains("&sig=") || lowered.contains("?sig="))
            {
                return "a SAS token"
            }
            return nil
        case .array(let items): return items.lazy.compactMap(credentialFinding(in:)).first
        case .object(let fields): return fields.lazy.compactMap { credentialFinding(in: $0.value) }.first
        default: return nil
        }
    }

    /// Credentials in `value`: literals under credential keys, and credential-shaped strings.
    static func findings(in value: Value, path: String = "") -> [(path: String, what: String)] {
        switch value {
        case .object(let fields):
            return fields.flatMap { field -> [(path: String, what: String)] in
                let here = path.isEmpty ? field.key : "\(path).\(field.key)"
                if isCredentialKey(field.key), literalText(field.value) != nil {
                    return [(here, "a literal credential")]
                }
                return findings(in: field.value, path: here)
            }
        case .array(let items):
            return items.enumerated().flatMap { findings(in: $0.element, path: "\(path)[\($0.offset)]") }
        case .string:
            return credentialFinding(in: value).map { [(path, $0)] } ?? []
        default:
            return []
        }
    }
}

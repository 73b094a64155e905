import SlipwayModel

/// Naming rules: Azure's patterns and lengths, duplicates, and globally unique names.
enum NameRules {
    /// ENV001: environment names are output folders, unique across the run; ENV002: they are folder names.
    static let duplicateEnvironments: Validator.Rule = { environments in
        var seen: [String: EnvironmentModel] = [:]
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            if let first = seen[environment.name] {
                diagnostics.append(
                    Diagnostic(
                        .error, "ENV001",
                        "environment '\(environment.name)' is declared twice (first at \(first.site.filePath):\(first.site.line))",
                        note: "environment names are output folders; give each a unique name", at: environment.site))
            } else {
                seen[environment.name] = environment
            }
            if !matches(environment.name, first: \.isLetter, body: "-_", length: 1...63) {
                diagnostics.append(
                    Diagnostic(
                        .error, "ENV002", "environment name '\(environment.name)' is not a valid folder name",
                        note: "start with a letter; use letters, digits, '-' and '_'", at: environment.site))
            }
        }
        return diagnostics
    }

    /// Whether `name` starts with a character satisfying `first`, continues with ASCII letters,
    /// digits and `body`, and has a length in `length`.
    static func matches(
        _ name: String, first: (Character) -> Bool, body: String, length: ClosedRange<Int>, last: String = ""
    ) -> Bool {
        guard let head = name.first, head.isASCII, first(head), length.contains(name.count) else { return false }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || body.contains($0)) }) else { return false }
        if let tail = name.last, !(tail.isLetter || tail.isNumber || last.contains(tail)) { return false }
        return true
    }

    /// NAM001: Azure's naming rules for each resource type.
    static let azureNames: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        func check(_ ok: Bool, _ kind: String, _ name: String, _ rule: String, at site: SourceLocation) {
            if !ok {
                diagnostics.append(
                    Diagnostic(
                        .error, "NAM001", "\(kind) name '\(name)' is invalid: \(rule)", note: "rename it", at: site))
            }
        }
        let alphanumeric: (Character) -> Bool = { $0.isLetter || $0.isNumber }
        for environment in environments {
            for network in environment.networks {
                check(
                    matches(network.name, first: alphanumeric, body: "-._", length: 2...64, last: "_"), "VNet",
                    network.name, "2–64 letters, digits, '-', '.' and '_', starting with a letter or digit",
                    at: network.site)
                for subnet in network.subnets {
                    check(
                        matches(subnet.name, first: alphanumeric, body: "-._", length: 1...80, last: "_"), "subnet",
                        subnet.name, "1–80 letters, digits, '-', '.' and '_'", at: subnet.site)
                }
            }
            for workspace in environment.workspaces {
                check(
                    matches(workspace.name, first: alphanumeric, body: "-", length: 4...63), "workspace",
                    workspace.name,
                    "4–63 letters, digits and '-', starting and ending with a letter or digit", at: workspace.site)
            }
            for registry in environment.registries {
                let length = registry.name.count + (registry.uniqueSuffix ? 13 : 0)
                let ok =
                    registry.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && (5...50).contains(length)
                check(
                    ok, "registry", registry.name,
                    "registry names are 5–50 letters and digits"
                        + (registry.uniqueSuffix ? " including the 13-character suffix" : ""), at: registry.site)
            }
            for cluster in environment.clusters {
                check(
                    matches(cluster.name, first: alphanumeric, body: "-_", length: 1...40), "cluster", cluster.name,
                    "1–40 letters, digits, '-' and '_' (the DNS prefix adds a 14-character suffix within AKS's 54)",
                    at: cluster.site)
                for pool in cluster.nodePools {
                    let ok =
                        matches(pool.name, first: \.isLowercase, body: "", length: 1...12)
                        && pool.name.allSatisfy { $0.isLowercase || $0.isNumber }
                    check(
                        ok, "node pool", pool.name, "1–12 lowercase letters and digits, starting with a letter",
                        at: pool.site)
                }
                if let vault = cluster.addOns.keyVault {
                    check(
                        matches(vault.baseName, first: \.isLetter, body: "-", length: 1...15)
                            && !vault.baseName.contains("--"), "Key Vault", vault.baseName,
                        "base names are 1–15 letters, digits and single '-' (the suffix makes 3–24)", at: vault.site)
                }
            }
        }
        return diagnostics
    }

    /// NAM002: two declarations share a name within one scope.
    static let duplicates: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        func unique(_ names: [(String, SourceLocation)], _ kind: String, in scope: String) {
            var seen: Set<String> = []
            for (name, site) in names {
                if !seen.insert(name.lowercased()).inserted {
                    diagnostics.append(
                        Diagnostic(
                            .error, "NAM002", "\(kind) '\(name)' is declared twice in \(scope)",
                            note: "names are unique within their scope (Azure compares them without case)", at: site))
                }
            }
        }
        for environment in environments {
            let scope = "environment '\(environment.name)'"
            unique(environment.networks.map { ($0.name, $0.site) }, "VNet", in: scope)
            unique(environment.workspaces.map { ($0.name, $0.site) }, "workspace", in: scope)
            unique(environment.registries.map { ($0.name, $0.site) }, "registry", in: scope)
            unique(environment.clusters.map { ($0.name, $0.site) }, "cluster", in: scope)
            for network in environment.networks {
                unique(network.subnets.map { ($0.name, $0.site) }, "subnet", in: "VNet '\(network.name)'")
            }
            for cluster in environment.clusters {
                unique(cluster.nodePools.map { ($0.name, $0.site) }, "node pool", in: "cluster '\(cluster.name)'")
                unique(
                    (cluster.flux?.kustomizations ?? []).map { ($0.name, $0.site) }, "kustomization",
                    in: "cluster '\(cluster.name)'")
            }
        }
        return diagnostics
    }

    /// NAM003 (warning): a globally unique name given literally, without the convention's suffix.
    static let literalGlobalNames: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.registries.filter { !$0.uniqueSuffix }.map { registry in
                Diagnostic(
                    .warning, "NAM003",
                    "registry '\(registry.name)' uses a literal global name, which may already be taken in Azure",
                    note: "drop .literalName() to get the convention's deterministic suffix, or suppress NAM003",
                    at: registry.sites["literalName"] ?? registry.site, suppressions: registry.suppressions)
            }
        }
    }
}

import SlipwayModel

/// Naming rules.
enum NameRules {
    /// ENV001: environment names are output folders, unique across the run.
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
            let valid =
                !environment.name.isEmpty
                && environment.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            if !valid {
                diagnostics.append(
                    Diagnostic(
                        .error, "ENV002", "environment name '\(environment.name)' is not a valid folder name",
                        note: "use letters, digits, '-' and '_'", at: environment.site))
            }
        }
        return diagnostics
    }

    /// NAM001: registry names are 5–50 alphanumerics (the convention's 13-character suffix counts).
    static let registryNames: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for registry in environment.registries {
                let length = registry.name.count + (registry.uniqueSuffix ? 13 : 0)
                let alphanumeric = registry.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                if !alphanumeric || !(5...50).contains(length) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "NAM001",
                            "registry name '\(registry.name)' is invalid: registry names are 5–50 letters and digits"
                                + (registry.uniqueSuffix ? " including the 13-character suffix" : ""),
                            note: "use only letters and digits, at most \(registry.uniqueSuffix ? 37 : 50) characters",
                            at: registry.site))
                }
            }
        }
        return diagnostics
    }
}

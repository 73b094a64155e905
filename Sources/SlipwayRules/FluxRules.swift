import SlipwayModel

/// Flux rules: dependencies, paths, intervals and substitutions.
enum FluxRules {
    static let kustomizations: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for cluster in environment.clusters {
                guard let flux = cluster.flux else { continue }
                let byName = Dictionary(
                    flux.kustomizations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                for kustomization in flux.kustomizations {
                    let dependsOnSite = kustomization.sites["dependsOn"] ?? kustomization.site
                    // FLX001: unknown dependency.
                    for dependency in kustomization.dependsOn where byName[dependency] == nil {
                        diagnostics.append(
                            Diagnostic(
                                .error, "FLX001",
                                "kustomization '\(kustomization.name)' depends on '\(dependency)', which cluster '\(cluster.name)' does not declare",
                                note:
                                    "name one of: \(flux.kustomizations.map(\.name).sorted().joined(separator: ", "))",
                                at: dependsOnSite))
                    }
                    // FLX003: paths.
                    if let path = kustomization.externalPath {
                        if !path.hasPrefix("./") || path.contains("..") {
                            diagnostics.append(
                                Diagnostic(
                                    .error, "FLX003",
                                    "kustomization '\(kustomization.name)' has path '\(path)', which is not a repository path",
                                    note: "Flux resolves paths from the repository root: write ./dir/subdir",
                                    at: kustomization.sites["externalPath"] ?? kustomization.site))
                        }
                    }
                    // FLX004: interval, retry interval and timeout.
                    for (field, seconds, text) in [
                        ("interval", kustomization.intervalSeconds, kustomization.intervalText),
                        ("retryInterval", kustomization.retryIntervalSeconds, kustomization.retryIntervalText),
                        ("timeout", kustomization.timeoutSeconds, kustomization.timeoutText),
                    ] where seconds <= 0 {
                        let name = field == "retryInterval" ? "retry interval" : field
                        diagnostics.append(
                            Diagnostic(
                                .error, "FLX004",
                                "kustomization '\(kustomization.name)' has a malformed \(name) '\(text ?? "\(seconds)s")'",
                                note: "write a positive Go duration such as 10m or 1h30m",
                                at: kustomization.sites[field] ?? kustomization.site))
                    }
                    // FLX005: ${var} without a value or a default.
                    // The registry variable is always substituted; IMG002 covers a cluster without a registry.
                    var defined = Set(kustomization.substitutions.keys)
                    defined.insert(ImageReferences.registryVariable)
                    for manifest in kustomization.manifests {
                        for variable in variables(in: manifest.body) where !defined.contains(variable) {
                            diagnostics.append(
                                Diagnostic(
                                    .error, "FLX005",
                                    "\(manifest.kind) '\(manifest.name)' uses ${\(variable)}, which kustomization '\(kustomization.name)' does not substitute",
                                    note: "add .substitute(\"\(variable)\", …) or write ${\(variable):=default}",
                                    at: manifest.site))
                        }
                    }
                }
                // FLX002: cycles, reported once at the first kustomization of each cycle.
                for cycle in cycles(in: flux.kustomizations) {
                    let first = byName[cycle[0]]!
                    diagnostics.append(
                        Diagnostic(
                            .error, "FLX002",
                            "kustomizations of cluster '\(cluster.name)' depend on each other in a cycle: \((cycle + [cycle[0]]).joined(separator: " → "))",
                            note: "remove one dependsOn so the graph has no cycle",
                            at: first.sites["dependsOn"] ?? first.site))
                }
            }
        }
        return diagnostics
    }

    /// `${name}` occurrences without a `:=` default, in every string of `value`.
    static func variables(in value: Value) -> [String] {
        switch value {
        case .string(let text):
            var names: [String] = []
            let characters = Array(text)
            var index = 0
            while index + 1 < characters.count {
                if characters[index] == "$", characters[index + 1] == "{",
                    let end = characters[(index + 2)...].firstIndex(of: "}")
                {
                    let body = String(characters[(index + 2)..<end])
                    if !body.contains(":=") && !body.isEmpty { names.append(body) }
                    index = end + 1
                } else {
                    index += 1
                }
            }
            return names
        case .array(let items): return items.flatMap(variables(in:))
        case .object(let fields): return fields.flatMap { variables(in: $0.value) }
        default: return []
        }
    }

    /// Each dependency cycle once, as names starting from the smallest, in declaration order of discovery.
    static func cycles(in kustomizations: [KustomizationModel]) -> [[String]] {
        let edges = Dictionary(kustomizations.map { ($0.name, $0.dependsOn) }, uniquingKeysWith: { first, _ in first })
        var found: Set<[String]> = []
        var result: [[String]] = []
        func visit(_ node: String, _ path: [String]) {
            if let index = path.firstIndex(of: node) {
                var cycle = Array(path[index...])
                let smallest = cycle.indices.min { cycle[$0] < cycle[$1] }!
                cycle = Array(cycle[smallest...] + cycle[..<smallest])
                if found.insert(cycle).inserted { result.append(cycle) }
                return
            }
            for next in edges[node] ?? [] where edges[next] != nil { visit(next, path + [node]) }
        }
        for kustomization in kustomizations { visit(kustomization.name, []) }
        return result
    }
}

import SlipwayModel

/// REF001: every reference resolves to something declared or referenced as existing.
/// REF002: a private endpoint sits in a subnet that is not meant for endpoints.
enum ReferenceRules {
    static let dangling: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            let workspaces = Set(environment.workspaces.map(\.name) + environment.workspaceReferences.map(\.name))
            let registries = Set(environment.registries.map(\.name))
            let hubs = Set([environment.hub?.name].compactMap { $0 } + environment.hubReferences.map(\.name))
            func missing(_ what: String, _ name: String, at site: SourceLocation, note: String) {
                let suggestion: String
                switch what {
                case "workspace": suggestion = Suggestion.clause(for: name, among: workspaces)
                case "registry": suggestion = Suggestion.clause(for: name, among: registries)
                case "hub": suggestion = Suggestion.clause(for: name, among: hubs)
                default:
                    // A subnet: the closest name in the same spoke, or the closest spoke.
                    let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
                    if parts.count == 2, let spoke = environment.spoke(named: parts[0]) {
                        suggestion =
                            Suggestion.closest(to: parts[1], among: spoke.subnets.map(\.name)).map {
                                "; did you mean '\(parts[0])/\($0)'?"
                            } ?? ""
                    } else if parts.count == 2 {
                        suggestion =
                            Suggestion.closest(to: parts[0], among: environment.spokes.map(\.name)).map {
                                "; did you mean spoke '\($0)'?"
                            } ?? ""
                    } else {
                        suggestion = ""
                    }
                }
                diagnostics.append(
                    Diagnostic(
                        .error, "REF001",
                        "\(what) '\(name)' is not declared in environment '\(environment.name)'" + suggestion,
                        note: note, at: site))
            }
            func checkWorkspace(_ name: String?, at site: SourceLocation) {
                if let name, !workspaces.contains(name) {
                    missing(
                        "workspace", name, at: site,
                        note: "declare LogAnalyticsWorkspace(\"\(name)\") or reference it with ExistingWorkspace")
                }
            }
            func checkSubnet(_ reference: SubnetReference?, at site: SourceLocation) {
                if let reference, environment.subnet(reference) == nil {
                    missing("subnet", reference.description, at: site, note: "name a subnet of a declared spoke")
                }
            }
            checkWorkspace(environment.diagnosticsWorkspace, at: environment.sites["diagnostics"] ?? environment.site)
            if let hub = environment.hub {
                checkWorkspace(hub.diagnosticsWorkspace, at: hub.sites["diagnostics"] ?? hub.site)
            }
            for spoke in environment.spokes {
                if let hub = spoke.hub, !hubs.contains(hub) {
                    missing(
                        "hub", hub, at: spoke.sites["peered"] ?? spoke.site,
                        note: "declare the hub, or reference it with ExistingHub")
                }
                checkWorkspace(spoke.diagnosticsWorkspace, at: spoke.sites["diagnostics"] ?? spoke.site)
            }
            for registry in environment.registries {
                checkSubnet(registry.privateEndpoint, at: registry.sites["privateEndpoint"] ?? registry.site)
                checkWorkspace(registry.diagnosticsWorkspace, at: registry.sites["diagnostics"] ?? registry.site)
            }
            for cluster in environment.clusters {
                checkSubnet(cluster.nodeSubnet, at: cluster.sites["nodes"] ?? cluster.site)
                for pool in cluster.nodePools {
                    checkSubnet(pool.podSubnet, at: pool.sites["podSubnet"] ?? pool.site)
                }
                checkSubnet(cluster.apiServer.subnet, at: cluster.apiServer.site)
                checkSubnet(cluster.addOns.keyVault?.privateEndpoint, at: cluster.addOns.keyVault?.site ?? cluster.site)
                checkSubnet(cluster.addOns.ingress?.subnet, at: cluster.addOns.ingress?.site ?? cluster.site)
                checkSubnet(
                    cluster.addOns.applicationGateway?.subnet,
                    at: cluster.addOns.applicationGateway?.site ?? cluster.site)
                if let registry = cluster.registry, !registries.contains(registry) {
                    missing(
                        "registry", registry, at: cluster.sites["pullsImages"] ?? cluster.site,
                        note: "declare ContainerRegistry(\"\(registry)\") in this environment")
                }
                checkWorkspace(cluster.monitoringWorkspace, at: cluster.sites["monitoring"] ?? cluster.site)
                checkWorkspace(cluster.diagnosticsWorkspace, at: cluster.sites["diagnostics"] ?? cluster.site)
                for kustomization in cluster.flux?.kustomizations ?? [] {
                    for case .registryLoginServer(let name) in kustomization.substitutions.values
                    where !registries.contains(name) {
                        missing(
                            "registry", name, at: kustomization.sites["substitute"] ?? kustomization.site,
                            note: "declare ContainerRegistry(\"\(name)\") in this environment")
                    }
                }
            }
        }
        return diagnostics
    }

    static let endpointSubnets: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            var endpoints: [(String, SubnetReference, SourceLocation)] = environment.registries.compactMap { registry in
                registry.privateEndpoint.map {
                    ("registry '\(registry.name)'", $0, registry.sites["privateEndpoint"] ?? registry.site)
                }
            }
            for workspace in environment.workspaces {
                if let subnet = workspace.privateIngestionEndpoint {
                    endpoints.append(
                        (
                            "workspace '\(workspace.name)'", subnet,
                            workspace.sites["privateIngestion"] ?? workspace.site
                        ))
                }
            }
            for cluster in environment.clusters {
                if let vault = cluster.addOns.keyVault {
                    endpoints.append(("Key Vault of '\(cluster.name)'", vault.privateEndpoint, vault.site))
                }
            }
            for (owner, reference, site) in endpoints {
                if let subnet = environment.subnet(reference), subnet.role != .privateEndpoints {
                    diagnostics.append(
                        Diagnostic(
                            .error, "REF002",
                            "the private endpoint of \(owner) is placed in subnet '\(reference.subnet)', which is not meant for endpoints",
                            note: "declare the subnet with Subnet.privateEndpoints(_:_:) and place endpoints there",
                            at: site))
                }
            }
        }
        return diagnostics
    }
}

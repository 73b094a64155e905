import SlipwayModel

/// REF001: every reference resolves to something declared or referenced as existing.
enum ReferenceRules {
    static let dangling: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            let workspaces = Set(environment.workspaces.map(\.name) + environment.workspaceReferences.map(\.name))
            let registries = Set(environment.registries.map(\.name))
            let hubs = Set([environment.hub?.name].compactMap { $0 } + environment.hubReferences.map(\.name))
            func subnetExists(_ reference: SubnetReference) -> Bool {
                environment.spokes.first { $0.name == reference.spoke }?.subnets.contains {
                    $0.name == reference.subnet
                } ?? false
            }
            func missing(_ what: String, _ name: String, at site: SourceLocation, note: String) {
                diagnostics.append(
                    Diagnostic(
                        .error, "REF001", "\(what) '\(name)' is not declared in environment '\(environment.name)'",
                        note: note, at: site))
            }
            if let target = environment.diagnosticsWorkspace, !workspaces.contains(target) {
                missing(
                    "diagnostics workspace", target, at: environment.site,
                    note: "declare LogAnalyticsWorkspace(\"\(target)\") or an ExistingWorkspace")
            }
            for spoke in environment.spokes {
                if let hub = spoke.hub, !hubs.contains(hub) {
                    missing("hub", hub, at: spoke.site, note: "declare the hub, or reference it with ExistingHub")
                }
                if let target = spoke.diagnosticsWorkspace, !workspaces.contains(target) {
                    missing(
                        "workspace", target, at: spoke.site, note: "declare the workspace or reference it as existing")
                }
            }
            for registry in environment.registries {
                if let endpoint = registry.privateEndpoint, !subnetExists(endpoint) {
                    missing(
                        "subnet", endpoint.description, at: registry.site, note: "name a subnet of a declared spoke")
                }
            }
            for cluster in environment.clusters {
                for reference in [cluster.nodeSubnet, cluster.apiServer.subnet].compactMap({ $0 })
                where !subnetExists(reference) {
                    missing(
                        "subnet", reference.description, at: cluster.site, note: "name a subnet of a declared spoke")
                }
                if let registry = cluster.registry, !registries.contains(registry) {
                    missing(
                        "registry", registry, at: cluster.site,
                        note: "declare ContainerRegistry(\"\(registry)\") in this environment")
                }
                if let workspace = cluster.monitoringWorkspace, !workspaces.contains(workspace) {
                    missing(
                        "workspace", workspace, at: cluster.site,
                        note: "declare the workspace or reference it as existing")
                }
            }
        }
        return diagnostics
    }
}

import SlipwayModel

/// NET018: workspaces that accept data only through the environment's Azure Monitor Private Link
/// Scope can be reached by what sends to them.
enum MonitorPrivateLinkRules {
    static let scope: Validator.Rule = { environments in
        environments.flatMap { environment in
            guard let scope = environment.monitorPrivateLink else { return [Diagnostic]() }
            return endpoints(scope, in: environment) + senders(scope, in: environment)
        }
    }

    /// One scope, one endpoint: every private workspace names the same subnet, in a spoke.
    static func endpoints(_ scope: MonitorPrivateLink, in environment: EnvironmentModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for workspace in environment.workspaces {
            guard let subnet = workspace.privateIngestionEndpoint else { continue }
            let site = workspace.sites["privateIngestion"] ?? workspace.site
            if environment.spoke(named: subnet.spoke) == nil || environment.subnet(subnet) == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET018",
                        "workspace '\(workspace.name)' puts its private link endpoint in '\(subnet.spoke)/\(subnet.subnet)', which is not a subnet of a spoke of environment '\(environment.name)'",
                        note: "name a Subnet.privateEndpoints subnet of one of the environment's spokes", at: site))
            } else if subnet != scope.endpoint {
                diagnostics.append(
                    Diagnostic(
                        .error, "NET018",
                        "workspace '\(workspace.name)' puts its private link endpoint in '\(subnet.spoke)/\(subnet.subnet)', and workspace '\(scope.workspaces[0])' in '\(scope.endpoint.spoke)/\(scope.endpoint.subnet)'; an environment has one Azure Monitor Private Link Scope with one endpoint, because its DNS records are shared",
                        note: "name the same subnet for every workspace with private ingestion", at: site))
            }
        }
        return diagnostics
    }

    /// Clusters sending Container Insights data reach the endpoint inside their own spoke: a spoke
    /// routes other private ranges through the hub firewall, which has no rule for them.
    static func senders(_ scope: MonitorPrivateLink, in environment: EnvironmentModel) -> [Diagnostic] {
        environment.clusters.compactMap { cluster in
            guard let workspace = cluster.monitoringWorkspace, environment.ingestsPrivately(workspace),
                let nodes = cluster.nodeSubnet, nodes.spoke != scope.endpoint.spoke
            else { return nil }
            return Diagnostic(
                .error, "NET018",
                "cluster '\(cluster.name)' in spoke '\(nodes.spoke)' sends Container Insights data to workspace '\(workspace)', which accepts it only through the private endpoint in spoke '\(scope.endpoint.spoke)'; traffic between spokes goes through the hub firewall, which does not allow it",
                note:
                    "place the cluster in spoke '\(scope.endpoint.spoke)', or send its monitoring to a workspace with public ingestion",
                at: cluster.sites["monitoring"] ?? cluster.site)
        }
    }
}

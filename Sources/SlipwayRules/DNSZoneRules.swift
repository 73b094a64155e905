import SlipwayModel

/// NET017: a central API-server zone that the cluster can write and its nodes can resolve, and
/// spokes that resolve through a hub DNS proxy that exists.
enum DNSZoneRules {
    static let zones: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.spokes.flatMap { proxy(of: $0, in: environment) }
                + environment.clusters.flatMap { central($0, in: environment) }
        }
    }

    /// Whether the hub `spoke` peers with answers DNS on its firewall: a declared hub's firewall
    /// with DNS proxy on, or a referenced hub's firewall (its owner's settings are not visible).
    static func hubAnswersDNS(for spoke: SpokeModel, in environment: EnvironmentModel) -> Bool {
        guard let hub = environment.peeredHub(of: spoke), hub.hasFirewall else { return false }
        if let declared = environment.hub, declared.name == hub.name { return declared.firewall?.dnsProxy == true }
        return true
    }

    static func proxy(of spoke: SpokeModel, in environment: EnvironmentModel) -> [Diagnostic] {
        guard spoke.resolvesDNSThroughHubFirewall else { return [] }
        if hubAnswersDNS(for: spoke, in: environment) {
            // The proxy resolves in the hub VNet, so this environment's private zones (registry,
            // Key Vault, Azure Monitor) must be linked there; only the hub's own environment can
            // do that without a second zone of the same name on the VNet, which Azure refuses.
            guard let hub = environment.peeredHub(of: spoke), environment.hub?.name != hub.name else { return [] }
            return [
                Diagnostic(
                    .error, "NET017",
                    "spoke '\(spoke.name)' resolves DNS through hub '\(hub.name)', which environment '\(environment.name)' does not declare; its private DNS zones would need links to that hub, where the hub's own environment links zones of the same names",
                    note:
                        "resolve in the spoke (remove .dnsThroughHubFirewall()), or declare the spoke in the hub's environment",
                    at: spoke.sites["dnsThroughHubFirewall"] ?? spoke.site)
            ]
        }
        return [
            Diagnostic(
                .error, "NET017",
                "spoke '\(spoke.name)' resolves DNS through the hub firewall, and its hub has no firewall with DNS proxy; the VNet would have no DNS server",
                note: "peer the spoke with a hub that has .firewall(_:), or remove .dnsThroughHubFirewall()",
                at: spoke.sites["dnsThroughHubFirewall"] ?? spoke.site)
        ]
    }

    static func central(_ cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        guard let zone = cluster.apiServer.dnsZone else { return [] }
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ note: String) {
            diagnostics.append(Diagnostic(.error, "NET017", message, note: note, at: zone.site))
        }
        guard cluster.apiServer.privateCluster else {
            error(
                "cluster '\(cluster.name)' names an API-server DNS zone and its API server is public",
                "add .privateAPIServer(in:), or remove .apiServerDNSZone(_:)")
            return diagnostics
        }
        let expected = environment.apiServerZoneName
        switch zone.owner {
        case .hub where environment.hub == nil:
            error(
                "cluster '\(cluster.name)' keeps its API-server zone in the hub, and environment '\(environment.name)' declares no hub",
                "declare a HubNetwork, or use .existing(ExistingPrivateDNSZone(…))")
        case .existing(let existing) where existing.name != expected && !existing.name.hasSuffix(".\(expected)"):
            error(
                "the API-server zone '\(existing.name)' of cluster '\(cluster.name)' is not '\(expected)' or a subzone of it, which AKS requires",
                "name the zone \(expected), or <subzone>.\(expected)")
        default: break
        }
        guard !zone.linksSpoke, let nodes = cluster.nodeSubnet, let spoke = environment.spoke(named: nodes.spoke)
        else { return diagnostics }
        // Without a spoke link, nodes find the API server only through a resolver that sees the
        // zone: the hub firewall's DNS proxy, which resolves in the hub VNet.
        let hub = environment.peeredHub(of: spoke)
        if !spoke.resolvesDNSThroughHubFirewall || !hubAnswersDNS(for: spoke, in: environment) {
            error(
                "the API-server zone of cluster '\(cluster.name)' is not linked to spoke '\(spoke.name)', and the spoke resolves through Azure DNS; its nodes could not resolve the API server",
                "link the spoke (linkingSpoke: true), or resolve through the hub with SpokeNetwork.dnsThroughHubFirewall()"
            )
        } else if case .hub = zone.owner, hub?.name != environment.hub?.name {
            error(
                "the API-server zone of cluster '\(cluster.name)' is linked to hub '\(environment.hub?.name ?? "")', and spoke '\(spoke.name)' resolves through hub '\(hub?.name ?? "")'",
                "link the spoke (linkingSpoke: true)")
        }
        return diagnostics
    }
}

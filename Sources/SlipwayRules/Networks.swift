import SlipwayModel

/// Flattened views of an environment that several rules share.
struct Network {
    var environment: String
    var name: String
    var kind: String
    var addressSpace: String
    var subnets: [SubnetModel]
    var suppressions: [Suppression]
    var site: SourceLocation
}

extension EnvironmentModel {
    /// Every VNet the environment declares: its hub, then its spokes.
    var networks: [Network] {
        var result: [Network] = []
        if let hub {
            result.append(
                Network(
                    environment: name, name: hub.name, kind: "hub", addressSpace: hub.addressSpace,
                    subnets: hub.subnets,
                    suppressions: hub.suppressions, site: hub.site))
        }
        for spoke in spokes {
            result.append(
                Network(
                    environment: name, name: spoke.name, kind: "spoke", addressSpace: spoke.addressSpace,
                    subnets: spoke.subnets, suppressions: spoke.suppressions, site: spoke.site))
        }
        return result
    }

    func spoke(named name: String) -> SpokeModel? { spokes.first { $0.name == name } }

    func subnet(_ reference: SubnetReference) -> SubnetModel? {
        spoke(named: reference.spoke)?.subnets.first { $0.name == reference.subnet }
    }

    /// The address space of the hub a spoke peers with, declared or referenced.
    func hubAddressSpace(for spoke: SpokeModel) -> (name: String, space: String, hasFirewall: Bool)? {
        if let hub, spoke.hub == nil || spoke.hub == hub.name {
            return (hub.name, hub.addressSpace, hub.firewall != nil)
        }
        let reference = hubReferences.first { spoke.hub == nil || $0.name == spoke.hub }
        return reference.map { ($0.name, $0.addressSpace, $0.firewallName != nil) }
    }
}

extension Diagnostic {
    /// Parses a CIDR that an earlier rule already validated; nil when malformed (NET001 reports it).
    static func cidr(_ text: String?) -> CIDR? {
        guard let text, let cidr = CIDR(parsing: text), !cidr.hasHostBits else { return nil }
        return cidr
    }
}

import SlipwayModel

/// Flattened views of an environment that several rules share.
struct Network {
    var environment: String
    var name: String
    var kind: String
    var addressSpace: AddressPrefix
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
}

import SlipwayModel

/// Address-plan rules: the most expensive mistakes in this domain.
enum NetworkRules {
    /// A VNet of any kind, flattened for the checks below.
    struct Network {
        var environment: String
        var name: String
        var addressSpace: String
        var subnets: [SubnetModel]
        var site: SourceLocation
    }

    static func networks(_ environment: EnvironmentModel) -> [Network] {
        var result: [Network] = []
        if let hub = environment.hub {
            result.append(
                Network(
                    environment: environment.name, name: hub.name, addressSpace: hub.addressSpace,
                    subnets: hub.subnets, site: hub.site))
        }
        for spoke in environment.spokes {
            result.append(
                Network(
                    environment: environment.name, name: spoke.name, addressSpace: spoke.addressSpace,
                    subnets: spoke.subnets, site: spoke.site))
        }
        return result
    }

    /// NET001 malformed CIDR or host bits set; NET002 subnet outside its VNet; NET003 subnets overlap.
    static let addressing: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for network in networks(environment) {
                let space = parse(
                    network.addressSpace, what: "address space of '\(network.name)'", at: network.site,
                    into: &diagnostics)
                var seen: [(SubnetModel, CIDR)] = []
                for subnet in network.subnets {
                    guard
                        let prefix = parse(
                            subnet.prefix, what: "subnet '\(subnet.name)'", at: subnet.site, into: &diagnostics)
                    else { continue }
                    if let space, !space.contains(prefix) {
                        diagnostics.append(
                            Diagnostic(
                                .error, "NET002",
                                "subnet '\(subnet.name)' \(prefix) is outside VNet '\(network.name)' \(space)",
                                note: "choose a prefix inside \(space), or widen the VNet's address space",
                                at: subnet.site))
                    }
                    for (other, otherPrefix) in seen where otherPrefix.overlaps(prefix) {
                        diagnostics.append(
                            Diagnostic(
                                .error, "NET003",
                                "subnet '\(subnet.name)' \(prefix) overlaps subnet '\(other.name)' \(otherPrefix) in VNet '\(network.name)'",
                                note: "give each subnet its own range", at: subnet.site))
                    }
                    seen.append((subnet, prefix))
                }
            }
        }
        return diagnostics
    }

    /// NET004: address spaces overlap across the VNets of every environment of the run (peered
    /// VNets must not overlap, and a shared hub is referenced from several environments).
    static let overlapsAcrossNetworks: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        var seen: [(Network, CIDR, kind: String)] = []
        for environment in environments {
            for network in networks(environment) {
                guard let space = CIDR(parsing: network.addressSpace), !space.hasHostBits else { continue }
                let kind = environment.hub?.name == network.name ? "hub" : "spoke"
                for (other, otherSpace, otherKind) in seen where otherSpace.overlaps(space) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "NET004",
                            "\(kind) '\(network.name)' \(space) overlaps \(otherKind) '\(other.name)' \(otherSpace)"
                                + (other.environment == network.environment
                                    ? "" : " of environment '\(other.environment)'"),
                            note: "peered and co-deployed VNets need disjoint address spaces", at: network.site))
                }
                seen.append((network, space, kind))
            }
        }
        return diagnostics
    }

    static func parse(_ text: String, what: String, at site: SourceLocation, into diagnostics: inout [Diagnostic])
        -> CIDR?
    {
        guard let cidr = CIDR(parsing: text) else {
            diagnostics.append(
                Diagnostic(
                    .error, "NET001", "\(what): '\(text)' is not an IPv4 CIDR",
                    note: "write it as a.b.c.d/n, for example 10.240.0.0/16", at: site))
            return nil
        }
        if cidr.hasHostBits {
            diagnostics.append(
                Diagnostic(
                    .error, "NET001", "\(what): '\(text)' has host bits set",
                    note: "use the network address \(CIDR.format(cidr.network))/\(cidr.length)", at: site))
            return nil
        }
        return cidr
    }
}

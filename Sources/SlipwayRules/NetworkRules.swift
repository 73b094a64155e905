import SlipwayModel

/// Address-plan rules: the most expensive mistakes in this domain.
enum NetworkRules {
    /// NET001 malformed CIDR or host bits set; NET002 subnet outside its VNet; NET003 subnets overlap.
    static let addressing: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for network in environment.networks {
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
    /// VNets must not overlap, and a shared hub is referenced from several environments), and with
    /// hubs referenced from outside the run.
    static let overlapsAcrossNetworks: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        var networks: [(network: Network, space: CIDR)] = []
        let declaredHubs = Set(environments.compactMap { $0.hub?.name })
        for environment in environments {
            var declared = environment.networks
            for reference in environment.hubReferences where !declaredHubs.contains(reference.name) {
                declared.append(
                    Network(
                        environment: environment.name, name: reference.name, kind: "referenced hub",
                        addressSpace: reference.addressSpace, subnets: [], suppressions: [], site: reference.site))
            }
            for network in declared {
                if let space = network.addressSpace.network { networks.append((network, space)) }
            }
        }
        // Sweep by start address: each range is compared only with earlier-starting ranges that
        // still cover its start, so disjoint address plans cost O(n log n), not O(n²).
        let order = networks.indices.sorted {
            (networks[$0].space.network, $0) < (networks[$1].space.network, $1)
        }
        var active: [Int] = []
        for index in order {
            let space = networks[index].space
            active.removeAll { networks[$0].space.last < space.network }
            for other in active {
                // Report at the later declaration, naming the earlier one, as a reviewer reads the file.
                let (later, earlier) = index > other ? (index, other) : (other, index)
                let network = networks[later].network
                let first = networks[earlier].network
                if first.name == network.name && first.kind == "referenced hub" && network.kind == "referenced hub" {
                    continue
                }
                diagnostics.append(
                    Diagnostic(
                        .error, "NET004",
                        "\(network.kind) '\(network.name)' \(networks[later].space) overlaps \(first.kind) '\(first.name)' \(networks[earlier].space)"
                            + (first.environment == network.environment
                                ? "" : " of environment '\(first.environment)'"),
                        note: "peered and co-deployed VNets need disjoint address spaces", at: network.site))
            }
            active.append(index)
        }
        return diagnostics
    }

    /// NET007 reserved subnets below their minimum size; NET008 `GatewaySubnet` below /27 (warning).
    /// (NET010, an unknown `privateEndpointNetworkPolicies` value, is retired: the value is an enum.)
    static let reservedSubnets: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        let minimum: [SubnetModel.Role: Int] = [.azureFirewall: 26, .azureBastion: 26]
        for environment in environments {
            for network in environment.networks {
                for subnet in network.subnets {
                    guard let prefix = subnet.prefix.network else { continue }
                    if let size = minimum[subnet.role], prefix.length > size {
                        diagnostics.append(
                            Diagnostic(
                                .error, "NET007",
                                "\(subnet.name) \(prefix) is smaller than the /\(size) Azure requires",
                                note: "give \(subnet.name) a /\(size) or larger", at: subnet.site))
                    }
                    if subnet.role == .gateway, prefix.length > 27 {
                        diagnostics.append(
                            Diagnostic(
                                .warning, "NET008",
                                "GatewaySubnet \(prefix) is smaller than the recommended /27",
                                note: "use a /27 or larger so gateways can scale and coexist",
                                at: subnet.site, suppressions: subnet.suppressions + network.suppressions))
                    }
                }
            }
        }
        return diagnostics
    }

    /// NET011: an environment declares more than one hub; a hub belongs to exactly one environment.
    static let singleHub: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.hubReferences.filter { $0.owningEnvironment == "\(environment.name)#second-hub" }.map {
                Diagnostic(
                    .error, "NET011", "environment '\(environment.name)' declares a second hub '\($0.name)'",
                    note: "declare one hub per environment; share it with ExistingHub or hubReference", at: $0.site)
            }
        }
    }

    /// The prefix's network, or nil after reporting NET001 (malformed, or host bits set).
    static func parse(
        _ prefix: AddressPrefix, what: String, at site: SourceLocation, into diagnostics: inout [Diagnostic]
    ) -> CIDR? {
        let text = prefix.text
        guard let cidr = prefix.cidr else {
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

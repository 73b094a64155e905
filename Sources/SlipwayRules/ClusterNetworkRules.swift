import SlipwayModel

/// Cluster address rules: pod and service ranges, the DNS service address, and subnet capacity.
enum ClusterNetworkRules {
    /// NET005: a pod or service CIDR overlaps a VNet of the run, a peered range, or each other.
    /// NET006: `dnsServiceIP` lies outside the service CIDR.
    static let ranges: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        var spaces: [(String, CIDR)] = []
        for environment in environments {
            for network in environment.networks {
                if let space = network.addressSpace.network {
                    spaces.append(("VNet '\(network.name)'", space))
                }
            }
            for reference in environment.hubReferences {
                if let space = reference.addressSpace.network {
                    spaces.append(("hub '\(reference.name)'", space))
                }
            }
        }
        let index = RangeIndex(spaces.map(\.1))
        for environment in environments {
            for cluster in environment.clusters {
                let network = cluster.network
                let site = network.site == .unknown ? cluster.site : network.site
                var ranges: [(String, CIDR)] = []
                for (label, text) in [("pod CIDR", network.podCIDR), ("service CIDR", network.serviceCIDR)] {
                    guard let text else { continue }
                    guard
                        let range = NetworkRules.parse(
                            text, what: "\(label) of '\(cluster.name)'", at: site, into: &diagnostics)
                    else { continue }
                    if index.overlapsAny(range) {
                        for (name, space) in spaces where space.overlaps(range) {
                            diagnostics.append(
                                Diagnostic(
                                    .error, "NET005",
                                    "\(label) \(range) of cluster '\(cluster.name)' overlaps \(name) \(space)",
                                    note: "pod and service ranges must be disjoint from every routable range", at: site)
                            )
                        }
                    }
                    ranges.append((label, range))
                }
                if ranges.count == 2, ranges[0].1.overlaps(ranges[1].1) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "NET005",
                            "pod CIDR \(ranges[0].1) and service CIDR \(ranges[1].1) of cluster '\(cluster.name)' overlap",
                            note: "give pods and services separate ranges", at: site))
                }
                if let service = network.serviceCIDR.network {
                    let address = CIDR.parseAddress(network.dnsServiceIP)
                    if address == nil || !service.contains(address: address!) || address == service.network {
                        diagnostics.append(
                            Diagnostic(
                                .error, "NET006",
                                "dnsServiceIP '\(network.dnsServiceIP)' of cluster '\(cluster.name)' is not a usable address of the service CIDR \(service)",
                                note: "use an address inside \(service), conventionally its .10", at: site))
                    }
                }
            }
        }
        return diagnostics
    }

    /// The extra nodes an upgrade adds: `"33%"` of `maxCount` rounded up, or a count.
    static func surge(_ maxSurge: String, maxCount: Int) -> Int? {
        if maxSurge.hasSuffix("%"), let percent = Int(maxSurge.dropLast()), (1...100).contains(percent) {
            return (maxCount * percent + 99) / 100
        }
        if let count = Int(maxSurge), count >= 1 { return count }
        return nil
    }

    /// NET009: the node pools of a subnet need more addresses than it has. Each node takes one
    /// address; under flat Azure CNI each pod takes one too. Azure reserves five per subnet.
    static let capacity: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for spoke in environment.spokes {
                for subnet in spoke.subnets {
                    guard let prefix = subnet.prefix.network else { continue }
                    let users = environment.clusters.filter {
                        $0.nodeSubnet == SubnetReference(spoke: spoke.name, subnet: subnet.name)
                    }
                    guard !users.isEmpty else { continue }
                    var needed = 5
                    var breakdown: [String] = []
                    for cluster in users {
                        let overlay = cluster.network.pluginMode == "overlay"
                        for pool in cluster.nodePools {
                            let nodes = pool.maxCount + (surge(pool.maxSurge, maxCount: pool.maxCount) ?? 0)
                            // Pods with a pod subnet of their own take no node-subnet address.
                            let perNode = overlay || pool.podSubnet != nil ? 1 : pool.maxPods + 1
                            needed += nodes * perNode
                            breakdown.append("\(cluster.name)/\(pool.name) \(nodes)×\(perNode)")
                        }
                    }
                    if UInt64(needed) > prefix.size {
                        diagnostics.append(
                            Diagnostic(
                                .error, "NET009",
                                "subnet '\(subnet.name)' \(prefix) has \(prefix.size) addresses but its node pools need \(needed) (\(breakdown.joined(separator: ", ")) + 5 reserved)",
                                note: "widen the subnet, lower maxCount, maxPods or maxSurge, or use Azure CNI overlay",
                                at: users[0].sites["nodes"] ?? users[0].site))
                    }
                }
            }
        }
        return diagnostics
    }
}

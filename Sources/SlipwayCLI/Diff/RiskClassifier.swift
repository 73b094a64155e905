import FoundationEssentials

/// Finds the changes a reviewer must look at twice: deletions, replacements forced by immutable
/// properties, and loosened security.
enum RiskClassifier {
    static func risks(in diff: ModelDiff.EnvironmentDiff) -> [String] {
        var risks: [String] = []
        if diff.status == "removed" {
            risks.append("deletes environment '\(diff.name)' and every resource it deployed")
        }
        for change in diff.workloads where change.old != nil && change.new != nil {
            let field = change.key.split(separator: ".").last.map(String.init) ?? ""
            let transition = "\(change.old!) → \(change.new!)"
            switch field {
            case "cluster", "namespace", "delivery":
                risks.append(
                    "workload \(change.key) \(transition): the old placement's objects are pruned or left behind")
            case "identity", "serviceAccount":
                risks.append("security: workload \(change.key) \(transition) changes what the pods may access")
            default: break
            }
        }
        if let strategy = diff.strategy {
            var risk =
                "changes how deploy.sh deploys: \(strategy.old ?? "") → \(strategy.new ?? "") (deny settings and what a removal does change with it)"
            if strategy.old?.contains("\"stack\"") == true, strategy.new?.contains("\"incremental\"") == true {
                risk +=
                    "; the units' stacks and their deny assignments stay in Azure and block incremental deployments: delete each with az stack group delete --action-on-unmanage detachAll first"
            }
            risks.append(risk)
        }
        if !diff.upgrades.isEmpty {
            risks.append("upgrades Kubernetes, in deploy order: " + diff.upgrades.joined(separator: "; then "))
        }
        let removal = diff.removal.verb
        for unit in diff.units {
            let at = "(\(unit.file))"
            if unit.status == "removed" {
                risks.append(
                    diff.removal.action == "incremental"
                        ? "removes deployment unit '\(unit.name)' from the DSL: \(removal) what it deployed \(at)"
                        : "\(removal) deployment unit '\(unit.name)': deploy.sh deletes its stack with --action-on-unmanage \(diff.removal.action) \(at)"
                )
            }
            for resource in unit.removed {
                var risk = "\(removal) \(resource.type) '\(resource.symbol)' \(at)"
                if resource.type.split(separator: "@").first == "Microsoft.Network/privateEndpoints" {
                    risk += "; security: a private endpoint is removed"
                }
                risks.append(risk)
            }
            for resource in unit.added
            where resource.type.hasPrefix("Microsoft.Network/firewallPolicies/ruleCollectionGroups@") {
                risks.append("security: adds firewall rule collection group '\(resource.symbol)' \(at)")
            }
            for resource in unit.changed {
                risks += changedResourceRisks(resource, at: at)
            }
        }
        return risks
    }

    static func changedResourceRisks(_ resource: ModelDiff.ResourceChange, at: String) -> [String] {
        var risks: [String] = []
        let type = resource.type.split(separator: "@").first.map(String.init) ?? resource.type
        for change in resource.properties {
            let key = change.key
            let transition = "\(change.old ?? "(none)") → \(change.new ?? "(none)")"
            switch type {
            case "Microsoft.ContainerService/managedClusters":
                if let pool = poolName(key),
                    ["vmSize", "availabilityZones", "osDiskType", "osType", "osSKU", "scaleSetPriority", "podSubnetID"]
                        .contains(where: {
                            key.hasSuffix("].\($0)") || key.contains("].\($0)[")
                        })
                {
                    risks.append("replaces node pool '\(pool)' of '\(resource.symbol)': \(key) \(transition) \(at)")
                }
                if ["name", "location", "properties.dnsPrefix"].contains(key) {
                    risks.append("replaces cluster '\(resource.symbol)': \(key) \(transition) \(at)")
                }
                if key == "properties.disableLocalAccounts", change.new == "false" {
                    risks.append("security: local accounts enabled on '\(resource.symbol)' \(at)")
                }
                if key.hasPrefix("properties.apiServerAccessProfile.authorizedIPRanges"), change.new != nil,
                    !covered(change.new, by: change.old)
                {
                    risks.append("security: authorized IP ranges widened on '\(resource.symbol)': \(transition) \(at)")
                }
            case "Microsoft.ContainerService/managedClusters/agentPools":
                if [
                    "properties.vmSize", "properties.osType", "properties.osSKU", "properties.scaleSetPriority",
                    "properties.podSubnetID", "properties.osDiskType",
                ].contains(key)
                    || key.hasPrefix("properties.availabilityZones")
                {
                    risks.append("replaces node pool '\(resource.symbol)': \(key) \(transition) \(at)")
                }
            case "Microsoft.Network/virtualNetworks":
                if key.hasPrefix("properties.addressSpace.addressPrefixes")
                    || key.hasSuffix(".properties.addressPrefix")
                {
                    if change.new == nil || !covered(change.old, by: change.new) {
                        let what =
                            key.hasPrefix("properties.subnets[")
                            ? "subnet \(key.split(separator: "]")[0].dropFirst("properties.subnets[".count))"
                            : "address space"
                        risks.append("shrinks or moves \(what) of '\(resource.symbol)': \(transition) \(at)")
                    }
                }
            case "Microsoft.Network/firewallPolicies/ruleCollectionGroups":
                if change.old == nil, key.contains(".rules[") {
                    risks.append("security: firewall rule added to '\(resource.symbol)': \(key) \(at)")
                }
            default:
                break
            }
            if key.hasSuffix("publicNetworkAccess") && change.new == "Enabled" {
                risks.append("security: public network access enabled on '\(resource.symbol)' \(at)")
            }
        }
        // One risk per replaced pool is enough.
        var seen: Set<String> = []
        return risks.filter { seen.insert($0).inserted }
    }

    static func poolName(_ key: String) -> String? {
        guard key.hasPrefix("properties.agentPoolProfiles["), let end = key.firstIndex(of: "]") else { return nil }
        return String(key[key.index(key.startIndex, offsetBy: "properties.agentPoolProfiles[".count)..<end])
    }

    /// Whether every CIDR in `inner` lies inside one of `outer` (both as printed values).
    static func covered(_ inner: String?, by outer: String?) -> Bool {
        let innerRanges = cidrs(in: inner)
        let outerRanges = cidrs(in: outer)
        guard !innerRanges.isEmpty else { return true }
        return innerRanges.allSatisfy { range in outerRanges.contains { $0.contains(range) } }
    }

    static func cidrs(in text: String?) -> [CIDRRange] {
        guard let text else { return [] }
        return text.split(whereSeparator: { "\"[], ".contains($0) }).compactMap { CIDRRange(String($0)) }
    }
}

/// A minimal CIDR for risk checks (the model's CIDR type lives in SlipwayModel).
struct CIDRRange {
    let network: UInt32
    let last: UInt32

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let length = UInt32(parts[1]), length <= 32 else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 <= 255 }) else { return nil }
        let address = octets.reduce(0) { $0 << 8 | $1 }
        let mask: UInt32 = length == 0 ? 0 : UInt32.max << (32 - length)
        network = address & mask
        last = network | ~mask
    }

    func contains(_ other: CIDRRange) -> Bool { other.network >= network && other.last <= last }
}

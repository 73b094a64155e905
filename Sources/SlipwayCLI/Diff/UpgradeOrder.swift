import SlipwayModel

/// The Kubernetes version changes between two models of an environment, per cluster unit in the
/// order `deploy.sh` deploys them: the control plane (with the pools of its `agentPoolProfiles`)
/// first, then each pool with its own version, one at a time.
enum UpgradeOrder {
    typealias JSON = ModelDiff.JSON

    static func steps(old: JSON?, new: JSON?) -> [String] {
        guard let old, let new else { return [] }
        let oldUnits = old["units"] as? JSON ?? [:]
        let newUnits = new["units"] as? JSON ?? [:]
        let order = (new["deployOrder"] as? [Any])?.compactMap { $0 as? String } ?? newUnits.keys.sorted()
        var steps: [String] = []
        for unit in order where unit.hasPrefix("cluster-") {
            guard let before = oldUnits[unit] as? JSON, let after = newUnits[unit] as? JSON else { continue }
            let oldPools = poolVersions(before)
            let newPools = poolVersions(after)
            let oldVersion = (before["parameters"] as? JSON)?["kubernetesVersion"] as? String
            let newVersion = (after["parameters"] as? JSON)?["kubernetesVersion"] as? String
            var parts: [String] = []
            if let oldVersion, let newVersion, !same(oldVersion, newVersion) {
                let following = newPools.filter { !$0.ownResource && $0.version == newVersion }.map(\.name)
                parts.append(
                    "control plane \(oldVersion) → \(newVersion)"
                        + (following.isEmpty ? "" : ", then pools \(following.joined(separator: ", ")) with it"))
            }
            for pool in newPools where pool.ownResource || parts.isEmpty {
                guard let previous = oldPools.first(where: { $0.name == pool.name }),
                    !same(previous.version, pool.version)
                else { continue }
                parts.append("pool \(pool.name) \(previous.version) → \(pool.version)")
            }
            if !parts.isEmpty { steps.append("\(unit): " + parts.joined(separator: ", then ")) }
        }
        return steps
    }

    /// Equal, or the same minor where one side is MAJOR.MINOR (a channel picks the patch): turning
    /// a channel on or off moves no version.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a != b else { return true }
        guard let left = KubernetesVersion(a), let right = KubernetesVersion(b) else { return false }
        return left.minorText == right.minorText && (left.patch == nil || right.patch == nil)
    }

    struct Pool {
        var name: String
        var version: String
        /// Deployed as its own `agentPools` resource, after the cluster.
        var ownResource: Bool
    }

    /// The unit's pools in template order: `agentPoolProfiles` (sorted by name), then the
    /// `agentPools` resources (sorted by symbol, which is their deploy order's tie-breaker).
    static func poolVersions(_ unit: JSON) -> [Pool] {
        let resources = unit["resources"] as? JSON ?? [:]
        var inProfile: [Pool] = []
        var own: [Pool] = []
        for symbol in resources.keys.sorted() {
            guard let resource = resources[symbol] as? JSON, let properties = resource["properties"] as? JSON else {
                continue
            }
            switch resource["type"] as? String {
            case "Microsoft.ContainerService/managedClusters":
                for key in properties.keys.sorted()
                where key.hasPrefix("properties.agentPoolProfiles[") && key.hasSuffix("].orchestratorVersion") {
                    let name = key.dropFirst("properties.agentPoolProfiles[".count).dropLast(
                        "].orchestratorVersion".count)
                    if let version = properties[key] as? String {
                        inProfile.append(Pool(name: String(name), version: version, ownResource: false))
                    }
                }
            case "Microsoft.ContainerService/managedClusters/agentPools":
                if let name = properties["name"] as? String,
                    let version = properties["properties.orchestratorVersion"] as? String
                {
                    own.append(Pool(name: name, version: version, ownResource: true))
                }
            default: break
            }
        }
        return inProfile + own
    }
}

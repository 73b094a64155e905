import SlipwayModel

/// The Azure roles the identity that runs `deploy.sh` needs, read from what the templates create:
/// `deploy.sh` creates resource groups (a subscription-scope write), every unit writes resources
/// (Contributor), and a template that creates role assignments or policy assignments needs
/// `Microsoft.Authorization/*/write`, which Contributor explicitly lacks.
enum DeployingIdentity {
    /// The resource types, including those of modules a unit calls, that need authorization writes.
    static func authorizationWrites(in units: [ResolvedModelRenderer.Unit]) -> [String: [String]] {
        var found: [String: Set<String>] = [:]
        func scan(_ template: BicepTemplate, unit: String) {
            for resource in template.resources where !resource.existing {
                if resource.type.hasPrefix("Microsoft.Authorization/") {
                    found[resource.type, default: []].insert(unit)
                }
            }
            for module in template.modules {
                if let called = template.template(of: module) { scan(called, unit: unit) }
            }
        }
        for unit in units { scan(unit.template, unit: unit.name) }
        return found.mapValues { $0.sorted() }
    }

    static func lines(_ environment: EnvironmentModel, units: [ResolvedModelRenderer.Unit]) -> [String] {
        let writes = authorizationWrites(in: units)
        let subscriptions = Set(units.map { $0.group.subscription ?? "the deployment's subscription" }).sorted()
        var lines = [
            "The identity that runs `deploy.sh` (the pipeline's app registration, or you) needs, on \(subscriptions.map { "`\($0)`" }.joined(separator: ", ")):",
            "",
        ]
        if writes.isEmpty {
            lines.append(
                "- **Contributor**: `deploy.sh` creates the resource groups and every unit writes resources; no template assigns roles or policies"
            )
        } else {
            let kinds = writes.keys.sorted().map { type in
                "`\(type)` (\(writes[type]!.map { "`\($0)`" }.joined(separator: ", ")))"
            }
            let policies = writes.keys.contains { $0.hasPrefix("Microsoft.Authorization/policy") }
            lines += [
                "- **Owner**, or **Contributor** plus **User Access Administrator**: `deploy.sh` creates the resource groups, every unit writes resources, and these templates create \(kinds.joined(separator: ", ")), which Contributor cannot (`Microsoft.Authorization/*/Write` is in its `notActions`)"
                    + (policies
                        ? "; Role Based Access Control Administrator is not enough here, since it writes role assignments only (add Resource Policy Contributor for the policies)"
                        : "; Role Based Access Control Administrator, limited by a condition to the roles these templates assign, can replace User Access Administrator")
            ]
        }
        if units.contains(where: { $0.template.parameters.contains { $0.keyVaultSecret != nil } }) {
            lines.append(
                "- `Microsoft.KeyVault/vaults/deploy/action` on the bootstrap vault `\(environment.secretsVaultID ?? "(not set)")` (Owner or Contributor there), so ARM reads the parameter files' Key Vault references"
            )
        }
        lines += centralZoneGroups(environment)
        lines += [
            "- for `deploy.sh validate` and `deploy.sh what-if` (the pull-request preflight): the same roles, because ARM checks a preview's permissions as it checks a deployment's",
            "",
            stackRoles(environment.deployment.stack),
        ]
        return lines
    }

    /// The groups of API-server zones another team owns: the cluster stamp's zone-access module
    /// assigns a role and may create a VNet link there.
    static func centralZoneGroups(_ environment: EnvironmentModel) -> [String] {
        var zones: [String: [String]] = [:]
        for cluster in environment.clusters {
            guard case .existing(let zone)? = cluster.apiServer.dnsZone?.owner else { continue }
            let group = zone.resourceGroup
            let subscription = group.subscription.map { " in subscription `\($0)`" } ?? ""
            let key = "the resource group `\(group.name)`\(subscription) of the API-server zone `\(zone.name)`"
            zones[key, default: []].append(cluster.name)
        }
        return zones.keys.sorted().map { key in
            "- on \(key): **Owner**, or **Private DNS Zone Contributor** plus **Role Based Access Control Administrator** (the zone-access module of \(zones[key]!.map { "`cluster-\($0)`" }.joined(separator: ", ")) gives the control-plane identity Private DNS Zone Contributor on the zone and links it to the spoke)"
        }
    }

    /// What the deployment strategy adds: deny settings need their own permission.
    static func stackRoles(_ stack: DeploymentStackModel?) -> String {
        guard let stack else {
            return
                "Deployment stacks with deny settings, if used, need **Owner** or **Azure Deployment Stack Owner**."
        }
        guard stack.denyMode != "none" else {
            return
                "Each unit is a deployment stack without deny settings: the roles above cover `Microsoft.Resources/deploymentStacks/*`."
        }
        return
            "Each unit is a deployment stack with deny settings (`\(stack.denyMode)`): creating, updating or deleting it needs `Microsoft.Resources/deploymentStacks/manageDenySetting/action` on the resource groups — **Owner** or **Azure Deployment Stack Owner**; Contributor plus User Access Administrator is not enough."
    }
}

import SlipwayModel

/// The README's account of the deployment strategy: what happens to a resource or unit the DSL
/// removes, and with deployment stacks, what each unit's deny settings block and who is excluded.
enum StackReadme {
    static func lines(_ environment: EnvironmentModel, units: [String]) -> [String] {
        guard let stack = environment.deployment.stack else {
            return [
                "Incremental deployments: a resource or unit removed from the DSL stays in Azure, unmanaged. `slipway diff` lists it under risky changes; delete it by hand, or switch to `.deployment(.stack(…))`."
            ]
        }
        let action =
            switch stack.actionOnUnmanage {
            case "detachAll": "detached: it stays in Azure, no longer managed (`--action-on-unmanage detachAll`)"
            case "deleteAll": "deleted, with any resource group the stack manages (`--action-on-unmanage deleteAll`)"
            default: "deleted (`--action-on-unmanage deleteResources`)"
            }
        var lines = [
            "Each unit is a deployment stack named `\(environment.name)-<unit>`. A resource removed from the DSL is \(action); a unit removed from the DSL has its stack deleted by `deploy.sh` the same way.",
            "",
            "Deny settings (never applied to child scopes, so A records, agent pools and role assignments under these resources stay writable; see docs/deployment-stacks.md in Slipway):",
            "",
            "| Unit | Deny mode | Excluded actions |",
            "| --- | --- | --- |",
        ]
        for unit in units {
            let mode = StackDenySettings.mode(of: unit, in: stack)
            let excluded = StackDenySettings.excludedActions(of: unit, in: stack)
            lines.append(
                "| `\(unit)` | `\(mode)` | \(excluded.isEmpty ? "none" : excluded.map { "`\($0)`" }.joined(separator: "<br>")) |"
            )
        }
        let blocked =
            stack.denyMode == "denyWriteAndDelete"
            ? "Under `denyWriteAndDelete` nobody but the stack may change or delete the units' resources (reads, and the excluded actions, stay allowed): a portal edit or `az aks update` fails with a deny assignment error, and changes go through the DSL."
            : stack.denyMode == "denyDelete"
                ? "Under `denyDelete` nobody but the stack may delete the units' resources; changes are still possible and `slipway drift` reports them."
                : "No deny assignment: anyone with access may change or delete the resources; `slipway drift` reports changes."
        lines += ["", blocked]
        lines.append(
            stack.excludedPrincipals.isEmpty
                ? "No principal is excluded from the deny assignments."
                : "Excluded from the deny assignments: \(stack.excludedPrincipals.map { "`\($0)`" }.joined(separator: ", ")) (Entra object IDs)."
        )
        return lines
    }
}

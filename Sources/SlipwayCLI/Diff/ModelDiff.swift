import FoundationEssentials
import SlipwayModel

/// Compares two resolved models (`slipway-model.json`) of one environment: parameters, resources,
/// modules, resolved properties and Flux files, each mapped back to the files it affects.
struct ModelDiff {
    struct Change: Equatable {
        var key: String
        var old: String?
        var new: String?
    }

    struct ResourceChange: Equatable {
        var symbol: String
        var type: String
        var properties: [Change]
    }

    struct UnitDiff: Equatable {
        var name: String
        var file: String
        var status: String
        /// `<unit>.parameters.json` or `<unit>.bicepparam`.
        var parameterFile = ""
        var parameters: [Change] = []
        var added: [ResourceChange] = []
        var removed: [ResourceChange] = []
        var changed: [ResourceChange] = []

        var isEmpty: Bool {
            status == "changed" && parameters.isEmpty && added.isEmpty && removed.isEmpty && changed.isEmpty
        }

        /// The generated files this unit's changes touch.
        var files: [String] {
            var files = [file]
            if !parameters.isEmpty || status != "changed" {
                files.append(parameterFile.isEmpty ? file.replacing(".bicep", with: ".parameters.json") : parameterFile)
            }
            return files
        }
    }

    struct EnvironmentDiff: Equatable {
        var name: String
        var status: String
        var units: [UnitDiff] = []
        var flux: [Change] = []
        var workloads: [Change] = []
        /// What a removal does under the environment's deployment strategy.
        var removal = Removal(deployment: nil)
        /// A changed deployment strategy (incremental, or a stack's unmanage action and deny mode).
        var strategy: Change?
        /// Kubernetes version changes, in the order `deploy.sh` applies them.
        var upgrades: [String] = []
        var risks: [String] = []

        var isEmpty: Bool {
            status == "changed" && units.isEmpty && flux.isEmpty && workloads.isEmpty && strategy == nil
        }
    }

    typealias JSON = [String: Any]

    /// What happens in Azure to a resource or unit the DSL no longer declares.
    struct Removal: Equatable {
        /// `incremental`, or the stack's `--action-on-unmanage` value.
        var action: String

        init(deployment: JSON?) {
            action =
                deployment?["strategy"] as? String == "stack"
                ? deployment?["actionOnUnmanage"] as? String ?? "detachAll" : "incremental"
        }

        /// `deletes`, `detaches`, or (incremental) `leaves in Azure`.
        var verb: String {
            switch action {
            case "incremental": return "leaves in Azure (incremental deployments delete nothing)"
            case "detachAll": return "detaches (leaves in Azure, unmanaged)"
            default: return "deletes"
            }
        }
    }

    /// A canonical text for any JSON value: strings as they are, everything else as sorted JSON.
    static func text(_ value: Any?) -> String? {
        guard let value else { return nil }
        if let string = value as? String { return string }
        return JSONReader.canonicalText(value)
    }

    static func changes(_ old: JSON, _ new: JSON) -> [Change] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            let before = text(old[key])
            let after = text(new[key])
            return before == after ? nil : Change(key: key, old: before, new: after)
        }
    }

    static func environment(name: String, old: JSON?, new: JSON?) -> EnvironmentDiff {
        let status = old == nil ? "added" : new == nil ? "removed" : "changed"
        var diff = EnvironmentDiff(name: name, status: status)
        let oldUnits = old?["units"] as? JSON ?? [:]
        let newUnits = new?["units"] as? JSON ?? [:]
        for unitName in Set(oldUnits.keys).union(newUnits.keys).sorted() {
            let before = oldUnits[unitName] as? JSON
            let after = newUnits[unitName] as? JSON
            var unit = UnitDiff(
                name: unitName, file: (after ?? before)?["file"] as? String ?? "\(unitName).bicep",
                status: before == nil ? "added" : after == nil ? "removed" : "changed")
            let format = ParameterFileFormat(rawValue: (new ?? old)?["parameterFiles"] as? String ?? "json") ?? .json
            unit.parameterFile = format.fileName(of: unitName)
            unit.parameters = changes(before?["parameters"] as? JSON ?? [:], after?["parameters"] as? JSON ?? [:])
            for section in ["resources", "modules"] {
                let oldResources = before?[section] as? JSON ?? [:]
                let newResources = after?[section] as? JSON ?? [:]
                for symbol in Set(oldResources.keys).union(newResources.keys).sorted() {
                    let a = oldResources[symbol] as? JSON
                    let b = newResources[symbol] as? JSON
                    let type =
                        section == "modules"
                        ? "module \((b ?? a)?["file"] as? String ?? "")"
                        : [(b ?? a)?["type"] as? String, (b ?? a)?["apiVersion"] as? String].compactMap { $0 }
                            .joined(separator: "@")
                    let properties = changes(
                        flattenedProperties(a, section: section), flattenedProperties(b, section: section))
                    let change = ResourceChange(symbol: symbol, type: type, properties: properties)
                    if a == nil {
                        unit.added.append(change)
                    } else if b == nil {
                        unit.removed.append(change)
                    } else if !properties.isEmpty {
                        unit.changed.append(change)
                    }
                }
            }
            if !unit.isEmpty { diff.units.append(unit) }
        }
        diff.removal = Removal(deployment: (new ?? old)?["deployment"] as? JSON)
        if let old, let new {
            let before = text(old["deployment"] ?? ["strategy": "incremental"])
            let after = text(new["deployment"] ?? ["strategy": "incremental"])
            if before != after { diff.strategy = Change(key: "deployment", old: before, new: after) }
        }
        diff.upgrades = UpgradeOrder.steps(old: old, new: new)
        diff.flux = changes(old?["flux"] as? JSON ?? [:], new?["flux"] as? JSON ?? [:])
        diff.workloads = changes(old?["workloads"] as? JSON ?? [:], new?["workloads"] as? JSON ?? [:])
        diff.risks = RiskClassifier.risks(in: diff)
        return diff
    }

    /// A resource's properties plus its count and API version, or a module's scope and parameters.
    static func flattenedProperties(_ resource: JSON?, section: String) -> JSON {
        guard let resource else { return [:] }
        if section == "modules" {
            var result = resource["parameters"] as? JSON ?? [:]
            result["(scope)"] = resource["scope"]
            return result
        }
        var result = resource["properties"] as? JSON ?? [:]
        result["(apiVersion)"] = resource["apiVersion"]
        if let count = resource["count"] { result["(count)"] = count }
        return result
    }
}

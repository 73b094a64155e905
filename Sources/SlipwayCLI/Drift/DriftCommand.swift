import FoundationEssentials
import SlipwayModel
import SlipwayRender

/// `slipway drift ENVIRONMENT`: the live resources against the committed `slipway-model.json`.
enum DriftCommand {
    static let help = """
        usage: slipway drift ENVIRONMENT [--output DIR] [--format text|markdown]

        Reads Output/ENVIRONMENT/slipway-model.json and, with the Azure CLI, every resource it
        lists: `az resource list` per resource group, then `az resource show --ids ID
        --api-version V` with the API version the templates pin (another version answers in
        another shape, and everything would look drifted). Reports, per resource, properties
        changed or removed in Azure, array items added there (a security rule, a subnet, a pool),
        and resources that are missing. Compares the paths and canonical values `slipway diff`
        uses, without case; skips values resolved only at deploy time and the properties Azure
        fills in (docs/drift.md lists them per type). Extension resources (role assignments,
        diagnostic settings) and resources deployed through modules into other groups are counted
        as not compared.

        Exit 0 when nothing drifted, 1 when something did, 6 when Azure could not be read.

        examples:
          slipway drift prod
          slipway drift prod --format markdown > drift.md
        """

    /// One model resource and where to find it.
    struct Target {
        var unit: String
        var symbol: String
        var type: String
        var apiVersion: String
        var name: String?
        var properties: [String: Any]
        var group: ResourceGroupModel
    }

    struct Report {
        var environment: String
        var drifted: [(target: String, findings: [DriftComparison.Finding])] = []
        var missing: [String] = []
        var unresolved: [String] = []
        var compared = 0
        var notCompared = 0

        var isEmpty: Bool { drifted.isEmpty && missing.isEmpty }
    }

    static func run(_ arguments: Arguments, _ standardOutput: (String) -> Void) throws -> ExitCode {
        guard arguments.files.count == 1, let environment = arguments.files.first else {
            throw CLIFailure(code: .usage, message: "slipway drift: name one environment\n\n" + help)
        }
        let format = arguments.options["--format"] ?? "text"
        guard ["text", "markdown"].contains(format) else {
            throw CLIFailure(code: .usage, message: "slipway drift: unknown format '\(format)'")
        }
        let file = URL(fileURLWithPath: arguments.output).appendingPathComponent(environment)
            .appendingPathComponent(EnvironmentRenderer.modelFile)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw CLIFailure(
                code: .usage, message: "slipway drift: \(file.relativePath) does not exist; run slipway generate first")
        }
        guard let model = JSONReader.parse(text) as? ModelDiff.JSON else {
            throw CLIFailure(code: .ioError, message: "slipway drift: \(file.relativePath) is not a Slipway model")
        }
        guard let az = Toolchain.findExecutable("az") else {
            throw CLIFailure(code: .ioError, message: "slipway drift: the Azure CLI (az) is not on PATH")
        }
        let report = try drift(environment: environment, model: model, azure: AzureReader(az: az))
        standardOutput(format == "markdown" ? markdown(report) : self.text(report))
        return report.isEmpty ? .ok : .changes
    }

    static func drift(environment: String, model: ModelDiff.JSON, azure: AzureReader) throws -> Report {
        var report = Report(environment: environment)
        let (targets, skipped) = self.targets(in: model)
        report.notCompared = skipped
        var listings: [ResourceGroupModel: [[String: Any]]] = [:]
        var resolvedIDs: [String: String] = [:]  // unit/symbol → live ID
        for target in targets {
            let label = "\(target.unit)/\(target.symbol) (\(target.type))"
            if listings[target.group] == nil { listings[target.group] = try azure.list(target.group) }
            guard
                let id = try resourceID(
                    of: target, listing: listings[target.group]!, among: targets, resolved: resolvedIDs)
            else {
                if target.name == nil {
                    report.unresolved.append(label)
                } else {
                    report.missing.append(label)
                }
                continue
            }
            resolvedIDs["\(target.unit)/\(target.symbol)"] = id
            guard let live = try azure.show(id: id, apiVersion: target.apiVersion) else {
                report.missing.append(label)
                continue
            }
            report.compared += 1
            var comparison = DriftComparison(type: target.type, model: target.properties)
            if target.type == "Microsoft.ContainerService/managedClusters" {
                // Pools with their own version are agentPools resources; the cluster lists them too.
                comparison.declaredElsewhere["properties.agentPoolProfiles"] = Set(
                    targets.filter {
                        $0.unit == target.unit && $0.type == "Microsoft.ContainerService/managedClusters/agentPools"
                    }.compactMap(\.name))
            }
            let findings = comparison.findings(live: LiveResource.flatten(live))
            if !findings.isEmpty { report.drifted.append((label, findings)) }
        }
        return report
    }

    /// Every resource the model's units deploy themselves, and how many it cannot compare.
    static func targets(in model: ModelDiff.JSON) -> ([Target], Int) {
        var targets: [Target] = []
        var skipped = 0
        let units = model["units"] as? ModelDiff.JSON ?? [:]
        for unit in units.keys.sorted() {
            guard let content = units[unit] as? ModelDiff.JSON,
                let groupJSON = content["resourceGroup"] as? ModelDiff.JSON,
                let groupName = groupJSON["name"] as? String
            else { continue }
            let group = ResourceGroupModel(name: groupName, subscription: groupJSON["subscription"] as? String)
            let resources = content["resources"] as? ModelDiff.JSON ?? [:]
            for symbol in resources.keys.sorted() {
                guard let resource = resources[symbol] as? ModelDiff.JSON, let type = resource["type"] as? String,
                    let apiVersion = resource["apiVersion"] as? String
                else { continue }
                let properties = resource["properties"] as? ModelDiff.JSON ?? [:]
                // Module resources deploy elsewhere; extension resources and loops have no single name.
                if symbol.contains("/") || extensionTypes.contains(type) || resource["count"] != nil {
                    skipped += 1
                    continue
                }
                let name = (properties["name"] as? String).flatMap(literalName)
                targets.append(
                    Target(
                        unit: unit, symbol: symbol, type: type, apiVersion: apiVersion, name: name,
                        properties: properties, group: group))
            }
        }
        return (targets, skipped)
    }

    /// A name the model knows: a plain string, or an expression that is only a quoted literal
    /// (`='mi-aks-controlplane'`); nil for one computed at deploy time.
    static func literalName(_ text: String) -> String? {
        guard text.hasPrefix("=") else { return text }
        let body = text.dropFirst()
        guard body.count >= 2, body.hasPrefix("'"), body.hasSuffix("'"), !body.contains("${") else { return nil }
        let inner = body.dropFirst().dropLast()
        return inner.contains("'") ? nil : String(inner)
    }

    /// Types that attach to another resource's scope: their names are GUIDs computed at deploy time.
    static let extensionTypes: Set<String> = [
        "Microsoft.Authorization/roleAssignments", "Microsoft.Insights/diagnosticSettings",
        "Microsoft.Insights/dataCollectionRuleAssociations", "Microsoft.Authorization/policyAssignments",
        "Microsoft.KubernetesConfiguration/extensions", "Microsoft.KubernetesConfiguration/fluxConfigurations",
    ]

    /// The live ID of `target`: a top-level resource by type and name from the group's listing
    /// (the only one of its type when the name is computed at deploy time), a child resource
    /// under its parent, the only resource of the parent's type in the same unit.
    static func resourceID(
        of target: Target, listing: [[String: Any]], among targets: [Target], resolved: [String: String]
    ) throws -> String? {
        let segments = target.type.split(separator: "/")
        if segments.count == 2 {
            let candidates = listing.filter { same($0["type"] as? String, target.type) }
            if let name = target.name {
                let match = candidates.first { same($0["name"] as? String, name) }
                return match?["id"] as? String
            }
            return candidates.count == 1 ? candidates[0]["id"] as? String : nil
        }
        let parentType = segments.dropLast().joined(separator: "/")
        let parents = targets.filter { $0.unit == target.unit && $0.type == parentType }
        guard let name = target.name, parents.count == 1,
            let parentID = try resolved["\(target.unit)/\(parents[0].symbol)"]
                ?? resourceID(of: parents[0], listing: listing, among: targets, resolved: resolved)
        else { return nil }
        return "\(parentID)/\(segments.last!)/\(name)"
    }

    /// Azure compares types and names without case.
    static func same(_ live: String?, _ model: String) -> Bool { live?.lowercased() == model.lowercased() }

    static func text(_ report: Report) -> String {
        var lines = ["drift in \(report.environment):"]
        if report.isEmpty { lines.append("  none") }
        for (target, findings) in report.drifted {
            lines.append("  \(target)")
            for finding in findings {
                switch finding.kind {
                case .changed:
                    lines.append(
                        "    ~ \(finding.path): \(finding.model ?? "") → \(finding.live ?? "") (changed in Azure)")
                case .removed: lines.append("    - \(finding.path): \(finding.model ?? "") (missing in Azure)")
                case .added: lines.append("    + \(finding.path) (added in Azure)")
                }
            }
        }
        for missing in report.missing { lines.append("  - \(missing): not found in Azure") }
        lines.append(summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ report: Report) -> String {
        var lines = ["## Drift in `\(report.environment)`", ""]
        if report.isEmpty { lines.append("None.") }
        for (target, findings) in report.drifted {
            lines.append("- `\(target)`")
            for finding in findings {
                let what =
                    switch finding.kind {
                    case .changed: "`\(finding.model ?? "")` → `\(finding.live ?? "")` (changed in Azure)"
                    case .removed: "`\(finding.model ?? "")` (missing in Azure)"
                    case .added: "added in Azure"
                    }
                lines.append("  - `\(finding.path)`: \(what)")
            }
        }
        for missing in report.missing { lines.append("- `\(missing)`: not found in Azure") }
        lines += ["", summary(report)]
        return lines.joined(separator: "\n") + "\n"
    }

    static func summary(_ report: Report) -> String {
        var text =
            "\(report.compared) resources compared, \(report.drifted.count) drifted, \(report.missing.count) missing; \(report.notCompared) not compared (extension resources, loops, module resources)"
        if !report.unresolved.isEmpty {
            text += "; named at deploy time and not identifiable: \(report.unresolved.joined(separator: ", "))"
        }
        return text
    }
}

/// Reads Azure through the CLI.
struct AzureReader {
    let az: URL

    func list(_ group: ResourceGroupModel) throws -> [[String: Any]] {
        var arguments = ["resource", "list", "--resource-group", group.name, "--output", "json"]
        if let subscription = group.subscription { arguments += ["--subscription", subscription] }
        let result = try Subprocess.run(az, arguments, captureOutput: true, separateStandardOutput: true)
        if result.status != 0 {
            if result.output.contains("ResourceGroupNotFound") { return [] }
            throw CLIFailure(
                code: .ioError,
                message: "slipway drift: az \(arguments.joined(separator: " ")) failed: \(result.output)")
        }
        guard let items = JSONReader.parse(result.standardOutput) as? [Any] else {
            throw CLIFailure(
                code: .ioError, message: "slipway drift: az resource list for \(group.name) did not return a list")
        }
        return items.compactMap { $0 as? [String: Any] }
    }

    /// The resource, or nil when Azure says it does not exist.
    func show(id: String, apiVersion: String) throws -> [String: Any]? {
        let arguments = ["resource", "show", "--ids", id, "--api-version", apiVersion, "--output", "json"]
        let result = try Subprocess.run(az, arguments, captureOutput: true, separateStandardOutput: true)
        if result.status != 0 {
            if result.output.contains("NotFound") { return nil }
            throw CLIFailure(
                code: .ioError, message: "slipway drift: az resource show --ids \(id) failed: \(result.output)")
        }
        guard let resource = JSONReader.parse(result.standardOutput) as? [String: Any] else {
            throw CLIFailure(
                code: .ioError, message: "slipway drift: az resource show --ids \(id) did not return an object")
        }
        return resource
    }
}

import SlipwayModel

/// Which values of a template are known only once the deployment runs, and where they stand in a
/// place Bicep needs at its start (BCP120).
///
/// Run-time values: any property of a resource other than `id`, `name`, `type` and `apiVersion`
/// (`cluster.properties.…`, `identity.properties.principalId`); any output of a module;
/// `reference()` and the `list*()` functions; and a variable built from one of these. An
/// `existing` resource whose own name is a run-time value has a run-time `id` too.
///
/// Deploy-time places, as Bicep's resource type provider lists them: a resource's `name`,
/// `scope`, `parent`, `location`, `kind`, `sku`, `identity`, `tags`, `zones`, … (object keys
/// included) and its loop count; a module's `name` and `scope`.
struct DeployTimeConstants {
    static let resourceConstantFields: Set<String> = [
        "name", "scope", "parent", "location", "kind", "subscriptionId", "resourceGroup", "managedBy",
        "extendedLocation", "zones", "placement", "plan", "sku", "identity", "managedByExtended", "tags", "asserts",
    ]
    static let readableResourceProperties: Set<String> = ["id", "name", "type", "apiVersion"]

    private let template: BicepTemplate
    private var runtimeVariables: Set<String> = []
    private var runtimeExistingIDs: Set<String> = []

    init(_ template: BicepTemplate) {
        self.template = template
        // Variables may read one another: settle until nothing changes (a handful of rounds at most).
        var changed = true
        while changed {
            changed = false
            for variable in template.variables where !runtimeVariables.contains(variable.name) {
                if firstRuntimeRead(in: variable.value) != nil {
                    runtimeVariables.insert(variable.name)
                    changed = true
                }
            }
            for resource in template.resources where resource.existing && !runtimeExistingIDs.contains(resource.symbol)
            {
                if resource.body.contains(where: {
                    ["name", "scope", "parent"].contains($0.key) && firstRuntimeRead(in: $0.value) != nil
                }) {
                    runtimeExistingIDs.insert(resource.symbol)
                    changed = true
                }
            }
        }
    }

    /// Every run-time value in a deploy-time place.
    var violations: [BicepTemplate.ConstructionProblem] {
        var problems: [BicepTemplate.ConstructionProblem] = []
        func check(_ value: Value, _ place: String, symbol: String) {
            if let read = firstRuntimeRead(in: value) {
                problems.append(
                    .init(
                        kind: .runtimeValueInConstant, symbol: symbol,
                        message: "\(place) reads \(read), which is known only once the deployment runs"))
            }
        }
        for resource in template.resources where !resource.existing {
            for field in resource.body where Self.resourceConstantFields.contains(field.key) {
                check(field.value, "'\(field.key)'", symbol: resource.symbol)
            }
            if let loop = resource.loop { check(.expression(loop.count), "the loop count", symbol: resource.symbol) }
            if let condition = resource.condition {
                check(.expression(condition), "the condition", symbol: resource.symbol)
            }
        }
        for module in template.modules {
            check(module.name, "the module's 'name'", symbol: module.symbol)
            check(module.scope, "the module's 'scope'", symbol: module.symbol)
        }
        return problems
    }

    /// The first run-time read in `value` (expressions and interpolated object keys), described.
    func firstRuntimeRead(in value: Value) -> String? {
        switch value {
        case .expression(let text): return firstRuntimeRead(inExpression: text)
        case .array(let items):
            for item in items { if let read = firstRuntimeRead(in: item) { return read } }
            return nil
        case .object(let fields):
            for field in fields {
                if field.key.contains("${"), let read = firstRuntimeRead(inExpression: "'\(field.key)'") { return read }
                if let read = firstRuntimeRead(in: field.value) { return read }
            }
            return nil
        case .string, .int, .bool, .null: return nil
        }
    }

    private func firstRuntimeRead(inExpression text: String) -> String? {
        for use in BicepExpressionScanner.uses(in: text) {
            if use.isCall {
                if use.identifier == "reference" || isListFunction(use.identifier) { return "\(use.identifier)()" }
                continue
            }
            switch template.kind(of: use.identifier) {
            case .resource?:
                guard let property = use.property else { continue }
                if use.callsProperty && isListFunction(property) { return "\(use.identifier).\(property)()" }
                if !Self.readableResourceProperties.contains(property)
                    || (property == "id" && runtimeExistingIDs.contains(use.identifier))
                {
                    return "\(use.identifier).\(property)"
                }
            case .module?:
                if let property = use.property, property != "name" { return "\(use.identifier).\(property)" }
            case .variable?:
                if runtimeVariables.contains(use.identifier) { return "variable \(use.identifier)" }
            case .parameter?, nil:
                continue
            }
        }
        return nil
    }

    private func isListFunction(_ name: String) -> Bool {
        guard name.hasPrefix("list") else { return false }
        let rest = name.dropFirst(4)
        return rest.isEmpty || rest.first!.isUppercase
    }
}

import SlipwayModel

/// The order `deploy.sh` deploys an environment's units in, derived from the templates themselves:
/// a unit that declares a resource `existing` (directly, as the parent of an `existing` child, or
/// inside a module it calls) deploys after the unit that creates that resource. ARM checks neither
/// an `existing` reference nor a module's target at preflight; the first write that needs it fails.
/// What no unit of the environment creates is an external prerequisite: `deploy.sh` checks it up
/// front and the README lists it.
public enum DeployOrder {
    /// A resource as ARM identifies it: type, name and resource group. The name is the literal
    /// the parameter files give, or, when a template computes it (`uniqueString(…)`), the formula
    /// with every parameter replaced by its value, which two templates that compute the same name
    /// write the same way.
    public struct ResourceKey: Hashable, Comparable, Sendable, CustomStringConvertible {
        public var type: String
        public var name: String
        public var resourceGroup: String
        public var subscription: String?

        /// A literal name `az resource show` can look up (no template expression in it).
        public var isLiteral: Bool { !name.contains("${") && !name.contains("(") }

        public var description: String { "\(type) '\(name)' in resource group '\(resourceGroup)'" }

        public static func < (a: ResourceKey, b: ResourceKey) -> Bool {
            (a.resourceGroup, a.type, a.name) < (b.resourceGroup, b.type, b.name)
        }

        init(type: String, name: String, resourceGroup: String, subscription: String?) {
            self.type = type
            self.name = name
            self.resourceGroup = resourceGroup
            self.subscription = subscription
        }

        /// Matching ignores the case of type and group, as ARM does.
        var identity: String { "\(type.lowercased())|\(name)|\(resourceGroup.lowercased())" }
        public static func == (a: ResourceKey, b: ResourceKey) -> Bool { a.identity == b.identity }
        public func hash(into hasher: inout Hasher) { hasher.combine(identity) }
    }

    /// Something the environment needs and does not deploy, with what to do about it.
    public struct Prerequisite: Hashable, Sendable {
        public var resource: ResourceKey
        /// Units that need it.
        public var neededBy: [String]
        /// `deploy environment 'prod' first (Output/prod/deploy.sh)` or `declared as existing in the DSL`.
        public var remedy: String
        /// The environment of the run that deploys it, when one does.
        public var deployedBy: String?
    }

    /// One unit and what it needs and creates.
    struct Footprint {
        var unit: String
        var creates: Set<ResourceKey>
        var references: Set<ResourceKey>
    }

    /// The units in deploy order, what each needs from the others, and the prerequisites.
    public struct Plan: Sendable {
        public var order: [String]
        public var dependencies: [String: Set<String>]
        public var prerequisites: [Prerequisite]
    }

    /// Units that reference each other's resources: no order deploys them.
    public struct Cycle: Error, CustomStringConvertible {
        public var units: [String]
        public var description: String {
            "the units \(units.joined(separator: ", ")) reference one another's resources, so no deploy order works"
        }
    }

    static func plan(
        units: [(name: String, group: ResourceGroupModel, template: BicepTemplate)], context: RenderContext
    ) throws(Cycle) -> Plan {
        let footprints = units.map { footprint(of: $0.template, unit: $0.name, group: $0.group) }
        var creator: [ResourceKey: String] = [:]
        for footprint in footprints {
            for key in footprint.creates where creator[key] == nil { creator[key] = footprint.unit }
        }
        var dependencies: [String: Set<String>] = [:]
        var external: [ResourceKey: Set<String>] = [:]
        for footprint in footprints {
            for key in footprint.references {
                if let unit = creator[key] {
                    if unit != footprint.unit { dependencies[footprint.unit, default: []].insert(unit) }
                } else {
                    external[key, default: []].insert(footprint.unit)
                }
            }
        }
        // Kahn's algorithm, always taking the first ready unit in the renderer's order (hub,
        // spokes, monitoring, registry, clusters), so the order is deterministic and familiar.
        var order: [String] = []
        var remaining = footprints.map(\.unit)
        while !remaining.isEmpty {
            guard
                let index = remaining.firstIndex(where: { unit in
                    dependencies[unit, default: []].allSatisfy { order.contains($0) }
                })
            else { throw Cycle(units: remaining) }
            order.append(remaining.remove(at: index))
        }
        let prerequisites = external.keys.sorted().map { key in
            Prerequisite(
                resource: key, neededBy: external[key]!.sorted(), remedy: context.remedy(forMissing: key),
                deployedBy: context.environmentDeclaring(key))
        }
        return Plan(order: order, dependencies: dependencies, prerequisites: prerequisites)
    }

    /// What `template`, deployed as `unit` into `group`, creates and references.
    static func footprint(of template: BicepTemplate, unit: String, group: ResourceGroupModel) -> Footprint {
        let names = NameResolver(template: template)
        var creates: Set<ResourceKey> = []
        var references: Set<ResourceKey> = []
        for resource in template.resources {
            guard let key = names.key(of: resource, in: group) else { continue }
            if resource.existing { references.insert(key) } else { creates.insert(key) }
        }
        // A module's `existing` resources, named by the caller's arguments, in the module's scope.
        for module in template.modules {
            guard let called = template.template(of: module),
                let scope = NameResolver.resourceGroup(of: module.scope, default: group)
            else { continue }
            let arguments = Dictionary(module.parameters.map { ($0.key, $0.value) }) { first, _ in first }
            let inner = NameResolver(template: called, arguments: arguments, caller: names)
            for resource in called.resources where resource.existing {
                if let key = inner.key(of: resource, in: scope) { references.insert(key) }
            }
        }
        return Footprint(unit: unit, creates: creates, references: references)
    }
}

/// Resolves resource names and scopes of one template to literals where the parameter files allow.
struct NameResolver {
    let template: BicepTemplate
    /// For a module: the caller's arguments by parameter name, resolved in the caller.
    var arguments: [String: Value] = [:]
    private let resolveInCaller: ((Value, Int) -> String?)?
    private let parameters: [String: Value]
    private let variables: [String: Value]
    private let resources: [String: BicepResource]

    init(template: BicepTemplate, arguments: [String: Value] = [:], caller: NameResolver? = nil) {
        self.template = template
        self.arguments = arguments
        self.resolveInCaller = caller.map { caller in { caller.resolve($0, depth: $1) } }
        parameters = Dictionary(template.parameters.map { ($0.name, $0.value) }) { first, _ in first }
        variables = Dictionary(template.variables.map { ($0.name, $0.value) }) { first, _ in first }
        resources = Dictionary(template.resources.map { ($0.symbol, $0) }) { first, _ in first }
    }

    /// The top-level resource `resource` is, or is a child of, with its resource group.
    func key(of resource: BicepResource, in group: ResourceGroupModel, depth: Int = 0) -> DeployOrder.ResourceKey? {
        guard depth < 8 else { return nil }
        func field(_ name: String) -> Value? { resource.body.first { $0.key == name }?.value }
        if case .expression(let parent)? = field("parent") {
            let symbol = parent.split(separator: "[").first.map(String.init) ?? parent
            guard let parentResource = resources[symbol] else { return nil }
            return key(of: parentResource, in: group, depth: depth + 1)
        }
        let scope = field("scope")
        let resourceGroup: ResourceGroupModel
        if let scope {
            // Extension resources (a role assignment scoped to a resource) are not referenced by name.
            guard let scoped = Self.resourceGroup(of: scope, default: group) else { return nil }
            resourceGroup = scoped
        } else {
            resourceGroup = group
        }
        guard let nameValue = field("name"), let name = resolve(nameValue) else { return nil }
        return DeployOrder.ResourceKey(
            type: resource.type, name: name, resourceGroup: resourceGroup.name,
            subscription: resourceGroup.subscription)
    }

    /// `resourceGroup('rg')` or `resourceGroup('sub', 'rg')`; `default` for `resourceGroup()`; nil for
    /// any other scope.
    static func resourceGroup(of scope: Value, default group: ResourceGroupModel) -> ResourceGroupModel? {
        guard case .expression(let text) = scope, text.hasPrefix("resourceGroup("), text.hasSuffix(")") else {
            return nil
        }
        let inner = text.dropFirst("resourceGroup(".count).dropLast()
        if inner.isEmpty { return group }
        let arguments = inner.split(separator: ",").map { trimmed(Substring($0)) }
        let literals = arguments.compactMap { argument -> String? in
            guard argument.hasPrefix("'"), argument.hasSuffix("'"), argument.count >= 2 else { return nil }
            return String(argument.dropFirst().dropLast())
        }
        guard literals.count == arguments.count else { return nil }
        return literals.count == 2
            ? ResourceGroupModel(name: literals[1], subscription: literals[0])
            : ResourceGroupModel(name: literals[0], subscription: group.subscription)
    }

    /// A name as text: a literal, a parameter's or variable's value, an interpolated string of
    /// those; anything else stays a formula with its parameters substituted.
    func resolve(_ value: Value, depth: Int = 0) -> String? {
        guard depth < 8 else { return nil }
        switch value {
        case .string(let text): return text
        case .expression(let text): return resolve(expression: text, depth: depth)
        default: return nil
        }
    }

    private func resolve(identifier: String, depth: Int) -> String? {
        if let argument = arguments[identifier] { return resolveInCaller?(argument, depth + 1) }
        if let value = parameters[identifier] { return resolve(value, depth: depth + 1) }
        if let value = variables[identifier] { return resolve(value, depth: depth + 1) }
        return nil
    }

    private func resolve(expression text: String, depth: Int) -> String? {
        let trimmed = Self.trimmed(Substring(text))
        if isIdentifier(trimmed) { return resolve(identifier: trimmed, depth: depth) }
        // An interpolated string literal: keep the literal parts, resolve each `${identifier}`.
        guard trimmed.hasPrefix("'"), trimmed.hasSuffix("'"), trimmed.count >= 2 else { return trimmed }
        var result = ""
        var rest = Substring(trimmed.dropFirst().dropLast())
        while let dollar = rest.indices.first(where: {
            rest[$0] == "$" && rest.index(after: $0) < rest.endIndex && rest[rest.index(after: $0)] == "{"
        }) {
            result += rest[..<dollar].replacing("\\'", with: "'")
            let open = rest.index(dollar, offsetBy: 2)
            guard let end = closingBrace(in: rest[open...]) else { return trimmed }
            let inner = Self.trimmed(rest[open..<end])
            result += isIdentifier(inner) ? (resolve(identifier: inner, depth: depth) ?? "${\(inner)}") : "${\(inner)}"
            rest = rest[rest.index(after: end)...]
        }
        return result + rest.replacing("\\'", with: "'")
    }

    static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    private func closingBrace(in text: Substring) -> String.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            switch text[index] {
            case "{": depth += 1
            case "}":
                if depth == 0 { return index }
                depth -= 1
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }

    private func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

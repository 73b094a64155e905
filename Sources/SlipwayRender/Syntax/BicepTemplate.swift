import SlipwayModel

/// A Bicep file as a small syntax tree: parameters, variables, resources, modules and outputs,
/// printed in that order by ``BicepPrinter``.
///
/// The tree owns symbol declaration, as the Bicep compiler sees it: parameters, variables,
/// resources and modules share one namespace, outputs have their own. Declaring a parameter,
/// variable or `existing` reference again with the same content returns the first declaration
/// (units ask for `location` or a VNet many times); any other second declaration of a name is
/// never printed and becomes a ``ConstructionProblem``. So is a value only the running deployment
/// knows (a resource's `properties`, a module's `outputs`, `reference()`, `list*()`) in a place
/// Bicep needs at the start of the deployment (BCP120: a resource's `name`, `scope`, `parent`,
/// `location`, …, a module's `name` and `scope`). ``EnvironmentRenderer`` refuses a template
/// with problems, so no such file is ever written.
public struct BicepTemplate: Sendable {
    public var targetScope: String?
    public private(set) var parameters: [BicepParameter] = []
    public private(set) var variables: [BicepVariable] = []
    public private(set) var resources: [BicepResource] = []
    public private(set) var modules: [BicepModule] = []
    public private(set) var outputs: [BicepOutput] = []
    /// Names of the built-in policy definitions the template assigns, by GUID, printed as a comment
    /// beside each GUID (built-in roles are named from ``BuiltInRole/names``).
    public private(set) var definitionNames: [String: String] = [:]
    /// Modules this template renders itself (`modules/alerts-<cluster>.bicep`), by path; the
    /// fixed modules every environment shares are ``EnvironmentRenderer/moduleTemplates``.
    public private(set) var moduleTemplates: [String: BicepTemplate] = [:]

    /// Records the name of a built-in definition the template refers to by GUID.
    public mutating func name(definition id: String, as name: String) { definitionNames[id] = name }
    /// The one namespace of parameters, variables, resources and modules (constant-time checks in
    /// templates of a hundred resources).
    private var symbols: [String: SymbolKind] = [:]
    private var outputNames: Set<String> = []
    private var duplicateProblems: [ConstructionProblem] = []

    /// What a symbol names.
    public enum SymbolKind: String, Sendable {
        case parameter, variable, resource, module
    }

    /// A template that Bicep would reject: found while building, never printed.
    public struct ConstructionProblem: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// BCP028: a name declared twice in the shared namespace (or an output twice).
            case duplicateSymbol = "BCP028"
            /// BCP120: a run-time value where Bicep needs a deploy-time constant.
            case runtimeValueInConstant = "BCP120"
            /// BCP057: an expression reads a name the template never declares.
            case undeclaredSymbol = "BCP057"
            /// A `.property` override that selects an array item the template does not have (PRP003
            /// refuses such paths first; reaching this is a Slipway bug, never a silent skip).
            case unappliedOverride = "PROPERTY"
            /// Units that reference one another: no deploy order satisfies them.
            case unitCycle = "ORDER"
        }
        public var kind: Kind
        public var symbol: String
        public var message: String
        public var description: String { "[\(kind.rawValue)] \(symbol): \(message)" }
    }

    public init(targetScope: String? = nil) { self.targetScope = targetScope }

    /// Declares a parameter once and returns the expression that reads it. Declaring the same name
    /// again with the same type returns the first declaration. `name` is a Bicep identifier, as Bicep requires (the
    /// conformance check compiles every template); the resolved model relies on it to tell
    /// parameter references from other expressions. Not asserted: a debug build must not crash
    /// on a name that slipped past the naming rules.
    @discardableResult
    public mutating func parameter(
        _ name: String, _ type: BicepType, _ description: String, value: Value, secure: Bool = false,
        keyVaultSecret: KeyVaultSecret? = nil
    ) -> Value {
        let parameter = BicepParameter(
            name: name, type: type, description: description, secure: secure, value: value,
            keyVaultSecret: keyVaultSecret)
        if declare(name, as: .parameter) {
            parameters.append(parameter)
        } else if symbols[name] != .parameter {
            duplicate(name, "parameter declared again")
        } else if let first = parameters.first(where: { $0.name == name }),
            first.type != type || first.secure != secure || first.keyVaultSecret != keyVaultSecret
        {
            duplicate(name, "parameter declared again with another type or source")
        }
        return .expression(name)
    }

    @discardableResult
    public mutating func variable(_ name: String, _ value: Value) -> Value {
        if declare(name, as: .variable) {
            variables.append(BicepVariable(name: name, value: value))
        } else if symbols[name] != .variable {
            duplicate(name, "variable declared again")
        } else if let first = variables.first(where: { $0.name == name }), first.value != value {
            duplicate(name, "variable declared again with another value")
        }
        return .expression(name)
    }

    /// Adds a resource. The same `existing` reference added again is kept once; any other
    /// resource whose symbol is taken is a problem and is not added.
    public mutating func add(_ resource: BicepResource) {
        if declare(resource.symbol, as: .resource) {
            resources.append(resource)
            return
        }
        guard symbols[resource.symbol] == .resource,
            let first = resources.first(where: { $0.symbol == resource.symbol }),
            first.existing, resource.existing, first.type == resource.type, first.body == resource.body
        else {
            duplicate(resource.symbol, "resource declared again")
            return
        }
    }

    public mutating func add(_ module: BicepModule) {
        if declare(module.symbol, as: .module) {
            modules.append(module)
        } else {
            duplicate(module.symbol, "module declared again")
        }
    }

    /// Adds a call to a module this template renders, and the module's template.
    public mutating func add(_ module: BicepModule, template: BicepTemplate) {
        add(module)
        moduleTemplates[module.path] = template
    }

    /// The template a module call runs: rendered here, or one of the shared fixed modules.
    public func template(of module: BicepModule) -> BicepTemplate? {
        moduleTemplates[module.path] ?? EnvironmentRenderer.moduleTemplates[module.path]
    }

    public mutating func add(_ output: BicepOutput) {
        if outputNames.insert(output.name).inserted {
            outputs.append(output)
        } else {
            duplicate(output.name, "output declared again")
        }
    }

    public func hasResource(_ symbol: String) -> Bool { symbols[symbol] == .resource }

    /// The kind of the declared `symbol`, if any.
    public func kind(of symbol: String) -> SymbolKind? { symbols[symbol] }

    /// Changes the declared resource `symbol` in place (its symbol stays); nothing when there is none.
    public mutating func modifyResource(_ symbol: String, _ change: (inout BicepResource) -> Void) {
        guard symbols[symbol] == .resource, let index = resources.firstIndex(where: { $0.symbol == symbol })
        else { return }
        change(&resources[index])
        resources[index].symbol = symbol
    }

    /// Every reason Bicep would reject this template: second declarations, and run-time values
    /// where a deploy-time constant is needed.
    public var problems: [ConstructionProblem] {
        duplicateProblems + DeployTimeConstants(self).violations + UndeclaredSymbols(template: self).violations
    }

    /// Records a problem found while building the template; the template is then never written.
    public mutating func report(_ problem: ConstructionProblem) { duplicateProblems.append(problem) }

    /// Whether `name` is a parameter, variable, resource or module of this template.
    func declares(_ name: String) -> Bool { symbols[name] != nil }

    private mutating func declare(_ name: String, as kind: SymbolKind) -> Bool {
        guard symbols[name] == nil else { return false }
        symbols[name] = kind
        return true
    }

    private mutating func duplicate(_ name: String, _ what: String) {
        let existing = symbols[name].map { "; '\(name)' is already a \($0.rawValue)" } ?? ""
        duplicateProblems.append(ConstructionProblem(kind: .duplicateSymbol, symbol: name, message: what + existing))
    }
}

/// A parameter type.
public enum BicepType: String, Sendable {
    case string, int, bool, array, object
}

/// A secret that a parameter file takes from a Key Vault the operator provides.
public struct KeyVaultSecret: Sendable, Hashable {
    public var vaultID: String
    public var secretName: String
    public init(vaultID: String, secretName: String) {
        self.vaultID = vaultID
        self.secretName = secretName
    }
}

public struct BicepParameter: Sendable {
    public var name: String
    public var type: BicepType
    public var description: String
    public var secure: Bool
    /// The value the parameter file supplies (every parameter has one; none has a default).
    public var value: Value
    public var keyVaultSecret: KeyVaultSecret?
}

public struct BicepVariable: Sendable {
    public var name: String
    public var value: Value
}

/// A resource declaration, new or `existing`.
public struct BicepResource: Sendable {
    public var symbol: String
    public var type: String
    public var apiVersion: String
    public var existing: Bool
    public var description: String?
    /// `[for i in range(0, n): …]`: the loop variable and the count expression.
    public var loop: (variable: String, count: String)?
    /// `= if (condition) {…}`: deployed only when the condition holds (a deploy-time constant).
    public var condition: String?
    /// The body: `name`, `scope`, `parent`, `location`, `properties`, … in print order.
    public var body: [Value.Field]
    public var dependsOn: [String]

    public init(
        _ symbol: String, type: String, apiVersion: String, existing: Bool = false, description: String? = nil,
        loop: (variable: String, count: String)? = nil, body: [Value.Field], dependsOn: [String] = []
    ) {
        self.symbol = symbol
        self.type = type
        self.apiVersion = apiVersion
        self.existing = existing
        self.description = description
        self.loop = loop
        self.body = body
        self.dependsOn = dependsOn
    }

    /// A resource whose version comes from the pinned table.
    public init(
        _ symbol: String, _ type: String, existing: Bool = false, description: String? = nil,
        loop: (variable: String, count: String)? = nil, body: [Value.Field], dependsOn: [String] = []
    ) {
        self.init(
            symbol, type: type, apiVersion: APIVersions.version(of: type), existing: existing,
            description: description, loop: loop, body: body, dependsOn: dependsOn)
    }
}

/// A module call: a template under `modules/` deployed at another scope.
public struct BicepModule: Sendable {
    public var symbol: String
    public var path: String
    public var name: Value
    public var scope: Value
    public var parameters: [Value.Field]
    public var dependsOn: [String]

    public init(
        _ symbol: String, path: String, name: Value, scope: Value, parameters: [Value.Field],
        dependsOn: [String] = []
    ) {
        self.symbol = symbol
        self.path = path
        self.name = name
        self.scope = scope
        self.parameters = parameters
        self.dependsOn = dependsOn
    }
}

public struct BicepOutput: Sendable {
    public var name: String
    public var type: BicepType
    public var value: Value
    public init(_ name: String, _ type: BicepType, _ value: Value) {
        self.name = name
        self.type = type
        self.value = value
    }
}

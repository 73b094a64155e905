import SlipwayModel

/// A Bicep file as a small syntax tree: parameters, variables, resources, modules and outputs,
/// printed in that order by ``BicepPrinter``.
public struct BicepTemplate: Sendable {
    public var targetScope: String?
    public private(set) var parameters: [BicepParameter] = []
    public private(set) var variables: [BicepVariable] = []
    public private(set) var resources: [BicepResource] = []
    public var modules: [BicepModule] = []
    public var outputs: [BicepOutput] = []
    /// Names already declared, so that declaring once stays constant-time in templates of a
    /// hundred resources.
    private var declaredParameters: Set<String> = []
    private var declaredVariables: Set<String> = []
    private var declaredResources: Set<String> = []

    public init(targetScope: String? = nil) { self.targetScope = targetScope }

    /// Declares a parameter once and returns the expression that reads it. Declaring the same name
    /// twice keeps the first declaration. `name` is a Bicep identifier, as Bicep requires (the
    /// conformance check compiles every template); the resolved model relies on it to tell
    /// parameter references from other expressions. Not asserted: a debug build must not crash
    /// on a name that slipped past the naming rules.
    @discardableResult
    public mutating func parameter(
        _ name: String, _ type: BicepType, _ description: String, value: Value, secure: Bool = false,
        keyVaultSecret: KeyVaultSecret? = nil
    ) -> Value {
        if declaredParameters.insert(name).inserted {
            parameters.append(
                BicepParameter(
                    name: name, type: type, description: description, secure: secure, value: value,
                    keyVaultSecret: keyVaultSecret))
        }
        return .expression(name)
    }

    @discardableResult
    public mutating func variable(_ name: String, _ value: Value) -> Value {
        if declaredVariables.insert(name).inserted { variables.append(BicepVariable(name: name, value: value)) }
        return .expression(name)
    }

    public mutating func add(_ resource: BicepResource) {
        if declaredResources.insert(resource.symbol).inserted { resources.append(resource) }
    }

    public func hasResource(_ symbol: String) -> Bool { declaredResources.contains(symbol) }

    /// Changes the declared resource `symbol` in place (its symbol stays); nothing when there is none.
    public mutating func modifyResource(_ symbol: String, _ change: (inout BicepResource) -> Void) {
        guard declaredResources.contains(symbol), let index = resources.firstIndex(where: { $0.symbol == symbol })
        else { return }
        change(&resources[index])
        resources[index].symbol = symbol
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

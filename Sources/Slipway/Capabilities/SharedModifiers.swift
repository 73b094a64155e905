package import SlipwayModel

// The modifiers that several declarations share, each written once as a capability: a protocol
// whose extension implements the modifier and returns `Self`. A declaration opts in with one word
// in its conformance list. A new shared modifier is a field of `SharedSettings`, a capability
// below and a line of `lowered`: this file only.

/// What the shared modifiers of a declaration have set: property overrides, suppressions, its
/// resource group, its diagnostics target and the call sites of those modifiers. Opaque to DSL
/// files.
public struct SharedSettings: Sendable {
    var overrides: [PropertyOverride] = []
    var suppressions: [Suppression] = []
    var resourceGroup: ResourceGroupModel?
    var diagnosticsWorkspace: String?
    var sites: [String: SourceLocation] = [:]

    init() {}
}

/// A declaration that shared modifiers can change: the base of every capability.
public protocol Declaration: Sendable {
    /// What the shared modifiers have set. An implementation detail of the capabilities; DSL files
    /// never need it.
    var _shared: SharedSettings { get set }
}

extension Declaration {
    /// A copy with `change` applied to the shared settings.
    func sharing(_ change: (inout SharedSettings) -> Void) -> Self {
        var copy = self
        change(&copy._shared)
        return copy
    }
}

/// A declaration whose Azure resource takes properties the DSL does not model.
public protocol PropertyOverridable: Declaration {}

extension PropertyOverridable {
    /// Sets a property of the resource that the DSL does not model, by its dotted path in the
    /// resource body (for example `properties.foo.bar`). The path is checked against Azure's type
    /// definitions (PRP001, PRP002), and a credential literal is refused (SEC002).
    public func property(
        _ path: String, _ value: Value, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Self {
        sharing {
            $0.overrides.append(PropertyOverride(path: path, value: value, site: .site(fileID, filePath, line, column)))
        }
    }
}

/// A declaration whose warnings can be silenced.
public protocol Suppressible: Declaration {}

extension Suppressible {
    /// Silences the warning `code` on this declaration, with the reason a reviewer will read.
    public func suppress(_ code: String, because reason: String) -> Self {
        sharing { $0.suppressions.append(Suppression(code: code, reason: reason)) }
    }
}

/// A deployment unit that can go to a resource group (and subscription) of its own.
public protocol ResourceGroupPlaceable: Declaration {}

extension ResourceGroupPlaceable {
    /// The resource group (and optionally subscription) of this deployment unit, instead of the
    /// environment's default for its kind.
    public func resourceGroup(_ name: String, subscription: String? = nil) -> Self {
        sharing { $0.resourceGroup = ResourceGroupModel(name: name, subscription: subscription) }
    }
}

/// A declaration that sends diagnostic settings to a Log Analytics workspace.
public protocol DiagnosticsSource: Declaration {}

extension DiagnosticsSource {
    /// Sends the diagnostics to `workspace` (on an environment: the default of every unit).
    public func diagnostics(
        to workspace: Ref<LogAnalyticsWorkspace>, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Self {
        sharing {
            $0.diagnosticsWorkspace = workspace.name
            $0.sites["diagnostics"] = .site(fileID, filePath, line, column)
        }
    }
}

/// A model value that receives shared settings when its declaration is lowered. A model without
/// one of the fields keeps the default below, and its declaration does not offer that capability
/// (`SharedModifierTests` checks every pair).
protocol SharedSettingsTarget {
    var overrides: [PropertyOverride] { get set }
    var suppressions: [Suppression] { get set }
    var diagnosticsWorkspace: String? { get set }
    var sites: [String: SourceLocation] { get set }
    /// Sets the resource group; `nil` for models that have none.
    mutating func place(in group: ResourceGroupModel)
}

extension SharedSettingsTarget {
    var overrides: [PropertyOverride] {
        get { [] }
        set {}
    }
    var suppressions: [Suppression] {
        get { [] }
        set {}
    }
    var diagnosticsWorkspace: String? {
        get { nil }
        set {}
    }
    var sites: [String: SourceLocation] {
        get { [:] }
        set {}
    }
    mutating func place(in group: ResourceGroupModel) {}
}

/// A declaration stored the way every DSL type stores its data: its own settings in `model`, the
/// shared modifiers' in `_shared`, joined once when the environment is lowered.
protocol ModelBacked: Declaration {
    associatedtype Model: SharedSettingsTarget
    var model: Model { get }
}

extension ModelBacked {
    /// The model with the shared settings applied; `defaultGroup` is the environment's resource
    /// group for this kind of unit, used when the declaration names none.
    func lowered(defaultGroup: ResourceGroupModel? = nil) -> Model {
        var model = self.model
        model.overrides += _shared.overrides
        model.suppressions += _shared.suppressions
        if let workspace = _shared.diagnosticsWorkspace { model.diagnosticsWorkspace = workspace }
        model.sites.merge(_shared.sites) { _, new in new }
        if let group = _shared.resourceGroup ?? defaultGroup { model.place(in: group) }
        return model
    }
}

extension ClusterModel: SharedSettingsTarget {
    mutating func place(in group: ResourceGroupModel) { resourceGroup = group }
}
extension HubModel: SharedSettingsTarget {
    mutating func place(in group: ResourceGroupModel) { resourceGroup = group }
}
extension SpokeModel: SharedSettingsTarget {
    mutating func place(in group: ResourceGroupModel) { resourceGroup = group }
}
extension RegistryModel: SharedSettingsTarget {}
extension WorkspaceModel: SharedSettingsTarget {}
extension SubnetModel: SharedSettingsTarget {}
extension ClusterGroupModel: SharedSettingsTarget {}
extension GitRepoModel: SharedSettingsTarget {}

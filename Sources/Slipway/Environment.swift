package import SlipwayModel

/// One environment: every network, registry, workspace and cluster deployed together.
///
/// Declare it in a function, one ``add(_:)`` per declaration:
///
/// ```swift
/// func production() -> Environment {
///     var prod = Environment("prod", location: .eastUS2)
///         .diagnostics(to: "la-prod")
///     prod.add(LogAnalyticsWorkspace("la-prod"))
///     prod.add(HubNetwork("vnet-prod-hub", addressSpace: "10.200.0.0/24") { ... })
///     return prod
/// }
/// ```
public struct Environment: Modifiable, DiagnosticsSource {
    /// See ``Declaration``.
    public var _shared = SharedSettings()
    var name: String
    var location: Region
    var contents: [EnvironmentContent]
    var tags: [String: String] = [:]
    var namingSeed: String?
    var resourceGroups: [UnitKind: ResourceGroupModel] = [:]
    var secretsVaultID: String?
    var bootstrapImages: [String] = []
    var extraImageSources: [String] = []
    var deployment: DeploymentStrategyModel = .incremental
    var parameterFiles: ParameterFileFormat?
    /// The statements of the builder body, when the environment was declared with one.
    var builderStatements: Int?
    var site: SourceLocation

    /// Declares an environment called `name` (its output folder) in `location`, to fill with
    /// ``add(_:)`` inside a function. This is the form for environments of any size: the compiler
    /// checks each `add` on its own, so compile time grows linearly with the file.
    ///
    /// ```swift
    /// func production() -> Environment {
    ///     var prod = Environment("prod", location: .eastUS2)
    ///         .diagnostics(to: "la-prod")
    ///     prod.add(LogAnalyticsWorkspace("la-prod"))
    ///     prod.add(
    ///         HubNetwork("vnet-prod-hub", addressSpace: "10.200.0.0/24") {
    ///             Subnet.azureFirewall("10.200.0.0/26")
    ///         }
    ///         .firewall("fw-prod"))
    ///     return prod
    /// }
    /// ```
    public init(
        _ name: String, location: Region, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) {
        ProgramClock.touch()
        self.name = name
        self.location = location
        self.contents = []
        self.site = .site(fileID, filePath, line, column)
    }

    /// Adds one declaration: a network, workspace, registry, cluster, raw resource, Fleet manager
    /// or workload. The order of declarations never changes what is rendered.
    public mutating func add(_ member: some EnvironmentMember) {
        contents.append(member._environmentContent)
    }

    /// Declares an environment called `name` (its output folder) in `location`, with its
    /// declarations listed in a builder body. Fine for a few declarations; the compiler checks
    /// a builder body as a whole, so its cost grows with the square of its length, and
    /// `slipway` warns (DSL005) past 40 statements. Larger environments use
    /// ``init(_:location:fileID:filePath:line:column:)`` and ``add(_:)``.
    public init(
        _ name: String, location: Region, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @EnvironmentBuilder _ contents: () -> EnvironmentContents
    ) {
        ProgramClock.touch()
        let body = contents()
        self.name = name
        self.location = location
        self.contents = body.items
        self.builderStatements = body.statements
        self.site = .site(fileID, filePath, line, column)
    }

    /// Tags applied to every resource of the environment.
    public func tags(_ tags: [String: String]) -> Environment {
        with { $0.tags.merge(tags) { _, new in new } }
    }

    /// The default resource group (and subscription) of one kind of deployment unit.
    /// Declarations can still name their own with `.resourceGroup(_:subscription:)`.
    public func resourceGroup(for unit: UnitKind, _ name: String, subscription: String? = nil) -> Environment {
        with { $0.resourceGroups[unit] = ResourceGroupModel(name: name, subscription: subscription) }
    }

    /// The Key Vault, provided by the operator, that holds every secret a deployment needs.
    /// Parameter files refer to its secrets through Key Vault references; no secret value is ever
    /// written. `vaultID` is the vault's resource ID.
    public func secrets(
        fromVault vaultID: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Environment {
        with {
            $0.secretsVaultID = vaultID
            $0._shared.sites["secrets"] = .site(fileID, filePath, line, column)
        }
    }

    /// Images the clusters need before any workload (for example `docker.io/library/traefik:v3.4`).
    /// `deploy.sh` imports each into the environment's registry after the registry stamp and
    /// before the clusters; manifests refer to them with `Value.registryImage(_:)`.
    public func bootstrapImages(_ images: [String]) -> Environment { with { $0.bootstrapImages += images } }

    /// Registries, besides the environment's own, that manifests may pull from. The default
    /// allow-list is the baseline's: `mcr.microsoft.com/` and `docker.io/library/`.
    public func allowImages(from prefixes: [String]) -> Environment { with { $0.extraImageSources += prefixes } }

    /// How `deploy.sh` deploys each unit. ``DeploymentStrategy/incremental`` (the default) runs
    /// `az deployment group create`, which never removes anything; ``DeploymentStrategy/stack(onUnmanage:deny:excludedPrincipals:)``
    /// gives every unit its own deployment stack, so what the DSL removes is detached or deleted in
    /// Azure, and deny settings keep portal edits out. See `docs/deployment-stacks.md`.
    public func deployment(
        _ strategy: DeploymentStrategy, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Environment {
        with { $0.deployment = strategy.model(at: .site(fileID, filePath, line, column)) }
    }

    /// The parameter files' format: `.json` (`<unit>.parameters.json`, ARM's own) or `.bicepparam`
    /// (`<unit>.bicepparam` with `using './<unit>.bicep'`, secrets through `az.getSecret(…)`).
    /// Without this modifier the CLI's `--params json|bicepparam` decides (JSON unless given).
    public func parameterFiles(_ format: ParameterFileFormat) -> Environment {
        with { $0.parameterFiles = format }
    }

    /// The seed of the naming convention: globally unique names (registries, DNS prefixes) get a
    /// deterministic `uniqueString(subscription, resource group, seed)` suffix. Defaults to the
    /// environment name.
    public func naming(seed: String) -> Environment {
        with { $0.namingSeed = seed }
    }

    /// The resource group a unit of `kind` uses when its declaration names none.
    func defaultResourceGroup(_ kind: UnitKind) -> ResourceGroupModel {
        if let explicit = resourceGroups[kind] { return explicit }
        switch kind {
        case .hub: return ResourceGroupModel(name: "rg-\(name)-hub")
        case .spoke: return ResourceGroupModel(name: "rg-\(name)-spokes")
        case .registry, .cluster: return ResourceGroupModel(name: "rg-\(name)")
        }
    }

    /// A reference to this environment's hub, for another environment that shares it.
    public var hubReference: ExistingHub? {
        let model = resolved()
        guard let hub = model.hub else { return nil }
        return ExistingHub(
            model: HubReferenceModel(
                name: hub.name, addressSpace: hub.addressSpace, firewallName: hub.firewall?.name,
                resourceGroup: hub.resourceGroup, owningEnvironment: model.name, site: hub.site))
    }

    /// The plain model this environment lowers to: what the CLI validates and renders, and what
    /// a DSL program hands over.
    package var resolvedModel: EnvironmentModel { resolved() }

    /// Lowers the DSL values into the plain model the CLI validates and renders.
    func resolved() -> EnvironmentModel {
        var model = EnvironmentModel(
            name: name, location: location.name, tags: tags, namingSeed: namingSeed ?? name, hub: nil,
            hubReferences: [], spokes: [], workspaces: [], workspaceReferences: [], registries: [],
            registryResourceGroup: defaultResourceGroup(.registry), clusters: [], rawResources: [],
            diagnosticsWorkspace: _shared.diagnosticsWorkspace, site: site)
        model.secretsVaultID = secretsVaultID
        model.sites = _shared.sites
        model.bootstrapImages = bootstrapImages
        model.builderStatements = builderStatements
        model.deployment = deployment
        model.parameterFiles = parameterFiles
        model.allowedImageSources += extraImageSources
        var extraHubs: [HubModel] = []
        for content in contents {
            switch content.kind {
            case .hub(let hub):
                let lowered = hub.lowered(defaultGroup: defaultResourceGroup(.hub))
                if model.hub == nil { model.hub = lowered } else { extraHubs.append(lowered) }
            case .existingHub(let reference): model.hubReferences.append(reference.model)
            case .spoke(let spoke):
                model.spokes.append(spoke.lowered(defaultGroup: defaultResourceGroup(.spoke)))
            case .workspace(let workspace): model.workspaces.append(workspace.lowered())
            case .existingWorkspace(let reference): model.workspaceReferences.append(reference.model)
            case .registry(let registry): model.registries.append(registry.lowered())
            case .cluster(let cluster):
                model.clusters.append(cluster.lowered(defaultGroup: defaultResourceGroup(.cluster)))
            case .raw(let raw): model.rawResources.append(raw.model)
            case .existingZone(let zone): model.privateDNSZoneReferences.append(zone.model)
            case .fleet(let manager): model.fleet = manager.model
            case .workload(let workload): model.workloads.append(workload.model)
            }
        }
        // A second hub in one environment is a modelling error; keep it visible to the rules as a
        // reference so the user gets a diagnostic instead of silent loss.
        for extra in extraHubs {
            model.hubReferences.append(
                HubReferenceModel(
                    name: extra.name, addressSpace: extra.addressSpace, firewallName: extra.firewall?.name,
                    resourceGroup: extra.resourceGroup, owningEnvironment: "\(name)#second-hub", site: extra.site))
        }
        return model
    }
}

/// One declaration inside an ``Environment``.
public struct EnvironmentContent: Sendable {
    enum Kind: Sendable {
        case hub(HubNetwork)
        case existingHub(ExistingHub)
        case spoke(SpokeNetwork)
        case workspace(LogAnalyticsWorkspace)
        case existingWorkspace(ExistingWorkspace)
        case registry(ContainerRegistry)
        case cluster(AKSCluster)
        case raw(RawResource)
        case existingZone(ExistingPrivateDNSZone)
        case fleet(FleetManager)
        case workload(Workload)
    }
    let kind: Kind
}

/// What an ``EnvironmentBuilder`` body produced: its declarations, and how many statements the
/// body holds (loop and branch bodies counted once), for the DSL005 warning.
public struct EnvironmentContents: Sendable {
    var items: [EnvironmentContent]
    var statements: Int
}

/// Collects the declarations of an ``Environment``.
@resultBuilder
public enum EnvironmentBuilder {
    /// Accepts one declaration in the builder body.
    public static func buildExpression(_ member: some EnvironmentMember) -> EnvironmentContents {
        EnvironmentContents(items: [member._environmentContent], statements: 1)
    }
    /// Accepts the declarations of a helper function marked `@EnvironmentBuilder`; its body is
    /// checked on its own, so it counts as one statement here.
    public static func buildExpression(_ contents: EnvironmentContents) -> EnvironmentContents {
        EnvironmentContents(items: contents.items, statements: 1)
    }
    /// Joins the statements of a builder body.
    public static func buildBlock(_ parts: EnvironmentContents...) -> EnvironmentContents {
        EnvironmentContents(items: parts.flatMap(\.items), statements: parts.reduce(0) { $0 + $1.statements })
    }
    /// Supports `if` without `else` in a builder body.
    public static func buildOptional(_ part: EnvironmentContents?) -> EnvironmentContents {
        part ?? EnvironmentContents(items: [], statements: 1)
    }
    /// Supports the first branch of `if`/`else` and `switch`.
    public static func buildEither(first part: EnvironmentContents) -> EnvironmentContents { part }
    /// Supports the other branches of `if`/`else` and `switch`.
    public static func buildEither(second part: EnvironmentContents) -> EnvironmentContents { part }
    /// Supports `for` loops in a builder body: the loop's body counts once, however often it runs.
    public static func buildArray(_ parts: [EnvironmentContents]) -> EnvironmentContents {
        EnvironmentContents(items: parts.flatMap(\.items), statements: parts.first?.statements ?? 1)
    }
}

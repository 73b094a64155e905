/// One environment, resolved to plain values: what rules check and renderers turn into files.
public struct EnvironmentModel: Codable, Hashable, Sendable {
    public var name: String
    public var location: String
    public var tags: [String: String]
    /// The seed of the naming convention's deterministic `uniqueString` suffix.
    public var namingSeed: String
    public var hub: HubModel?
    public var hubReferences: [HubReferenceModel]
    public var spokes: [SpokeModel]
    public var workspaces: [WorkspaceModel]
    public var workspaceReferences: [WorkspaceReferenceModel]
    public var registries: [RegistryModel]
    public var registryResourceGroup: ResourceGroupModel
    public var clusters: [ClusterModel]
    public var rawResources: [RawResourceModel]
    /// Private DNS zones another team owns, by zone name.
    public var privateDNSZoneReferences: [PrivateDNSZoneReferenceModel] = []
    /// The resource ID of the Key Vault the operator provides, from which parameter files take
    /// secrets through Key Vault references.
    public var secretsVaultID: String?
    /// The Rancher Fleet manager of this environment, if any.
    public var fleet: FleetModel?
    /// The applications that run on the clusters, with their delivery pipelines.
    public var workloads: [WorkloadModel] = []
    /// Images the clusters need before any workload, imported into the registry by `deploy.sh`.
    public var bootstrapImages: [String] = []
    /// Registries (besides the environment's own) that manifests may pull from.
    public var allowedImageSources: [String] = ["mcr.microsoft.com/", "docker.io/library/"]
    /// The default target of every diagnostic setting, by workspace name.
    public var diagnosticsWorkspace: String?
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    /// How many statements the environment's builder body holds (nil when it was declared with
    /// `add`): a large body makes the DSL file slow to compile (DSL005).
    public var builderStatements: Int?
    /// The parameter files' format; nil takes the CLI's `--params` (JSON unless given).
    public var parameterFiles: ParameterFileFormat?
    /// How `deploy.sh` deploys each unit: incremental deployments or deployment stacks.
    public var deployment: DeploymentStrategyModel = .incremental
    /// The committed output's facts about this environment, filled in by the CLI before rules
    /// and renderers run; nil when nothing was committed.
    public var committed: CommittedEnvironment?
    public var site: SourceLocation

    public init(
        name: String, location: String, tags: [String: String], namingSeed: String, hub: HubModel?,
        hubReferences: [HubReferenceModel], spokes: [SpokeModel], workspaces: [WorkspaceModel],
        workspaceReferences: [WorkspaceReferenceModel], registries: [RegistryModel],
        registryResourceGroup: ResourceGroupModel, clusters: [ClusterModel], rawResources: [RawResourceModel],
        diagnosticsWorkspace: String?, site: SourceLocation
    ) {
        self.name = name
        self.location = location
        self.tags = tags
        self.namingSeed = namingSeed
        self.hub = hub
        self.hubReferences = hubReferences
        self.spokes = spokes
        self.workspaces = workspaces
        self.workspaceReferences = workspaceReferences
        self.registries = registries
        self.registryResourceGroup = registryResourceGroup
        self.clusters = clusters
        self.rawResources = rawResources
        self.diagnosticsWorkspace = diagnosticsWorkspace
        self.site = site
    }
}

/// What a DSL program sends back over the result channel.
public struct ProgramResult: Codable, Hashable, Sendable {
    /// The wire format version; the CLI refuses results it does not understand.
    public var format: Int
    public var environments: [EnvironmentModel]
    /// Problems the program itself detected, such as a second hand-over.
    public var failures: [ProgramFailure]
    /// The inputs the program read (`Slipway.input`), with the values it used.
    public var inputs: [String: String] = [:]
    /// Seconds the program spent building and lowering its model, measured inside the program.
    public var buildSeconds: Double = 0

    /// 1 was JSON; 2 is ``CompactFormat``.
    public static let currentFormat = 2

    public init(environments: [EnvironmentModel], failures: [ProgramFailure] = []) {
        self.format = ProgramResult.currentFormat
        self.environments = environments
        self.failures = failures
    }
}

/// A failure of the DSL program detected by the library, reported at the user's line.
public struct ProgramFailure: Codable, Hashable, Sendable {
    public var code: String
    public var message: String
    public var site: SourceLocation

    public init(code: String, message: String, site: SourceLocation) {
        self.code = code
        self.message = message
        self.site = site
    }
}

extension EnvironmentModel {
    /// The format the parameter files are written in.
    public var parameterFormat: ParameterFileFormat { parameterFiles ?? .json }
}

extension EnvironmentModel {
    /// A `.property(path, value)` override with the resource it changes.
    public struct OverrideTarget: Sendable {
        /// `Microsoft.ContainerService/managedClusters` and so on.
        public var type: String
        /// The declaration in words, for messages: `cluster 'aks'`.
        public var owner: String
        public var override: PropertyOverride
        /// The arrays whose items `[name=…]` may select, by path (`properties.subnets`), with the
        /// names of the items Slipway renders there.
        public var itemNames: [String: [String]] = [:]
    }

    /// Every property override of the environment, with the resource type it applies to: one
    /// lookup for the rules that read overrides (credentials, property names).
    public var overrideTargets: [OverrideTarget] {
        var targets: [OverrideTarget] = []
        func add(
            _ type: String, _ owner: String, _ overrides: [PropertyOverride], items: [String: [String]] = [:]
        ) {
            targets += overrides.map { OverrideTarget(type: type, owner: owner, override: $0, itemNames: items) }
        }
        if let hub {
            add(
                "Microsoft.Network/virtualNetworks", "hub '\(hub.name)'", hub.overrides,
                items: ["properties.subnets": hub.subnets.map(\.name)])
            if let firewall = hub.firewall {
                add("Microsoft.Network/azureFirewalls", "firewall '\(firewall.name)'", firewall.overrides)
            }
        }
        for spoke in spokes {
            add(
                "Microsoft.Network/virtualNetworks", "spoke '\(spoke.name)'", spoke.overrides,
                items: ["properties.subnets": spoke.subnets.map(\.name)])
        }
        for workspace in workspaces {
            add("Microsoft.OperationalInsights/workspaces", "workspace '\(workspace.name)'", workspace.overrides)
        }
        for registry in registries {
            add("Microsoft.ContainerRegistry/registries", "registry '\(registry.name)'", registry.overrides)
        }
        for cluster in clusters {
            add(
                "Microsoft.ContainerService/managedClusters", "cluster '\(cluster.name)'", cluster.overrides,
                items: [
                    "properties.agentPoolProfiles": profilePools(of: cluster).map(\.name)
                ])
        }
        return targets
    }
}

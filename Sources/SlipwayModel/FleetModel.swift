/// Rancher Fleet: a manager, the downstream clusters' registrations, cluster groups, Git repos and
/// bundles. Rendered under `Output/<env>/fleet/` and applied to the manager cluster.
public struct FleetModel: Codable, Hashable, Sendable {
    /// The declared AKS cluster that hosts the manager, or nil for an existing manager.
    public var managerCluster: String?
    /// The API server of an existing manager.
    public var managerAPIServerURL: String?
    /// The workspace namespace that holds the manager objects, for example `clusters`.
    public var namespace: String
    /// How long registration tokens live, as a Go duration such as `240h`.
    public var tokenTTL: String
    /// The Fleet Helm chart version installed for the manager and the agents.
    public var chartVersion: String = FleetRelease.chartVersion
    public var groups: [ClusterGroupModel] = []
    public var gitRepos: [GitRepoModel] = []
    /// Where modifiers that a rule can blame were called, by modifier name.
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        managerCluster: String?, managerAPIServerURL: String?, namespace: String, tokenTTL: String,
        site: SourceLocation
    ) {
        self.managerCluster = managerCluster
        self.managerAPIServerURL = managerAPIServerURL
        self.namespace = namespace
        self.tokenTTL = tokenTTL
        self.site = site
    }
}

extension FleetModel {
    /// The host and port of an existing manager's `https://host[:port][/path]` API server URL, or
    /// nil when there is no such URL or it is not one (rule FLT007).
    public var managerEndpoint: (host: String, port: String)? {
        guard let url = managerAPIServerURL, url.lowercased().hasPrefix("https://") else { return nil }
        let authority = url.dropFirst("https://".count).prefix { $0 != "/" }
        let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty else { return nil }
        return (String(host), parts.count == 2 ? String(parts[1]) : "443")
    }
}

/// How a downstream cluster registers with the Fleet manager.
public struct FleetRegistrationModel: Codable, Hashable, Sendable {
    public enum Mode: String, Codable, Hashable, Sendable {
        /// The agent registers itself with a token (the usual choice).
        case agentInitiated
        /// The manager deploys the agent with a kubeconfig secret.
        case managerInitiated
    }
    public var mode: Mode
    public var labels: [String: String]
    /// Ties an agent-initiated registration to a `Cluster` defined beforehand.
    public var clientID: String?
    /// The user accepts Flux (AKS extension) and Fleet on the same cluster.
    public var alsoFlux: Bool
    public var site: SourceLocation

    public init(mode: Mode, labels: [String: String], clientID: String?, alsoFlux: Bool, site: SourceLocation) {
        self.mode = mode
        self.labels = labels
        self.clientID = clientID
        self.alsoFlux = alsoFlux
        self.site = site
    }
}

/// A Kubernetes label selector: every `matchLabels` pair and every expression must hold.
public struct LabelSelectorModel: Codable, Hashable, Sendable {
    public var matchLabels: [String: String]
    public var matchExpressions: [LabelExpressionModel]

    public init(matchLabels: [String: String], matchExpressions: [LabelExpressionModel] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// One `matchExpressions` entry: `key` with an operator and, for `In`/`NotIn`, values.
public struct LabelExpressionModel: Codable, Hashable, Sendable {
    public enum Operator: String, Codable, Hashable, Sendable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }
    public var key: String
    public var `operator`: Operator
    public var values: [String]

    public init(key: String, operator: Operator, values: [String] = []) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// A `ClusterGroup`: clusters selected by labels.
public struct ClusterGroupModel: Codable, Hashable, Sendable {
    public var name: String
    public var matchLabels: [String: String]
    public var matchExpressions: [LabelExpressionModel] = []
    /// Warnings silenced on this group, each with its reason.
    public var suppressions: [Suppression] = []
    public var site: SourceLocation

    public init(name: String, matchLabels: [String: String], site: SourceLocation) {
        self.name = name
        self.matchLabels = matchLabels
        self.site = site
    }
}

/// Where a `GitRepo` or a bundle customisation applies.
public enum FleetTargetModel: Codable, Hashable, Sendable {
    case clusterGroup(String)
    case clusterName(String)
    case clusterSelector(LabelSelectorModel)
}

/// A `GitRepo` with its bundles.
public struct GitRepoModel: Codable, Hashable, Sendable {
    public var name: String
    public var repository: String
    public var branch: String
    public var targets: [FleetTargetModel]
    /// Warnings silenced on this repo, each with its reason.
    public var suppressions: [Suppression] = []
    public var bundles: [FleetBundleModel]
    public var site: SourceLocation

    public init(
        name: String, repository: String, branch: String, targets: [FleetTargetModel], bundles: [FleetBundleModel],
        site: SourceLocation
    ) {
        self.name = name
        self.repository = repository
        self.branch = branch
        self.targets = targets
        self.bundles = bundles
        self.site = site
    }
}

/// A bundle: a directory with a `fleet.yaml` and its manifests.
public struct FleetBundleModel: Codable, Hashable, Sendable {
    public var name: String
    public var defaultNamespace: String
    public var dependsOn: [String]
    /// Per-target overrides: the customisation name, where it applies, and the namespace to use there.
    public var customizations: [FleetCustomizationModel]
    public var manifests: [ManifestModel]
    /// `kustomize.dir`: the bundle directory that holds the rendered `kustomization.yaml` (`.`).
    public var kustomizeDirectory: String?
    /// `helm`: a chart from a repository, with its values (no secrets: they would be rendered).
    public var helm: FleetHelmModel?
    /// Where modifiers that a rule can blame were called, by modifier name.
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, defaultNamespace: String, dependsOn: [String], customizations: [FleetCustomizationModel],
        manifests: [ManifestModel], site: SourceLocation
    ) {
        self.name = name
        self.defaultNamespace = defaultNamespace
        self.dependsOn = dependsOn
        self.customizations = customizations
        self.manifests = manifests
        self.site = site
    }
}

/// One `targetCustomizations` entry of a `fleet.yaml`.
public struct FleetCustomizationModel: Codable, Hashable, Sendable {
    public var name: String
    public var target: FleetTargetModel
    public var namespace: String?
    public var labels: [String: String]

    public init(name: String, target: FleetTargetModel, namespace: String?, labels: [String: String]) {
        self.name = name
        self.target = target
        self.namespace = namespace
        self.labels = labels
    }
}

/// A Helm chart a bundle deploys.
public struct FleetHelmModel: Codable, Hashable, Sendable {
    public var chart: String
    public var repository: String
    public var version: String
    public var releaseName: String
    public var values: Value

    public init(chart: String, repository: String, version: String, releaseName: String, values: Value) {
        self.chart = chart
        self.repository = repository
        self.version = version
        self.releaseName = releaseName
        self.values = values
    }
}

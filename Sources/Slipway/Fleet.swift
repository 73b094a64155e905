package import SlipwayModel

/// A Rancher Fleet manager for the environment: a declared AKS cluster hosts it (or an existing
/// manager is reached by its API server URL), and its workspace namespace holds the manager objects.
///
/// ```swift
/// FleetManager(on: "aks-manager", namespace: "clusters") {
///     ClusterGroup("prod", matching: ["env": "prod"])
///     GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("prod")]) {
///         FleetBundle("web", defaultNamespace: "web") { Manifest.namespace("web") }
///     }
/// }
/// ```
public struct FleetManager: Modifiable, SiteRecording, Sendable {
    var model: FleetModel

    /// A manager on the declared cluster `cluster`, with its workspace `namespace`.
    public init(
        on cluster: Ref<AKSCluster>, namespace: String = "clusters", fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column,
        @FleetContentBuilder _ contents: () -> [FleetContent] = { [] }
    ) {
        model = FleetModel(
            managerCluster: cluster.name, managerAPIServerURL: nil, namespace: namespace, tokenTTL: "240h",
            site: .site(fileID, filePath, line, column))
        add(contents())
    }

    /// An existing manager another team runs, reached at `apiServerURL`.
    public init(
        apiServerURL: String, namespace: String = "clusters", fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @FleetContentBuilder _ contents: () -> [FleetContent] = { [] }
    ) {
        model = FleetModel(
            managerCluster: nil, managerAPIServerURL: apiServerURL, namespace: namespace, tokenTTL: "240h",
            site: .site(fileID, filePath, line, column))
        add(contents())
    }

    mutating func add(_ contents: [FleetContent]) {
        for content in contents {
            switch content.kind {
            case .group(let group): model.groups.append(group.lowered())
            case .gitRepo(let repo): model.gitRepos.append(repo.lowered())
            }
        }
    }

    /// How long registration tokens live, as a Go duration (`h`, `m`, `s`; Fleet accepts no `d` or `w`).
    public func tokenTTL(
        _ ttl: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> FleetManager {
        recording("tokenTTL", fileID, filePath, line, column) { $0.tokenTTL = ttl }
    }

    /// The Fleet Helm chart version `deploy.sh` installs for the manager and the agents, an exact
    /// version (rule FLT009). Defaults to the release Slipway validates against; with an existing
    /// manager, give the version that manager runs, since agents should match it.
    public func chartVersion(
        _ version: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> FleetManager {
        recording("chartVersion", fileID, filePath, line, column) { $0.chartVersion = version }
    }
}

/// A `ClusterGroup`: the clusters whose labels match.
public struct ClusterGroup: Modifiable, ModelBacked, Suppressible {
    var model: ClusterGroupModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// The group `name` of clusters labelled with every pair of `labels` and meeting every
    /// requirement in `requirements`.
    public init(
        _ name: String, matching labels: [String: String], where requirements: [LabelRequirement] = [],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        model = ClusterGroupModel(name: name, matchLabels: labels, site: .site(fileID, filePath, line, column))
        model.matchExpressions = requirements.map(\.model)
    }

}

/// Where a `GitRepo` deploys, or where a bundle customisation applies.
public struct FleetTarget: Sendable {
    let model: FleetTargetModel

    /// The clusters of a `ClusterGroup`.
    public static func clusterGroup(_ name: String) -> FleetTarget { FleetTarget(model: .clusterGroup(name)) }
    /// One cluster by name.
    public static func cluster(_ name: String) -> FleetTarget { FleetTarget(model: .clusterName(name)) }
    /// The clusters whose labels match.
    public static func clusters(labelled labels: [String: String], where requirements: [LabelRequirement] = [])
        -> FleetTarget
    {
        FleetTarget(
            model: .clusterSelector(
                LabelSelectorModel(matchLabels: labels, matchExpressions: requirements.map(\.model))))
    }
}

/// A set-based label requirement of a selector (a Kubernetes `matchExpressions` entry).
///
/// ```swift
/// ClusterGroup("non-prod", matching: [:], where: [.label("env", in: ["dev", "qa"])])
/// ```
public struct LabelRequirement: Sendable {
    let model: LabelExpressionModel

    /// The label `key` has one of `values`.
    public static func label(_ key: String, in values: [String]) -> LabelRequirement {
        LabelRequirement(model: LabelExpressionModel(key: key, operator: .in, values: values))
    }
    /// The label `key` is absent or has none of `values`.
    public static func label(_ key: String, notIn values: [String]) -> LabelRequirement {
        LabelRequirement(model: LabelExpressionModel(key: key, operator: .notIn, values: values))
    }
    /// The label `key` is present, with any value.
    public static func hasLabel(_ key: String) -> LabelRequirement {
        LabelRequirement(model: LabelExpressionModel(key: key, operator: .exists))
    }
    /// The label `key` is absent.
    public static func lacksLabel(_ key: String) -> LabelRequirement {
        LabelRequirement(model: LabelExpressionModel(key: key, operator: .doesNotExist))
    }
}

/// A `GitRepo`: Fleet watches `repository` and deploys its bundles to the targets.
public struct GitRepo: Modifiable, ModelBacked, Suppressible {
    var model: GitRepoModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// Watches `branch` of `repository` and deploys `bundles` to `targets`.
    public init(
        _ name: String, repository: String, branch: String = "main", targets: [FleetTarget],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
        @FleetBundleBuilder _ bundles: () -> [FleetBundle]
    ) {
        model = GitRepoModel(
            name: name, repository: repository, branch: branch, targets: targets.map(\.model),
            bundles: bundles().map(\.model), site: .site(fileID, filePath, line, column))
    }

}

/// A bundle: a directory of the rendered tree with a `fleet.yaml` and its manifests.
public struct FleetBundle: Modifiable, SiteRecording, Sendable {
    var model: FleetBundleModel

    /// The bundle `name`, deploying `manifests` into `defaultNamespace`.
    public init(
        _ name: String, defaultNamespace: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @ManifestBuilder _ manifests: () -> [Manifest] = { [] }
    ) {
        model = FleetBundleModel(
            name: name, defaultNamespace: defaultNamespace, dependsOn: [], customizations: [],
            manifests: manifests().map(\.model), site: .site(fileID, filePath, line, column))
    }

    /// Deploys only after these bundles of the same repo are ready.
    public func dependsOn(
        _ bundles: String..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> FleetBundle {
        recording("dependsOn", fileID, filePath, line, column) { $0.dependsOn += bundles }
    }

    /// Deploys the bundle with kustomize: its manifests render with a `kustomization.yaml` at the
    /// bundle's root, which `fleet.yaml` names as `kustomize.dir`.
    public func kustomize() -> FleetBundle { with { $0.model.kustomizeDirectory = "." } }

    /// Deploys a Helm chart from an `https` `repository` at an exact `version` (rule FLT009).
    /// Values are rendered, so they must hold no secret.
    public func helm(
        chart: String, repository: String, version: String, releaseName: String? = nil, values: Value = [:],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> FleetBundle {
        with {
            $0.model.sites["helm"] = .site(fileID, filePath, line, column)
            $0.model.helm = FleetHelmModel(
                chart: chart, repository: repository, version: version, releaseName: releaseName ?? $0.model.name,
                values: values)
        }
    }

    /// Customises the bundle for `target`: another namespace and extra labels there.
    public func customize(
        _ name: String, for target: FleetTarget, namespace: String? = nil, labels: [String: String] = [:]
    ) -> FleetBundle {
        with {
            $0.model.customizations.append(
                FleetCustomizationModel(name: name, target: target.model, namespace: namespace, labels: labels))
        }
    }
}

/// How a downstream cluster registers with the environment's Fleet manager.
public struct FleetRegistration: Sendable {
    let mode: FleetRegistrationModel.Mode
    let labels: [String: String]
    let clientID: String?

    /// The agent registers itself with a registration token; `labels` are fixed at registration.
    public static func agentInitiated(labels: [String: String]) -> FleetRegistration {
        FleetRegistration(mode: .agentInitiated, labels: labels, clientID: nil)
    }

    /// The agent registers with a `clientID` that ties it to a `Cluster` defined beforehand. Make it
    /// hard to guess, or one cluster can impersonate another.
    public static func agentInitiated(labels: [String: String] = [:], clientID: String) -> FleetRegistration {
        FleetRegistration(mode: .agentInitiated, labels: labels, clientID: clientID)
    }

    /// The manager deploys the agent through a kubeconfig secret created at deploy time; it needs a
    /// network path to the cluster's API server.
    public static func managerInitiated(labels: [String: String]) -> FleetRegistration {
        FleetRegistration(mode: .managerInitiated, labels: labels, clientID: nil)
    }
}

extension AKSCluster {
    /// Registers the cluster with the environment's Fleet manager. A cluster uses Flux through the
    /// AKS extension or Fleet; pass `alsoFlux: true` to use both on purpose.
    public func fleet(
        _ registration: FleetRegistration, alsoFlux: Bool = false, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.fleetRegistration = FleetRegistrationModel(
                mode: registration.mode, labels: registration.labels, clientID: registration.clientID,
                alsoFlux: alsoFlux, site: .site(fileID, filePath, line, column))
        }
    }
}

/// One declaration inside a ``FleetManager``.
public struct FleetContent: Sendable {
    enum Kind: Sendable {
        case group(ClusterGroup)
        case gitRepo(GitRepo)
    }
    let kind: Kind
}

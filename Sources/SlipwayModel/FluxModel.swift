/// The Flux GitOps configuration of one cluster, through the AKS `microsoft.flux` extension.
public struct FluxModel: Codable, Hashable, Sendable {
    public var name: String
    public var repositoryURL: String
    public var branch: String
    public var syncIntervalSeconds: Int
    public var timeoutSeconds: Int
    public var kustomizations: [KustomizationModel]
    /// Credentials for a private repository; nil for a public one.
    public var credentials: GitCredentialsModel?
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, repositoryURL: String, branch: String, syncIntervalSeconds: Int, timeoutSeconds: Int,
        kustomizations: [KustomizationModel], credentials: GitCredentialsModel? = nil, site: SourceLocation
    ) {
        self.name = name
        self.repositoryURL = repositoryURL
        self.branch = branch
        self.syncIntervalSeconds = syncIntervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.kustomizations = kustomizations
        self.credentials = credentials
        self.site = site
    }
}

/// How Flux authenticates to a private Git repository. Secret material is named, never carried:
/// it comes from a secret of the environment's secrets vault through a Key Vault reference.
public enum GitCredentialsModel: Codable, Hashable, Sendable {
    /// HTTPS with a user and a token (for example a GitHub PAT) held in the vault as `tokenSecret`.
    case https(user: String, tokenSecret: String)
    /// SSH with a private key held in the vault as `privateKeySecret`, and the host's known_hosts line.
    case ssh(privateKeySecret: String, knownHosts: String)
}

/// A value Flux substitutes after the build: a literal, or something only Azure knows.
public enum SubstitutionModel: Codable, Hashable, Sendable {
    case literal(String)
    /// The login server of a registry declared in the environment, by DSL name.
    case registryLoginServer(String)
    /// The client ID of the cluster's kubelet identity.
    case kubeletClientID
    /// The OIDC issuer URL of the cluster.
    case oidcIssuerURL
    /// The client ID of one of the cluster's federated identities, by name.
    case identityClientID(String)
    /// The client ID of the ingress controller's identity.
    case ingressControllerClientID
    /// The name of the cluster's Key Vault.
    case keyVaultName
    /// The tenant of the subscription.
    case tenantID
}

/// One entry of `fluxConfigurations.properties.kustomizations`, pointing at a rendered directory.
public struct KustomizationModel: Codable, Hashable, Sendable {
    public var name: String
    public var intervalSeconds: Int
    /// The interval as written, when it was given as a Go duration such as `10m`.
    public var intervalText: String?
    public var retryIntervalSeconds: Int
    /// The retry interval as written, when it was given as a Go duration.
    public var retryIntervalText: String?
    public var timeoutSeconds: Int
    /// The timeout as written, when it was given as a Go duration.
    public var timeoutText: String?
    public var prune: Bool
    public var wait: Bool
    public var dependsOn: [String]
    public var substitutions: [String: SubstitutionModel]
    public var manifests: [ManifestModel]
    /// Static bases copied from `Templates/manifests/<name>/`.
    public var templates: [String]
    /// A path inside the repository when the directory is maintained by hand, not rendered.
    public var externalPath: String?
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, intervalSeconds: Int, retryIntervalSeconds: Int, timeoutSeconds: Int, prune: Bool,
        wait: Bool, dependsOn: [String], substitutions: [String: SubstitutionModel], manifests: [ManifestModel],
        templates: [String], externalPath: String?, site: SourceLocation
    ) {
        self.name = name
        self.intervalSeconds = intervalSeconds
        self.retryIntervalSeconds = retryIntervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.prune = prune
        self.wait = wait
        self.dependsOn = dependsOn
        self.substitutions = substitutions
        self.manifests = manifests
        self.templates = templates
        self.externalPath = externalPath
        self.site = site
    }
}

/// A Kubernetes object rendered into the Flux tree.
public struct ManifestModel: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?
    public var labels: [String: String]
    public var annotations: [String: String]
    /// Everything after `metadata`, for example `spec` or `data`.
    public var body: Value
    public var site: SourceLocation

    public init(
        apiVersion: String, kind: String, name: String, namespace: String?, labels: [String: String] = [:],
        annotations: [String: String] = [:], body: Value, site: SourceLocation
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.body = body
        self.site = site
    }
}

/// One application a team runs on a cluster of the environment: its image, its pods, how it is
/// reached and how it is delivered.
public struct WorkloadModel: Codable, Hashable, Sendable {
    public var name: String
    /// The cluster it runs on, by DSL name.
    public var cluster: String
    public var namespace: String
    /// The build context, relative to the repository root, and the Dockerfile inside it.
    public var sourceDirectory: String
    public var dockerfile: String
    /// A command run in `sourceDirectory` before the image is built, such as `dotnet test`.
    public var testCommand: String?
    /// The repository in the environment's registry (`a0008/aspnetapp`), or a full reference to an
    /// image elsewhere (`mcr.microsoft.com/dotnet/samples`), which rule WKL001 judges.
    public var imageRepository: String
    public var imageTag: ImageTagModel
    public var replicas: Int
    public var ports: [WorkloadPortModel]
    public var liveness: ProbeModel?
    public var readiness: ProbeModel?
    public var startup: ProbeModel?
    public var resources: ResourcesModel?
    public var terminationGracePeriodSeconds: Int
    /// Seconds the pre-stop hook waits, so the load balancer stops sending before the process stops.
    public var preStopSleepSeconds: Int
    public var security: ContainerSecurityModel
    /// Paths mounted as empty, writable scratch volumes (the root filesystem is read-only).
    public var writablePaths: [String]
    /// Plain, non-secret settings as environment variables.
    public var environment: [String: String]
    /// The node pool the pods run on, by name (the `agentpool` label).
    public var nodePool: String?
    public var ingress: WorkloadIngressModel?
    /// The cluster's federated identity the pods use, by name; nil for no Azure identity.
    public var identity: String?
    public var serviceAccount: String
    /// Objects of the cluster's Key Vault mounted as files through a `SecretProviderClass`.
    public var secrets: [KeyVaultObjectModel]
    public var delivery: DeliveryModel
    /// Which promotion stage's tags this environment runs.
    public var stage: PromotionStageModel
    /// Where modifiers that a rule can blame were called, by modifier name (for example `image`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, cluster: String, namespace: String, sourceDirectory: String, dockerfile: String,
        imageRepository: String, imageTag: ImageTagModel, site: SourceLocation
    ) {
        self.name = name
        self.cluster = cluster
        self.namespace = namespace
        self.sourceDirectory = sourceDirectory
        self.dockerfile = dockerfile
        self.imageRepository = imageRepository
        self.imageTag = imageTag
        self.replicas = 2
        self.ports = []
        self.resources = nil
        self.terminationGracePeriodSeconds = 30
        self.preStopSleepSeconds = 10
        self.security = ContainerSecurityModel()
        self.writablePaths = ["/tmp"]
        self.environment = [:]
        self.serviceAccount = name
        self.secrets = []
        self.delivery = .pull
        self.stage = .release
        self.site = site
    }

    /// The name of the `SecretProviderClass`, when the workload mounts secrets.
    public var secretProviderClassName: String { "\(name)-secrets" }

    /// The federated credential subject the service account presents.
    public var serviceAccountSubject: String { "system:serviceaccount:\(namespace):\(serviceAccount)" }

    /// Whether `imageRepository` names a registry host (`mcr.microsoft.com/...`) rather than a
    /// repository in the environment's registry.
    public var imageIsExternal: Bool {
        guard let first = imageRepository.split(separator: "/").first, imageRepository.contains("/") else {
            return false
        }
        return first.contains(".") || first.contains(":") || first == "localhost"
    }
}

/// Where an image tag comes from.
public enum ImageTagModel: Codable, Hashable, Sendable {
    /// A tag written in the DSL.
    case fixed(String)
    /// A DSL input whose default the tag-bump pull request rewrites (`slipway set-input`).
    case input(name: String, value: String)

    /// The tag the output uses.
    public var value: String {
        switch self {
        case .fixed(let tag): return tag
        case .input(_, let value): return value
        }
    }
}

/// A named container port.
public struct WorkloadPortModel: Codable, Hashable, Sendable {
    public var name: String
    public var port: Int

    public init(name: String, port: Int) {
        self.name = name
        self.port = port
    }
}

/// A liveness, readiness or startup probe.
public struct ProbeModel: Codable, Hashable, Sendable {
    public enum Check: Codable, Hashable, Sendable {
        case http(path: String, port: Int)
        case tcp(port: Int)
    }
    public var check: Check
    public var periodSeconds: Int
    public var failureThreshold: Int
    public var initialDelaySeconds: Int

    public init(check: Check, periodSeconds: Int, failureThreshold: Int, initialDelaySeconds: Int) {
        self.check = check
        self.periodSeconds = periodSeconds
        self.failureThreshold = failureThreshold
        self.initialDelaySeconds = initialDelaySeconds
    }
}

/// CPU and memory requests and limits, in Kubernetes quantities (`100m`, `256Mi`).
public struct ResourcesModel: Codable, Hashable, Sendable {
    public var cpuRequest: String?
    public var memoryRequest: String?
    public var cpuLimit: String?
    public var memoryLimit: String?

    public init(cpuRequest: String?, memoryRequest: String?, cpuLimit: String?, memoryLimit: String?) {
        self.cpuRequest = cpuRequest
        self.memoryRequest = memoryRequest
        self.cpuLimit = cpuLimit
        self.memoryLimit = memoryLimit
    }
}

/// The container's security context. The defaults are the baseline policies' requirements.
public struct ContainerSecurityModel: Codable, Hashable, Sendable {
    public var runAsUser: Int = 10001
    public var readOnlyRootFilesystem: Bool = true
    public var allowPrivilegeEscalation: Bool = false

    public init() {}
}

/// How clients reach the workload: the ingress controller's class, the host (under the
/// environment's ingress domain) and TLS.
public struct WorkloadIngressModel: Codable, Hashable, Sendable {
    public var host: String
    public var path: String
    /// The service port the ingress forwards to.
    public var servicePort: Int
    /// The `IngressClass` of the cluster's ingress controller.
    public var ingressClass: String
    public var site: SourceLocation

    public init(host: String, path: String, servicePort: Int, ingressClass: String, site: SourceLocation) {
        self.host = host
        self.path = path
        self.servicePort = servicePort
        self.ingressClass = ingressClass
        self.site = site
    }
}

/// One Key Vault object mounted by a `SecretProviderClass`.
public struct KeyVaultObjectModel: Codable, Hashable, Sendable {
    /// `secret`, `cert` or `key`, as the Azure provider names them.
    public var type: String
    public var name: String
    /// The file name under the mount path.
    public var fileName: String

    public init(type: String, name: String, fileName: String) {
        self.type = type
        self.name = name
        self.fileName = fileName
    }
}

/// How manifests reach the cluster.
public enum DeliveryModel: String, Codable, Hashable, Sendable {
    /// CI applies the manifests after the image is in the registry.
    case push
    /// Flux reconciles the manifests from Git; CI opens a pull request that bumps the tag.
    case pull
}

/// The image tags an environment runs: one stage of the promotion table.
public enum PromotionStageModel: String, Codable, Hashable, Sendable {
    /// `dev-<short sha>`, built on every push to `main`.
    case development
    /// `staging-<short sha>`, the dev image re-tagged on a push to `staging`.
    case staging
    /// `X.Y.Z`, the staging image of the commit a `vX.Y.Z` tag points at, locked.
    case release

    /// The form of the tags this stage runs, as people write it.
    public var tagForm: String {
        switch self {
        case .development: return "dev-<short sha>"
        case .staging: return "staging-<short sha>"
        case .release: return "X.Y.Z"
        }
    }
}

/// A user-assigned identity with one federated credential, in the cluster stamp.
public struct FederatedIdentityModel: Codable, Hashable, Sendable {
    public var name: String
    /// The token subject Entra ID trusts, such as `system:serviceaccount:a0008:aspnetapp`.
    public var subject: String
    public var site: SourceLocation

    public init(name: String, subject: String, site: SourceLocation) {
        self.name = name
        self.subject = subject
        self.site = site
    }
}

package import SlipwayModel

/// An application a team runs on one of the environment's clusters. Slipway renders its
/// Deployment, Service, Ingress, ServiceAccount, SecretProviderClass, PodDisruptionBudget and
/// NetworkPolicy, its identity in the cluster stamp, and its GitHub Actions pipeline (build, promotion, and a deploy job or a tag-bump pull request).
///
/// The defaults pass the baseline's policies: non-root, read-only root filesystem, no privilege
/// escalation, two replicas, a 30 s grace period with a 10 s pre-stop wait, pull delivery.
///
/// ```swift
/// Workload("aspnetapp", on: "aks-bu0001a0008", namespace: "a0008")
///     .source("workloads/aspnetapp")
///     .image("a0008/aspnetapp", tag: .input("aspnetapp.tag", default: "1.0.0"))
///     .port(8080)
///     .probes(liveness: .http("/healthz", port: 8080), readiness: .http("/healthz", port: 8080))
///     .resources(requests: .init(cpu: "50m", memory: "128Mi"), limits: .init(cpu: "500m", memory: "256Mi"))
///     .ingress(host: "bu0001a0008-00.aks-ingress.contoso.com")
/// ```
public struct Workload: Modifiable, SiteRecording, Sendable {
    var model: WorkloadModel

    /// Declares the workload `name` in `namespace` on `cluster`. Its image is built from
    /// `workloads/<name>/Dockerfile` into the repository `<name>` of the environment's registry
    /// until ``source(_:dockerfile:test:fileID:filePath:line:column:)`` and
    /// ``image(_:tag:fileID:filePath:line:column:)`` say otherwise.
    public init(
        _ name: String, on cluster: Ref<AKSCluster>, namespace: String, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        model = WorkloadModel(
            name: name, cluster: cluster.name, namespace: namespace, sourceDirectory: "workloads/\(name)",
            dockerfile: "Dockerfile", imageRepository: name, imageTag: .fixed(""),
            site: .site(fileID, filePath, line, column))
    }

    /// The build context (relative to the repository root), the Dockerfile inside it, and a test
    /// command the pipeline runs there before building.
    public func source(_ directory: String, dockerfile: String = "Dockerfile", test: String? = nil) -> Workload {
        with {
            $0.model.sourceDirectory = directory
            $0.model.dockerfile = dockerfile
            $0.model.testCommand = test
        }
    }

    /// The image: a repository in the environment's registry (`a0008/aspnetapp`) and its tag. For
    /// `.pull` delivery, take the tag from an input so the pipeline's pull request can bump it; for
    /// `.push` the pipeline sets the tag it has just promoted, and `tag` is not used.
    public func image(
        _ repository: String, tag: ImageTag = "", fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("image", fileID, filePath, line, column) {
            $0.imageRepository = repository
            $0.imageTag = tag.model
        }
    }

    /// The number of pods, each on a node of its own; the PodDisruptionBudget keeps all but one
    /// available. The pool needs room for one more during a rolling update (rule WKL013).
    public func replicas(
        _ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("replicas", fileID, filePath, line, column) { $0.replicas = count }
    }

    /// A container port, served by the Service under the same name.
    public func port(
        _ number: Int, name: String = "http", fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("port", fileID, filePath, line, column) {
            $0.ports.append(WorkloadPortModel(name: name, port: number))
        }
    }

    /// The liveness, readiness and (for slow starts) startup probes.
    public func probes(
        liveness: Probe? = nil, readiness: Probe? = nil, startup: Probe? = nil, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("probes", fileID, filePath, line, column) {
            $0.liveness = liveness?.model
            $0.readiness = readiness?.model
            $0.startup = startup?.model
        }
    }

    /// CPU and memory requests and limits.
    public func resources(
        requests: ResourceQuantities, limits: ResourceQuantities, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Workload {
        with {
            $0.model.resources = ResourcesModel(
                cpuRequest: requests.cpu, memoryRequest: requests.memory, cpuLimit: limits.cpu,
                memoryLimit: limits.memory)
            $0.model.sites["resources"] = .site(fileID, filePath, line, column)
        }
    }

    /// Graceful termination: the pod's grace period and how long the pre-stop hook waits before the
    /// process receives SIGTERM (so the endpoints controller and the ingress stop sending first).
    public func termination(
        gracePeriodSeconds: Int, preStopSleepSeconds: Int, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("termination", fileID, filePath, line, column) {
            $0.terminationGracePeriodSeconds = gracePeriodSeconds
            $0.preStopSleepSeconds = preStopSleepSeconds
        }
    }

    /// The user the container runs as (non-root; 10001 unless set).
    public func runAsUser(
        _ uid: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("runAsUser", fileID, filePath, line, column) { $0.security.runAsUser = uid }
    }

    /// Paths that get an empty, writable volume; everything else is read-only. `/tmp` is writable
    /// by default.
    public func writable(_ paths: String...) -> Workload {
        with { $0.model.writablePaths = Array(Set($0.model.writablePaths + paths)).sorted() }
    }

    /// Non-secret settings as environment variables. Secrets come from Key Vault through
    /// ``secrets(_:fileID:filePath:line:column:)``.
    public func environment(
        _ variables: [String: String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Workload {
        recording("environment", fileID, filePath, line, column) { $0.environment.merge(variables) { _, new in new } }
    }

    /// The node pool the pods run on.
    public func nodePool(_ name: String) -> Workload { with { $0.model.nodePool = name } }

    /// Serves the workload through the cluster's ingress controller at `host` over HTTPS. The host
    /// must be under the environment's ingress domain (rule WKL007).
    public func ingress(
        host: String, path: String = "/", servicePort: Int? = nil, ingressClass: String = "traefik-internal",
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Workload {
        with {
            $0.model.ingress = WorkloadIngressModel(
                host: host, path: path, servicePort: servicePort ?? $0.model.ports.first?.port ?? 80,
                ingressClass: ingressClass, site: .site(fileID, filePath, line, column))
        }
    }

    /// Runs the pods as `serviceAccount`, annotated with the client ID of the cluster's federated
    /// identity `identity` (declared with `AKSCluster.federatedIdentity(_:subject:)`), whose
    /// subject must be `system:serviceaccount:<namespace>:<serviceAccount>` (rule WKL006).
    public func workloadIdentity(
        _ identity: String, serviceAccount: String? = nil, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Workload {
        with {
            $0.model.identity = identity
            if let serviceAccount { $0.model.serviceAccount = serviceAccount }
            $0.model.sites["workloadIdentity"] = .site(fileID, filePath, line, column)
        }
    }

    /// Mounts objects of the cluster's Key Vault as files under `/mnt/secrets-store`, through a
    /// `SecretProviderClass` that signs in with the workload identity.
    public func secrets(
        _ objects: [KeyVaultObject], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Workload {
        recording("secrets", fileID, filePath, line, column) { $0.secrets += objects.map(\.model) }
    }

    /// How manifests reach the cluster, and which promotion stage's tags this environment runs.
    public func delivery(
        _ delivery: Delivery, stage: PromotionStage = .release, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Workload {
        recording("delivery", fileID, filePath, line, column) {
            $0.delivery = delivery.model
            $0.stage = stage.model
        }
    }
}

/// An image tag: fixed in the DSL, or read from the DSL's inputs file so a pipeline can bump it.
public struct ImageTag: Sendable, ExpressibleByStringLiteral {
    let model: ImageTagModel

    /// A tag written here, such as `"1.4.2"`.
    public init(stringLiteral value: String) { model = .fixed(value) }

    /// The tag held by the input `name`: `defaultValue` in the committed output, or `--set
    /// name=value`. The `.pull` pipeline's pull request rewrites `defaultValue` in the DSL file with
    /// `slipway set-input`, so the tag change is reviewed where the workload is declared.
    public static func input(_ name: String, default defaultValue: String) -> ImageTag {
        ImageTag(model: .input(name: name, value: Slipway.input(name, default: defaultValue)))
    }

    init(model: ImageTagModel) { self.model = model }
}

/// A liveness, readiness or startup probe.
public struct Probe: Sendable {
    let model: ProbeModel

    /// An HTTP GET of `path` on `port`; 2xx and 3xx pass.
    public static func http(
        _ path: String, port: Int, periodSeconds: Int = 10, failureThreshold: Int = 3, initialDelaySeconds: Int = 0
    ) -> Probe {
        Probe(
            model: ProbeModel(
                check: .http(path: path, port: port), periodSeconds: periodSeconds,
                failureThreshold: failureThreshold, initialDelaySeconds: initialDelaySeconds))
    }

    /// A TCP connection to `port`.
    public static func tcp(
        port: Int, periodSeconds: Int = 10, failureThreshold: Int = 3, initialDelaySeconds: Int = 0
    ) -> Probe {
        Probe(
            model: ProbeModel(
                check: .tcp(port: port), periodSeconds: periodSeconds, failureThreshold: failureThreshold,
                initialDelaySeconds: initialDelaySeconds))
    }
}

/// CPU and memory in Kubernetes quantities, such as `cpu: "100m", memory: "256Mi"`.
public struct ResourceQuantities: Sendable {
    let cpu: String?
    let memory: String?

    /// Either may be left out; rule WKL003 reports a missing limit.
    public init(cpu: String? = nil, memory: String? = nil) {
        self.cpu = cpu
        self.memory = memory
    }
}

/// One object of the cluster's Key Vault, mounted as a file.
public struct KeyVaultObject: Sendable {
    let model: KeyVaultObjectModel

    /// The secret `name`, as the file `file` (defaults to the secret's name).
    public static func secret(_ name: String, file: String? = nil) -> KeyVaultObject {
        KeyVaultObject(model: KeyVaultObjectModel(type: "secret", name: name, fileName: file ?? name))
    }

    /// The public part of the certificate `name`, as the file `file`.
    public static func certificate(_ name: String, file: String? = nil) -> KeyVaultObject {
        KeyVaultObject(model: KeyVaultObjectModel(type: "cert", name: name, fileName: file ?? name))
    }
}

/// How a workload's manifests reach its cluster.
public enum Delivery: Sendable {
    /// CI applies the manifests with `az aks command invoke` after the image is promoted.
    case push
    /// Flux reconciles them from Git; CI opens a pull request that bumps the image tag input.
    case pull

    var model: DeliveryModel { self == .push ? .push : .pull }
}

/// The stage of the promotion table whose tags an environment runs.
public enum PromotionStage: Sendable {
    /// `dev-<short sha>`, built on every push to `main`.
    case development
    /// `staging-<short sha>`: the dev image re-tagged, never rebuilt, on a push to `staging`.
    case staging
    /// `X.Y.Z`: the staging image of the commit tagged `vX.Y.Z`, locked against overwrite and deletion.
    case release

    var model: PromotionStageModel {
        switch self {
        case .development: return .development
        case .staging: return .staging
        case .release: return .release
        }
    }
}

package import SlipwayModel

/// The GitOps bootstrap of a cluster: one `fluxConfigurations` resource whose Git source the AKS
/// extension creates from `repository` and `branch`, and whose kustomizations point at rendered
/// directories of the Flux tree.
public struct FluxConfiguration: Modifiable, SiteRecording, Sendable {
    var model: FluxModel

    /// Pulls `branch` of the public HTTPS `repository`.
    public init(
        repository: String, branch: String = "main", fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @KustomizationBuilder _ kustomizations: () -> [Kustomization]
    ) {
        model = FluxModel(
            name: "bootstrap", repositoryURL: repository, branch: branch, syncIntervalSeconds: 300,
            timeoutSeconds: 180, kustomizations: kustomizations().map(\.model),
            site: .site(fileID, filePath, line, column))
    }

    /// How often the Git source is fetched, in seconds.
    public func syncInterval(seconds: Int) -> FluxConfiguration { with { $0.model.syncIntervalSeconds = seconds } }

    /// Pulls a private repository over HTTPS. The token is the secret `tokenSecret` of the
    /// environment's secrets vault (see ``Environment/secrets(fromVault:)``); it reaches the
    /// extension's protected settings through a Key Vault reference and is never written out.
    public func httpsCredentials(user: String, tokenSecret: String) -> FluxConfiguration {
        with { $0.model.credentials = .https(user: user, tokenSecret: tokenSecret) }
    }

    /// Pulls a private repository over SSH (`ssh://git@…`). The private key is the secret
    /// `privateKeySecret` of the environment's secrets vault; `knownHosts` is the host's public
    /// known_hosts line.
    public func sshCredentials(privateKeySecret: String, knownHosts: String) -> FluxConfiguration {
        with { $0.model.credentials = .ssh(privateKeySecret: privateKeySecret, knownHosts: knownHosts) }
    }

    /// The name of the `fluxConfigurations` resource (default `bootstrap`).
    public func named(_ name: String) -> FluxConfiguration { with { $0.model.name = name } }
}

/// One Flux kustomization: a directory of the rendered tree, reconciled by the extension.
public struct Kustomization: Modifiable, SiteRecording, Sendable {
    var model: KustomizationModel

    /// Renders `manifests` into `clusters/<cluster>/<name>/` and reconciles that directory.
    public init(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column, @ManifestBuilder _ manifests: () -> [Manifest] = { [] }
    ) {
        model = KustomizationModel(
            name: name, intervalSeconds: 300, retryIntervalSeconds: 300, timeoutSeconds: 300, prune: true,
            wait: false, dependsOn: [], substitutions: [:], manifests: manifests().map(\.model), templates: [],
            externalPath: nil, site: .site(fileID, filePath, line, column))
    }

    /// Reconciles only after these kustomizations are ready.
    public func dependsOn(
        _ names: String..., fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Kustomization {
        recording("dependsOn", fileID, filePath, line, column) { $0.dependsOn += names }
    }

    /// Reconcile interval in seconds.
    public func interval(
        seconds: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Kustomization {
        recording("interval", fileID, filePath, line, column) { $0.intervalSeconds = seconds }
    }

    /// Reconcile interval as a Go duration such as `10m`, `1h30m` or `45s`. A malformed duration is
    /// reported by rule FLX004.
    public func interval(
        _ duration: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Kustomization {
        recording("interval", fileID, filePath, line, column) {
            $0.setDuration(duration, \.intervalSeconds, \.intervalText)
        }
    }

    /// How long one reconciliation may take, including waiting for health (`.wait()`), as a Go
    /// duration such as `5m` (default 5m). A malformed duration is reported by rule FLX004.
    public func timeout(
        _ duration: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Kustomization {
        recording("timeout", fileID, filePath, line, column) {
            $0.setDuration(duration, \.timeoutSeconds, \.timeoutText)
        }
    }

    /// How soon a failed reconciliation is retried, as a Go duration such as `1m` (default 5m). A
    /// malformed duration is reported by rule FLX004.
    public func retryInterval(
        _ duration: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Kustomization {
        recording("retryInterval", fileID, filePath, line, column) {
            $0.setDuration(duration, \.retryIntervalSeconds, \.retryIntervalText)
        }
    }

    /// Deletes objects removed from Git (on by default).
    public func prune(_ enabled: Bool) -> Kustomization { with { $0.model.prune = enabled } }

    /// Waits for every object to become ready.
    public func wait(_ enabled: Bool = true) -> Kustomization { with { $0.model.wait = enabled } }

    /// Post-build substitution of `${key}` in string fields.
    public func substitute(
        _ key: String, _ value: Substitution, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> Kustomization {
        recording("substitute", fileID, filePath, line, column) { $0.substitutions[key] = value.model }
    }

    /// Copies the static manifest base `Templates/manifests/<name>/` into this directory.
    public func template(_ name: String) -> Kustomization { with { $0.model.templates.append(name) } }

    /// Points at a directory of the repository that Slipway does not render (repository-relative,
    /// starting with `./`).
    public func externalPath(
        _ path: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Kustomization {
        recording("externalPath", fileID, filePath, line, column) { $0.externalPath = path }
    }
}

/// A post-build substitution value: a literal, or something only Azure knows at deploy time,
/// rendered as a Bicep expression.
public struct Substitution: Sendable, ExpressibleByStringInterpolation {
    let model: SubstitutionModel

    /// Creates the value from a string literal.
    public init(stringLiteral value: String) { model = .literal(value) }

    /// The login server of a registry of the environment, such as `acraks….azurecr.io`.
    public static func loginServer(of registry: Ref<ContainerRegistry>) -> Substitution {
        Substitution(model: .registryLoginServer(registry.name))
    }

    /// The client ID of the cluster's kubelet identity.
    public static let kubeletClientID = Substitution(model: .kubeletClientID)

    /// The cluster's OIDC issuer URL.
    public static let oidcIssuerURL = Substitution(model: .oidcIssuerURL)

    init(model: SubstitutionModel) { self.model = model }
}

extension KustomizationModel {
    /// Sets a Go-duration field and keeps the text for rule FLX004 (-1 seconds when malformed).
    mutating func setDuration(
        _ duration: String, _ seconds: WritableKeyPath<Self, Int>, _ text: WritableKeyPath<Self, String?>
    ) {
        self[keyPath: seconds] = GoDuration.seconds(duration) ?? -1
        self[keyPath: text] = duration
    }
}

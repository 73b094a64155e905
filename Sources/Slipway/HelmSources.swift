package import SlipwayModel

/// A Flux object with a typed DSL of its own (``HelmRepository``, ``OCIRepository``,
/// ``HelmRelease``) that a ``Kustomization`` lists beside plain ``Manifest``s.
public protocol FluxObject: Sendable {
    /// The object as the manifest Slipway renders.
    var manifest: Manifest { get }
}

extension ListBuilder where Element == Manifest {
    /// A typed Flux object in a kustomization.
    public static func buildExpression(_ object: some FluxObject) -> [Manifest] { [object.manifest] }
}

/// A typed Flux object whose egress hosts (download hosts of a source, image registries of a
/// release) travel with its manifest as a comma-separated annotation, read by the firewall rules.
protocol HostListing: Modifiable {
    var model: ManifestModel { get set }
}

extension HostListing {
    func listing(_ hosts: [String], as annotation: String) -> Self {
        with { $0.model.annotations[annotation] = hosts.joined(separator: ",") }
    }
}

/// A Helm chart repository served over HTTPS (`source.toolkit.fluxcd.io/v1` `HelmRepository`).
/// The hub firewall allows its host for the node subnets.
public struct HelmRepository: FluxObject, HostListing {
    var model: ManifestModel

    /// The repository `name` at the HTTPS `url`, fetched every `interval` (a Go duration). Like
    /// every source, it lives in `flux-system`, where the extension's multi-tenancy lockdown lets
    /// releases reference it.
    public init(
        _ name: String, url: String, interval: String = "1h", fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) {
        model = ManifestModel(
            apiVersion: FluxExtensionPin.helmRepository, kind: "HelmRepository", name: name,
            namespace: FluxExtensionPin.namespace,
            body: .object(["spec": .object(["interval": .string(interval), "url": .string(url)])]),
            site: .site(fileID, filePath, line, column))
    }

    /// Hosts the repository's charts download from besides its own (for example
    /// `release-assets.githubusercontent.com` for charts attached to GitHub releases); the hub
    /// firewall allows them too.
    public func downloadHosts(_ hosts: String...) -> HelmRepository {
        listing(hosts, as: ManifestModel.downloadHostsAnnotation)
    }

    /// See ``FluxObject``.
    public var manifest: Manifest { Manifest(model: model) }
}

/// An OCI artifact, here a Helm chart pushed to a registry (`source.toolkit.fluxcd.io/v1`
/// `OCIRepository`, which needs Flux 2.6 or later; the pinned extension ships 2.7). Pinned to an
/// exact tag or a digest (rule FLX006). The hub firewall allows the registry's host and the host
/// it redirects layer downloads to.
public struct OCIRepository: FluxObject, HostListing {
    var model: ManifestModel

    /// The chart artifact `name` at `url` (`oci://registry/repository`), pinned at `tag`.
    public init(
        _ name: String, url: String, tag: String, interval: String = "1h", fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.init(
            name, url: url, reference: ["tag": .string(tag)], interval: interval,
            site: .site(fileID, filePath, line, column))
    }

    /// The chart artifact `name` at `url`, pinned at `digest` (`sha256:…`).
    public init(
        _ name: String, url: String, digest: String, interval: String = "1h", fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.init(
            name, url: url, reference: ["digest": .string(digest)], interval: interval,
            site: .site(fileID, filePath, line, column))
    }

    init(_ name: String, url: String, reference: [String: Value], interval: String, site: SourceLocation) {
        model = ManifestModel(
            apiVersion: FluxExtensionPin.ociRepository, kind: "OCIRepository", name: name,
            namespace: FluxExtensionPin.namespace,
            body: .object([
                "spec": .object([
                    "interval": .string(interval), "url": .string(url), "ref": .sortedObject(reference),
                    // A HelmRelease's chartRef needs the chart layer, copied as the tarball.
                    "layerSelector": .object([
                        "mediaType": .string(FluxExtensionPin.helmChartLayer), "operation": "copy",
                    ]),
                ])
            ]),
            site: site)
    }

    /// Hosts the registry's layers download from besides those Slipway knows; the hub firewall
    /// allows them too.
    public func downloadHosts(_ hosts: String...) -> OCIRepository {
        listing(hosts, as: ManifestModel.downloadHostsAnnotation)
    }

    /// See ``FluxObject``.
    public var manifest: Manifest { Manifest(model: model) }
}

/// Where a ``HelmRelease`` takes its chart from.
public struct ChartSource: Sendable {
    let kind: String
    let name: String

    /// A ``HelmRepository`` of the same Flux tree, by name.
    public static func helmRepository(_ name: String) -> ChartSource {
        ChartSource(kind: "HelmRepository", name: name)
    }

    /// An ``OCIRepository`` of the same Flux tree, by name; its tag or digest is the chart version.
    public static func ociRepository(_ name: String) -> ChartSource {
        ChartSource(kind: "OCIRepository", name: name)
    }
}

/// A Helm release that helm-controller installs and upgrades (`helm.toolkit.fluxcd.io/v2`). The
/// chart version is exact (rule FLX006); install and upgrade failures are retried and then rolled
/// back (`remediation`), and the extension's helm-controller is turned on for the cluster.
///
/// The object itself lives in `flux-system` beside its source: the extension's multi-tenancy
/// lockdown refuses cross-namespace references and has no `flux-applier` service account in other
/// namespaces. The chart installs into `namespace` (`targetNamespace`, with the release record
/// stored there too), which the tree declares or which is a system namespace (rule FLX007).
public struct HelmRelease: FluxObject, HostListing {
    var model: ManifestModel

    /// Releases `chart` at exactly `version` from a ``HelmRepository``, into `namespace`.
    public init(
        _ name: String, namespace: String, chart: String, version: String, from source: ChartSource,
        interval: String = "10m", fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) {
        self.init(
            name, namespace: namespace, interval: interval,
            chart: [
                .init(
                    "chart",
                    .object([
                        "spec": .object([
                            "chart": .string(chart), "version": .string(version),
                            "sourceRef": Self.reference(source),
                        ])
                    ]))
            ], site: .site(fileID, filePath, line, column))
    }

    /// Releases the chart of an ``OCIRepository`` (`chartRef`), whose tag or digest pins it, into
    /// `namespace`.
    public init(
        _ name: String, namespace: String, chartFrom source: ChartSource, interval: String = "10m",
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        self.init(
            name, namespace: namespace, interval: interval, chart: [.init("chartRef", Self.reference(source))],
            site: .site(fileID, filePath, line, column))
    }

    init(_ name: String, namespace: String, interval: String, chart: [Value.Field], site: SourceLocation) {
        model = ManifestModel(
            apiVersion: FluxExtensionPin.helmRelease, kind: "HelmRelease", name: name,
            namespace: FluxExtensionPin.namespace,
            body: .object([
                "spec": .object(
                    [
                        .init("interval", .string(interval)),
                        // Without releaseName, a release with a target namespace is named
                        // `<namespace>-<name>`; with it, `helm list -n <namespace>` shows `<name>`.
                        .init("releaseName", .string(name)),
                        .init("targetNamespace", .string(namespace)),
                        .init("storageNamespace", .string(namespace)),
                    ] + chart + [
                        .init("install", .object(["remediation": .object(["retries": 3])])),
                        .init(
                            "upgrade",
                            .object([
                                "cleanupOnFail": true,
                                "remediation": .object(["retries": 3, "strategy": "rollback"]),
                            ])),
                    ])
            ]),
            site: site)
    }

    static func reference(_ source: ChartSource) -> Value {
        .object([
            "kind": .string(source.kind), "name": .string(source.name),
            "namespace": .string(FluxExtensionPin.namespace),
        ])
    }

    /// The chart's values (`spec.values`).
    public func values(_ values: [String: Value]) -> HelmRelease {
        with { $0.model.body = $0.model.body.setting(.sortedObject(values), at: ["spec", "values"]) }
    }

    /// Installs or upgrades only after these releases of the same Flux tree, by name, are ready
    /// (rule FLX007).
    public func dependsOn(_ releases: String...) -> HelmRelease {
        with {
            let references: [Value] = releases.map { .object(["name": .string($0)]) }
            $0.model.body = $0.model.body.setting(.array(references), at: ["spec", "dependsOn"])
        }
    }

    /// The registries the chart's images come from (for example `ghcr.io`), when they are not the
    /// environment's registry: the hub firewall allows them, with the hosts they redirect layer
    /// downloads to, for clusters behind it (rule FLX008 warns when a release there lists none).
    public func imageHosts(_ hosts: String...) -> HelmRelease {
        listing(hosts, as: ManifestModel.imageHostsAnnotation)
    }

    /// How often a failed install or upgrade is retried before it is remediated (uninstalled, or
    /// rolled back to the last good release).
    public func remediation(installRetries: Int, upgradeRetries: Int) -> HelmRelease {
        with {
            $0.model.body = $0.model.body
                .setting(.int(installRetries), at: ["spec", "install", "remediation", "retries"])
                .setting(.int(upgradeRetries), at: ["spec", "upgrade", "remediation", "retries"])
        }
    }

    /// See ``FluxObject``.
    public var manifest: Manifest { Manifest(model: model) }
}

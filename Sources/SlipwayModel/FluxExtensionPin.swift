/// The `microsoft.flux` extension version Slipway pins, the Flux release it ships, and the API
/// versions Slipway renders for it. Changing the pin is one reviewable diff of every cluster
/// template; `docs/flux-helm-oci.md` records the release notes it was read from.
public enum FluxExtensionPin {
    /// The extension version (`Microsoft.KubernetesConfiguration/extensions` `properties.version`).
    public static let extensionVersion = "1.23.0"
    /// The Flux release that extension version ships (its release notes, June 2026).
    public static let fluxVersion = "2.7.5"
    /// The controllers it ships, as its release notes list them.
    public static let controllers: KeyValuePairs<String, String> = [
        "source-controller": "v1.7.4", "kustomize-controller": "v1.7.3", "helm-controller": "v1.4.5",
        "notification-controller": "v1.7.5",
    ]
    /// `HelmRepository`: GA since Flux 2.3 (source-controller v1.3).
    public static let helmRepository = "source.toolkit.fluxcd.io/v1"
    /// `OCIRepository`: GA (`v1`) since Flux 2.6 (source-controller v1.6); earlier extension
    /// versions serve only `v1beta2`.
    public static let ociRepository = "source.toolkit.fluxcd.io/v1"
    /// `HelmRelease`: GA (`v2`) since Flux 2.3 (helm-controller v1.0).
    public static let helmRelease = "helm.toolkit.fluxcd.io/v2"
    /// The namespace of the extension, of its `fluxConfigurations` and of every Flux object Slipway
    /// renders. The extension enforces Flux's multi-tenancy lockdown by default
    /// (`multiTenancy.enforce`): controllers refuse cross-namespace references and impersonate the
    /// `flux-applier` service account of the object's own namespace, which exists only here. So
    /// sources and releases live in this namespace and a release installs elsewhere through
    /// `targetNamespace`.
    public static let namespace = "flux-system"
    /// The media type of a Helm chart's layer in an OCI artifact, which an `OCIRepository` that a
    /// `HelmRelease` names in `chartRef` must select.
    public static let helmChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
}

extension ManifestModel {
    /// Whether this is a Flux `HelmRelease`, which needs helm-controller.
    public var isHelmRelease: Bool { kind == "HelmRelease" && apiVersion.hasPrefix("helm.toolkit.fluxcd.io/") }

    /// The `spec.url` of a `HelmRepository` or `OCIRepository`.
    public var sourceURL: String? {
        guard apiVersion.hasPrefix("source.toolkit.fluxcd.io/"), kind == "HelmRepository" || kind == "OCIRepository",
            case .string(let url)? = body["spec"]?["url"]
        else { return nil }
        return url
    }

    /// The hosts a Helm or OCI source downloads from: its URL's host, the hosts well-known
    /// registries redirect layer downloads to, and those the DSL added.
    public var sourceHosts: [String] {
        guard let url = sourceURL else { return [] }
        let extra = annotations[Self.downloadHostsAnnotation]?.split(separator: ",").map(String.init) ?? []
        return Self.distinct(Self.withRedirects(Self.host(of: url).map { [$0] } ?? []) + extra)
    }

    /// Where the DSL's extra download hosts travel with the manifest (a comma-separated list).
    public static let downloadHostsAnnotation = "slipway.dev/download-hosts"
    /// Where a HelmRelease's image registries travel with the manifest (a comma-separated list).
    public static let imageHostsAnnotation = "slipway.dev/image-hosts"

    /// The registries a HelmRelease's chart pulls images from, as the DSL lists them, with the
    /// hosts well-known registries redirect layer downloads to.
    public var imageHosts: [String] {
        guard isHelmRelease, let listed = annotations[Self.imageHostsAnnotation] else { return [] }
        return Self.distinct(Self.withRedirects(listed.split(separator: ",").map(String.init)))
    }

    /// Each host followed by the hosts it redirects layer downloads to.
    static func withRedirects(_ hosts: [String]) -> [String] {
        hosts.flatMap { [$0] + (redirects[$0] ?? []) }
    }

    /// `hosts` without repeats, in first-seen order.
    static func distinct(_ hosts: [String]) -> [String] {
        var seen: Set<String> = []
        return hosts.filter { seen.insert($0).inserted }
    }

    /// Layer downloads of well-known registries are redirected to another host, which the
    /// firewall must allow too.
    static let redirects: [String: [String]] = [
        "ghcr.io": ["pkg-containers.githubusercontent.com"],
        "registry-1.docker.io": ["production.cloudflare.docker.com"],
        "docker.io": ["registry-1.docker.io", "production.cloudflare.docker.com"],
        "quay.io": ["cdn01.quay.io", "cdn02.quay.io", "cdn03.quay.io"],
        "mcr.microsoft.com": ["*.data.mcr.microsoft.com"],
    ]

    /// The host of an `https://` or `oci://` URL, without user info or port.
    public static func host(of url: String) -> String? {
        let parts = url.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        var rest = parts[1]
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty ? nil : rest.lowercased()
    }
}

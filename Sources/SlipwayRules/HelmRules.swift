import SlipwayModel

/// FLX006: Helm charts and OCI artifacts pinned exactly. FLX007: a HelmRelease's chart source is
/// declared in the same Flux tree. FLX008: a release behind the hub firewall names its image registries.
enum HelmRules {
    static let releases: Validator.Rule = { environments in
        environments.flatMap { environment in
            environment.clusters.flatMap { cluster in
                cluster.flux.map {
                    pinned($0.kustomizations) + sources($0.kustomizations, cluster: cluster.name)
                        + images($0.kustomizations, cluster: cluster, in: environment)
                } ?? []
            }
        }
    }

    /// Whether `version` names one release: `1.2.3` or `v1.2.3` with an optional pre-release or
    /// build suffix, never a range (`^1.2`, `~1`, `>=1`, `1.x`, `*`) nor `latest`.
    static func isExact(_ version: String) -> Bool {
        var core = Substring(version)
        if core.first == "v" { core = core.dropFirst() }
        if let suffix = core.firstIndex(where: { $0 == "-" || $0 == "+" }) { core = core[..<suffix] }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func isDigest(_ digest: String) -> Bool {
        let parts = digest.split(separator: ":", maxSplits: 1)
        return parts.count == 2 && parts[0] == "sha256" && parts[1].count == 64
            && parts[1].allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func pinned(_ kustomizations: [KustomizationModel]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for manifest in kustomizations.flatMap(\.manifests) {
            let spec = manifest.body["spec"]
            if manifest.isHelmRelease, case .string(let version)? = spec?["chart"]?["spec"]?["version"],
                !isExact(version)
            {
                diagnostics.append(
                    Diagnostic(
                        .error, "FLX006",
                        "HelmRelease '\(manifest.name)' asks for chart version '\(version)', which is not one release; the cluster would move when the repository publishes",
                        note: "write the exact version, such as 1.2.3", at: manifest.site))
            }
            if manifest.kind == "OCIRepository", let reference = spec?["ref"] {
                if case .string(let tag)? = reference["tag"], !isExact(tag) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "FLX006",
                            "OCIRepository '\(manifest.name)' follows tag '\(tag)', which is not one release",
                            note: "pin an exact version tag such as 1.2.3, or a digest sha256:…", at: manifest.site))
                }
                if case .string(let digest)? = reference["digest"], !isDigest(digest) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "FLX006",
                            "OCIRepository '\(manifest.name)' has digest '\(digest)', which is malformed",
                            note: "write sha256: and 64 lowercase hex digits", at: manifest.site))
                }
            }
        }
        return diagnostics
    }

    /// Namespaces every cluster has, which a release may install into without declaring them.
    static let systemNamespaces: Set<String> = [
        "default", "kube-system", "kube-public", "kube-node-lease", "flux-system",
    ]

    /// Each release's chart source, target namespace and release dependencies exist where the
    /// release can see them: sources and releases in the tree, the namespace in the release's own
    /// kustomization or one it depends on (Helm does not create it).
    static func sources(_ kustomizations: [KustomizationModel], cluster: String) -> [Diagnostic] {
        let manifests = kustomizations.flatMap(\.manifests)
        let declared = Set(manifests.filter { $0.sourceURL != nil }.map { "\($0.kind)/\($0.name)" })
        let releases = Set(manifests.filter(\.isHelmRelease).map(\.name))
        var diagnostics: [Diagnostic] = []
        func error(_ release: ManifestModel, _ message: String, _ note: String) {
            diagnostics.append(Diagnostic(.error, "FLX007", message, note: note, at: release.site))
        }
        for kustomization in kustomizations {
            let visible = Set(
                dependencies(of: kustomization, in: kustomizations).flatMap(\.manifests)
                    .filter { $0.kind == "Namespace" && $0.apiVersion == "v1" }.map(\.name))
            for release in kustomization.manifests where release.isHelmRelease {
                let spec = release.body["spec"]
                if let reference = spec?["chartRef"] ?? spec?["chart"]?["spec"]?["sourceRef"],
                    case .string(let kind)? = reference["kind"], case .string(let name)? = reference["name"],
                    !declared.contains("\(kind)/\(name)")
                {
                    error(
                        release,
                        "HelmRelease '\(release.name)' takes its chart from \(kind) '\(name)', which the Flux tree of cluster '\(cluster)' does not declare",
                        "declare \(kind)(\"\(name)\", …) in a kustomization this one depends on")
                }
                if case .string(let target)? = spec?["targetNamespace"], !systemNamespaces.contains(target),
                    !visible.contains(target)
                {
                    error(
                        release,
                        "HelmRelease '\(release.name)' installs into namespace '\(target)', which neither kustomization '\(kustomization.name)' nor one it depends on declares; Helm does not create it, so the install fails",
                        "add Manifest.namespace(\"\(target)\") to '\(kustomization.name)' or to a kustomization it depends on"
                    )
                }
                if case .array(let dependencies)? = spec?["dependsOn"] {
                    for case .string(let name)? in dependencies.map({ $0["name"] }) where !releases.contains(name) {
                        error(
                            release,
                            "HelmRelease '\(release.name)' depends on HelmRelease '\(name)', which the Flux tree of cluster '\(cluster)' does not declare; it would wait forever",
                            "name a HelmRelease of this tree, or remove the dependency")
                    }
                }
            }
        }
        return diagnostics
    }

    /// `kustomization` and every kustomization it depends on, directly or not.
    static func dependencies(of kustomization: KustomizationModel, in all: [KustomizationModel])
        -> [KustomizationModel]
    {
        var found: [String: KustomizationModel] = [kustomization.name: kustomization]
        var pending = kustomization.dependsOn
        while let name = pending.popLast() {
            guard found[name] == nil, let next = all.first(where: { $0.name == name }) else { continue }
            found[name] = next
            pending += next.dependsOn
        }
        return found.keys.sorted().compactMap { found[$0] }
    }

    /// A cluster behind the hub firewall pulls a chart's images through it, and the firewall allows
    /// only the registries it knows; the chart's images are not visible to Slipway.
    static func images(_ kustomizations: [KustomizationModel], cluster: ClusterModel, in environment: EnvironmentModel)
        -> [Diagnostic]
    {
        guard cluster.network.natGateway == nil, cluster.network.outboundType == .userDefinedRouting,
            environment.peeredHub(of: cluster)?.hasFirewall == true
        else { return [] }
        return kustomizations.flatMap(\.manifests).filter { $0.isHelmRelease && $0.imageHosts.isEmpty }.map {
            Diagnostic(
                .warning, "FLX008",
                "HelmRelease '\($0.name)' of cluster '\(cluster.name)' pulls its chart's images through the hub firewall, which allows only the registries it knows; the pods stay in ImagePullBackOff if the chart's registry is not one of them",
                note:
                    "list the chart's registries with .imageHosts(\"ghcr.io\"), or import the images into the environment's registry and set the chart's image values",
                at: $0.site)
        }
    }
}

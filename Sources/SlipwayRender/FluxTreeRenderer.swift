import SlipwayModel

/// The Flux tree of one environment: `clusters/<cluster>/<kustomization>/` with one file per
/// manifest and a `kustomization.yaml` listing them.
enum FluxTreeRenderer {
    static func render(_ environment: EnvironmentModel, templates: [String: [String: String]]) -> [String: String] {
        var files: [String: String] = [:]
        for cluster in environment.clusters {
            for kustomization in WorkloadKustomizations.all(for: cluster, in: environment)
            where kustomization.externalPath == nil {
                var copied: [String: String] = [:]
                for template in kustomization.templates {
                    copied.merge(templates[template] ?? [:]) { _, new in new }
                }
                files.merge(
                    directory(
                        "clusters/\(cluster.name)/\(kustomization.name)", manifests: kustomization.manifests,
                        copying: copied)
                ) { _, new in new }
            }
        }
        return files
    }

    /// One kustomization directory: a file per manifest, the `copied` files as they are, and a
    /// `kustomization.yaml` listing the manifests and the copied YAML files.
    static func directory(_ path: String, manifests: [ManifestModel], copying copied: [String: String] = [:])
        -> [String: String]
    {
        var files: [String: String] = [:]
        var resources: [String] = []
        for manifest in manifests {
            let file = fileName(manifest)
            files["\(path)/\(file)"] = YAMLPrinter.print(documents: [document(manifest)])
            resources.append(file)
        }
        for (file, content) in copied {
            files["\(path)/\(file)"] = content
            if file.hasSuffix(".yaml") { resources.append(file) }
        }
        files["\(path)/kustomization.yaml"] = kustomizationFile(listing: resources)
        return files
    }

    /// The file a manifest renders to: `<kind>-<name>.yaml`.
    static func fileName(_ manifest: ManifestModel) -> String {
        "\(manifest.kind.lowercased())-\(manifest.name).yaml"
    }

    /// A `kustomization.yaml` listing `resources` once each, sorted.
    static func kustomizationFile(listing resources: [String]) -> String {
        YAMLPrinter.print(
            documents: [
                .object([
                    "apiVersion": "kustomize.config.k8s.io/v1beta1",
                    "kind": "Kustomization",
                    "resources": .array(Set(resources).sorted().map { .string($0) }),
                ])
            ])
    }

    /// A manifest with the canonical top-level order: apiVersion, kind, metadata, then the body sorted.
    static func document(_ manifest: ManifestModel) -> Value {
        var metadata: [Value.Field] = [.init("name", .string(manifest.name))]
        if let namespace = manifest.namespace { metadata.append(.init("namespace", .string(namespace))) }
        if !manifest.labels.isEmpty {
            metadata.append(.init("labels", .sortedObject(manifest.labels.mapValues { .string($0) })))
        }
        if !manifest.annotations.isEmpty {
            metadata.append(.init("annotations", .sortedObject(manifest.annotations.mapValues { .string($0) })))
        }
        var fields: [Value.Field] = [
            .init("apiVersion", .string(manifest.apiVersion)), .init("kind", .string(manifest.kind)),
            .init("metadata", .object(metadata)),
        ]
        if case .object(let body) = manifest.body { fields += body }
        return .object(fields)
    }
}

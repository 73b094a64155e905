import SlipwayModel

/// `fleet/`: the manager objects (`manager/`, applied with `kubectl apply -k`) and one directory per
/// bundle (`bundles/<repo>/<bundle>/`, with its `fleet.yaml`), which the `GitRepo`s point at.
enum FleetRenderer {
    static let apiVersion = "fleet.cattle.io/v1alpha1"

    static func render(_ environment: EnvironmentModel, context: RenderContext) -> [String: String] {
        guard let fleet = environment.fleet else { return [:] }
        var files: [String: String] = [:]
        var manager: [String: Value] = [:]
        func object(_ kind: String, _ name: String, labels: [String: String] = [:], spec: Value) -> Value {
            var metadata: [Value.Field] = [.init("name", .string(name)), .init("namespace", .string(fleet.namespace))]
            if !labels.isEmpty { metadata.append(.init("labels", .sortedObject(labels.mapValues { .string($0) }))) }
            return .object([
                .init("apiVersion", .string(apiVersion)), .init("kind", .string(kind)),
                .init("metadata", .object(metadata)), .init("spec", spec),
            ])
        }
        manager["namespace-\(fleet.namespace).yaml"] = .object([
            "apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": .string(fleet.namespace)]),
        ])
        for cluster in environment.clusters {
            guard let registration = cluster.fleetRegistration else { continue }
            switch registration.mode {
            case .agentInitiated:
                manager["clusterregistrationtoken-\(cluster.name).yaml"] = object(
                    "ClusterRegistrationToken", "token-\(cluster.name)", spec: .object(["ttl": .string(fleet.tokenTTL)])
                )
                if let clientID = registration.clientID {
                    manager["cluster-\(cluster.name).yaml"] = object(
                        "Cluster", cluster.name, labels: registration.labels,
                        spec: .object(["clientID": .string(clientID)]))
                }
            case .managerInitiated:
                manager["cluster-\(cluster.name).yaml"] = object(
                    "Cluster", cluster.name, labels: registration.labels,
                    spec: .object(["kubeConfigSecret": .string("kubeconfig-\(cluster.name)")]))
            }
        }
        for group in fleet.groups {
            manager["clustergroup-\(group.name).yaml"] = object(
                "ClusterGroup", group.name,
                spec: .object([
                    "selector": selector(
                        LabelSelectorModel(matchLabels: group.matchLabels, matchExpressions: group.matchExpressions))
                ]))
        }
        for repo in fleet.gitRepos {
            let paths = repo.bundles.map {
                Value.string("\(context.fluxPathPrefix)/\(environment.name)/fleet/bundles/\(repo.name)/\($0.name)")
            }
            manager["gitrepo-\(repo.name).yaml"] = object(
                "GitRepo", repo.name,
                spec: .object([
                    "repo": .string(repo.repository), "branch": .string(repo.branch), "paths": .array(paths),
                    "targets": .array(
                        repo.targets.enumerated().map { target($0.element, name: "target-\($0.offset)") }),
                ]))
            for bundle in repo.bundles {
                let directory = "fleet/bundles/\(repo.name)/\(bundle.name)"
                var fleetYAML: [Value.Field] = [
                    .init("name", .string(bundleName(repo: repo.name, bundle: bundle.name))),
                    .init("defaultNamespace", .string(bundle.defaultNamespace)),
                ]
                if let directory = bundle.kustomizeDirectory {
                    fleetYAML.append(.init("kustomize", .object(["dir": .string(directory)])))
                }
                if let helm = bundle.helm {
                    var fields: [Value.Field] = [
                        .init("chart", .string(helm.chart)), .init("repo", .string(helm.repository)),
                        .init("version", .string(helm.version)), .init("releaseName", .string(helm.releaseName)),
                    ]
                    if helm.values != .object([]) { fields.append(.init("values", helm.values)) }
                    fleetYAML.append(.init("helm", .object(fields)))
                }
                if !bundle.dependsOn.isEmpty {
                    fleetYAML.append(
                        .init(
                            "dependsOn",
                            .array(
                                bundle.dependsOn.map {
                                    .object(["name": .string(bundleName(repo: repo.name, bundle: $0))])
                                })))
                }
                if !bundle.customizations.isEmpty {
                    fleetYAML.append(
                        .init(
                            "targetCustomizations",
                            .array(
                                bundle.customizations.map { customization in
                                    var fields: [Value.Field] = []
                                    if case .object(let target) = target(customization.target, name: customization.name)
                                    {
                                        fields = target
                                    }
                                    if let namespace = customization.namespace {
                                        fields.append(.init("namespace", .string(namespace)))
                                    }
                                    if !customization.labels.isEmpty {
                                        fields.append(
                                            .init(
                                                "namespaceLabels",
                                                .sortedObject(customization.labels.mapValues { .string($0) })))
                                    }
                                    return .object(fields)
                                })))
                }
                files["\(directory)/fleet.yaml"] = YAMLPrinter.print(documents: [.object(fleetYAML)])
                for manifest in bundle.manifests {
                    files["\(directory)/\(FluxTreeRenderer.fileName(manifest))"] = YAMLPrinter.print(
                        documents: [FluxTreeRenderer.document(manifest)])
                }
                if bundle.kustomizeDirectory != nil {
                    files["\(directory)/kustomization.yaml"] = FluxTreeRenderer.kustomizationFile(
                        listing: bundle.manifests.map(FluxTreeRenderer.fileName))
                }
            }
        }
        for (name, document) in manager { files["fleet/manager/\(name)"] = YAMLPrinter.print(documents: [document]) }
        files["fleet/manager/kustomization.yaml"] = FluxTreeRenderer.kustomizationFile(listing: Array(manager.keys))
        return files
    }

    /// The bundle name set in `fleet.yaml`, so `dependsOn` can name it: `<repo>-<bundle>`.
    static func bundleName(repo: String, bundle: String) -> String {
        "\(repo)-\(bundle)".lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.map(String.init).joined()
    }

    static func target(_ target: FleetTargetModel, name: String) -> Value {
        switch target {
        case .clusterGroup(let group): return .object(["name": .string(name), "clusterGroup": .string(group)])
        case .clusterName(let cluster): return .object(["name": .string(name), "clusterName": .string(cluster)])
        case .clusterSelector(let labels):
            return .object(["name": .string(name), "clusterSelector": selector(labels)])
        }
    }

    /// A label selector, `matchExpressions` in declaration order and only when there are any.
    static func selector(_ selector: LabelSelectorModel) -> Value {
        var fields: [Value.Field] = []
        if !selector.matchLabels.isEmpty || selector.matchExpressions.isEmpty {
            fields.append(.init("matchLabels", .sortedObject(selector.matchLabels.mapValues { .string($0) })))
        }
        if !selector.matchExpressions.isEmpty {
            fields.append(
                .init(
                    "matchExpressions",
                    .array(
                        selector.matchExpressions.map { expression in
                            var entry: [Value.Field] = [
                                .init("key", .string(expression.key)),
                                .init("operator", .string(expression.operator.rawValue)),
                            ]
                            if !expression.values.isEmpty {
                                entry.append(.init("values", .array(expression.values.map { .string($0) })))
                            }
                            return .object(entry)
                        })))
        }
        return .object(fields)
    }
}

import SlipwayModel

/// The kustomizations Slipway adds to a cluster's Flux configuration besides the declared ones:
/// the ingress controller (when the cluster declares one) and one per `.pull` workload. Both the
/// Flux tree and the `fluxConfigurations` resource take them from here, so they cannot disagree.
enum WorkloadKustomizations {
    static let ingressControllerName = "ingress-controller"

    /// The directory name of a `.pull` workload's kustomization.
    static func name(of workload: WorkloadModel) -> String { "workload-\(workload.name)" }

    /// Declared kustomizations first, then the derived ones.
    static func all(for cluster: ClusterModel, in environment: EnvironmentModel) -> [KustomizationModel] {
        guard let flux = cluster.flux else { return [] }
        return flux.kustomizations + derived(for: cluster, in: environment)
    }

    static func derived(for cluster: ClusterModel, in environment: EnvironmentModel) -> [KustomizationModel] {
        guard let flux = cluster.flux else { return [] }
        let declared = flux.kustomizations.map(\.name)
        var result: [KustomizationModel] = []
        if let ingress = cluster.addOns.ingress {
            let image =
                environment.bootstrapImages.first { $0.contains("/traefik:") }
                ?? IngressControllerManifests.defaultImage
            let manifests = IngressControllerManifests.render(
                ingress, image: image, gatewaySubnet: gatewaySubnet(of: cluster, in: environment),
                nodePool: cluster.ingressControllerPool, site: ingress.site)
            result.append(
                kustomization(
                    ingressControllerName, manifests: manifests, dependsOn: declared,
                    substitutions: [
                        WorkloadVariables.ingressControllerClientID: .ingressControllerClientID,
                        WorkloadVariables.keyVaultName: .keyVaultName,
                        WorkloadVariables.tenantID: .tenantID,
                    ], site: ingress.site))
        }
        for workload in environment.workloads where workload.cluster == cluster.name && workload.delivery == .pull {
            var substitutions: [String: SubstitutionModel] = [:]
            if let identity = workload.identity {
                substitutions[WorkloadVariables.clientID(of: identity)] = .identityClientID(identity)
            }
            if !workload.secrets.isEmpty {
                substitutions[WorkloadVariables.keyVaultName] = .keyVaultName
                substitutions[WorkloadVariables.tenantID] = .tenantID
            }
            let dependsOn = declared + (cluster.addOns.ingress != nil ? [ingressControllerName] : [])
            result.append(
                kustomization(
                    name(of: workload),
                    manifests: WorkloadManifests.render(workload, ingressNamespace: cluster.addOns.ingress?.namespace),
                    dependsOn: dependsOn,
                    substitutions: substitutions, site: workload.site))
        }
        return result
    }

    static func kustomization(
        _ name: String, manifests: [ManifestModel], dependsOn: [String], substitutions: [String: SubstitutionModel],
        site: SourceLocation
    ) -> KustomizationModel {
        KustomizationModel(
            name: name, intervalSeconds: 300, retryIntervalSeconds: 300, timeoutSeconds: 300, prune: true, wait: true,
            dependsOn: dependsOn, substitutions: substitutions, manifests: manifests, templates: [], externalPath: nil,
            site: site)
    }

    /// The prefix of the subnet of the cluster's Application Gateway, if it has one.
    static func gatewaySubnet(of cluster: ClusterModel, in environment: EnvironmentModel) -> String? {
        guard let gateway = cluster.addOns.applicationGateway else { return nil }
        return environment.subnet(gateway.subnet)?.prefix.text
    }

    /// The first user pool, where the baseline runs its ingress controller.
    /// `.push` workloads' manifests: `workloads/<name>/` with a `kustomization.yaml`, applied by the
    /// pipeline's deploy job after it substitutes the `${variables}`.
    static func pushFolders(_ environment: EnvironmentModel) -> [String: String] {
        var files: [String: String] = [:]
        for workload in environment.workloads where workload.delivery == .push {
            let ingress = environment.cluster(named: workload.cluster)?.addOns.ingress
            files.merge(
                FluxTreeRenderer.directory(
                    "workloads/\(workload.name)",
                    manifests: WorkloadManifests.render(workload, ingressNamespace: ingress?.namespace))
            ) { _, new in new }
        }
        return files
    }
}

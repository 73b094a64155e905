import SlipwayModel

/// The `microsoft.flux` extension and the `fluxConfigurations` resource of a cluster stamp.
enum FluxRendering {
    static func add(_ flux: FluxModel, cluster: ClusterModel, unit: inout UnitTemplate, dependsOn: [String]) {
        let url = unit.bicep.parameter(
            "gitRepositoryUrl", .string, "The Git repository Flux pulls.", value: .string(flux.repositoryURL))
        let branch = unit.bicep.parameter(
            "gitRepositoryBranch", .string, "The branch Flux pulls.", value: .string(flux.branch))
        // helm-controller runs only where the tree releases Helm charts.
        let releasesHelmCharts = WorkloadKustomizations.all(for: cluster, in: unit.context.environment).contains {
            $0.manifests.contains(where: \.isHelmRelease)
        }
        unit.bicep.add(
            BicepResource(
                "fluxExtension", "Microsoft.KubernetesConfiguration/extensions",
                body: [
                    .init("name", "flux"),
                    .init("scope", .expression("cluster")),
                    .init(
                        "properties",
                        .object([
                            "extensionType": "microsoft.flux",
                            // Pinned, so that the API versions of the rendered Flux objects are
                            // served (docs/flux-helm-oci.md); a new pin is a reviewable diff.
                            "autoUpgradeMinorVersion": false,
                            "releaseTrain": "Stable",
                            "version": .string(FluxExtensionPin.extensionVersion),
                            "scope": .object([
                                "cluster": .object(["releaseNamespace": .string(FluxExtensionPin.namespace)])
                            ]),
                            "configurationSettings": .object([
                                "helm-controller.enabled": .string(String(releasesHelmCharts)),
                                "source-controller.enabled": "true",
                                "kustomize-controller.enabled": "true",
                                "notification-controller.enabled": "false",
                                "image-automation-controller.enabled": "false",
                                "image-reflector-controller.enabled": "false",
                            ]),
                        ])),
                ],
                dependsOn: dependsOn.filter { $0 != "fluxExtension" }))
        var kustomizations: [Value.Field] = []
        for kustomization in WorkloadKustomizations.all(for: cluster, in: unit.context.environment) {
            var fields: [Value.Field] = [
                .init("path", .string(unit.context.fluxPath(cluster: cluster.name, kustomization: kustomization))),
                .init("dependsOn", .array(kustomization.dependsOn.map { .string($0) })),
                .init("timeoutInSeconds", .int(kustomization.timeoutSeconds)),
                .init("syncIntervalInSeconds", .int(kustomization.intervalSeconds)),
                .init("retryIntervalInSeconds", .int(kustomization.retryIntervalSeconds)),
                .init("prune", .bool(kustomization.prune)),
                .init("force", false),
                .init("wait", .bool(kustomization.wait)),
            ]
            var substitutions = kustomization.substitutions
            // Images in the environment's registry carry its login server, which only Azure knows.
            let usesRegistry = kustomization.manifests.contains { manifest in
                ImageReferences.images(in: manifest.body).contains {
                    $0.hasPrefix("${\(ImageReferences.registryVariable)}/")
                }
            }
            if usesRegistry, let registry = cluster.registry, substitutions[ImageReferences.registryVariable] == nil {
                substitutions[ImageReferences.registryVariable] = .registryLoginServer(registry)
            }
            if !substitutions.isEmpty {
                var substitute: [Value.Field] = []
                for key in substitutions.keys.sorted() {
                    substitute.append(.init(key, value(substitutions[key]!, unit: &unit)))
                }
                fields.append(.init("postBuild", .object(["substitute": .object(substitute)])))
            }
            kustomizations.append(.init(kustomization.name, .object(fields)))
        }
        var gitRepository: [Value.Field] = [
            .init("url", url),
            .init("timeoutInSeconds", .int(flux.timeoutSeconds)),
            .init("syncIntervalInSeconds", .int(flux.syncIntervalSeconds)),
            .init("repositoryRef", .object(["branch": branch])),
        ]
        var protectedSettings: [Value.Field] = []
        let vault = unit.context.environment.secretsVaultID ?? ""
        switch flux.credentials {
        case .https(let user, let tokenSecret):
            gitRepository.append(
                .init(
                    "httpsUser",
                    unit.bicep.parameter(
                        "gitHttpsUser", .string, "The user Flux authenticates as.", value: .string(user))))
            let token = unit.bicep.parameter(
                "gitHttpsToken", .string, "The Git token, from the secrets vault.", value: .null, secure: true,
                keyVaultSecret: KeyVaultSecret(vaultID: vault, secretName: tokenSecret))
            protectedSettings.append(.init("httpsKey", .expression("base64(\(token.expressionText))")))
        case .ssh(let privateKeySecret, let knownHosts):
            let hosts = unit.bicep.parameter(
                "gitSshKnownHosts", .string, "The known_hosts line of the Git host.", value: .string(knownHosts))
            gitRepository.append(.init("sshKnownHosts", .expression("base64(\(hosts.expressionText))")))
            let key = unit.bicep.parameter(
                "gitSshPrivateKey", .string, "The SSH private key Flux uses, from the secrets vault.", value: .null,
                secure: true, keyVaultSecret: KeyVaultSecret(vaultID: vault, secretName: privateKeySecret))
            protectedSettings.append(.init("sshPrivateKey", .expression("base64(\(key.expressionText))")))
        case nil:
            break
        }
        var configuration: [Value.Field] = [
            .init("scope", "cluster"),
            .init("namespace", .string(FluxExtensionPin.namespace)),
            .init("sourceKind", "GitRepository"),
            .init("gitRepository", .object(gitRepository)),
            .init("kustomizations", .object(kustomizations)),
        ]
        if !protectedSettings.isEmpty {
            configuration.append(.init("configurationProtectedSettings", .object(protectedSettings)))
        }
        unit.bicep.add(
            BicepResource(
                "fluxConfiguration", "Microsoft.KubernetesConfiguration/fluxConfigurations",
                body: [
                    .init("name", .string(flux.name)),
                    .init("scope", .expression("cluster")),
                    .init("properties", .object(configuration)),
                ],
                dependsOn: dependsOn))
    }

    /// A substitution value as a Bicep expression that yields a string.
    static func value(_ substitution: SubstitutionModel, unit: inout UnitTemplate) -> Value {
        switch substitution {
        case .literal(let text): return .string(text)
        case .kubeletClientID: return .expression("cluster.properties.identityProfile.kubeletidentity.clientId")
        case .identityClientID(let name):
            return .expression("\(ClusterIdentityRendering.symbol(of: name)).properties.clientId")
        case .ingressControllerClientID: return .expression("ingressControllerIdentity.properties.clientId")
        case .keyVaultName: return .expression("keyVault.name")
        case .tenantID: return .expression("subscription().tenantId")
        case .oidcIssuerURL: return .expression("cluster.properties.oidcIssuerProfile.issuerURL")
        case .registryLoginServer(let name):
            guard let registry = unit.context.environment.registry(named: name) else {
                return .string(name)
            }
            let registryName = ClusterRenderer.registryNameValue(registry, unit: &unit)
            return .expression("'${\(registryName.expressionText)}${environment().suffixes.acrLoginServer}'")
        }
    }
}

import SlipwayModel

/// The Kubernetes objects of one workload: ServiceAccount, Deployment, Service, PodDisruptionBudget,
/// and when declared an Ingress and a SecretProviderClass. Values only Azure knows (the registry's
/// login server, the identity's client ID, the vault's name, the tenant) are `${variables}`: Flux
/// substitutes them for `.pull`, the deploy job for `.push`.
enum WorkloadManifests {
    /// - Parameter ingressNamespace: the namespace of the cluster's ingress controller, whose pods
    ///   alone may reach a workload with an ingress.
    static func render(_ workload: WorkloadModel, ingressNamespace: String? = nil) -> [ManifestModel] {
        var manifests = [
            serviceAccount(workload), deployment(workload), disruptionBudget(workload),
            networkPolicy(workload, ingressNamespace: ingressNamespace),
        ]
        if !workload.ports.isEmpty { manifests.append(service(workload)) }
        if let ingress = workload.ingress { manifests.append(self.ingress(ingress, workload: workload)) }
        if !workload.secrets.isEmpty { manifests.append(secretProviderClass(workload)) }
        return manifests
    }

    /// The image reference: the registry's login server for a repository of the environment's
    /// registry; the tag from the DSL for `.pull`, from the pipeline (`${imageTag}`) for `.push`.
    static func image(_ workload: WorkloadModel) -> String {
        let tag = workload.delivery == .push ? "${\(WorkloadVariables.imageTag)}" : workload.imageTag.value
        if workload.imageIsExternal { return "\(workload.imageRepository):\(tag)" }
        return "${\(ImageReferences.registryVariable)}/\(workload.imageRepository):\(tag)"
    }

    static func labels(_ workload: WorkloadModel) -> [String: String] {
        ["app.kubernetes.io/name": workload.name, "app.kubernetes.io/managed-by": "slipway"]
    }

    static func selector(_ workload: WorkloadModel) -> Value {
        .object(["matchLabels": .object(["app.kubernetes.io/name": .string(workload.name)])])
    }

    static func serviceAccount(_ workload: WorkloadModel) -> ManifestModel {
        var annotations: [String: String] = [:]
        if let identity = workload.identity {
            annotations["azure.workload.identity/client-id"] = "${\(WorkloadVariables.clientID(of: identity))}"
        }
        return ManifestModel(
            apiVersion: "v1", kind: "ServiceAccount", name: workload.serviceAccount, namespace: workload.namespace,
            labels: labels(workload), annotations: annotations, body: .object(["automountServiceAccountToken": false]),
            site: workload.site)
    }

    static func deployment(_ workload: WorkloadModel) -> ManifestModel {
        var podLabels = labels(workload)
        if workload.identity != nil { podLabels["azure.workload.identity/use"] = "true" }
        var volumes: [Value] = []
        var mounts: [Value] = []
        for (index, path) in workload.writablePaths.enumerated() {
            let name = "writable-\(index)"
            volumes.append(PodSecurity.scratchVolume(name))
            mounts.append(.object(["name": .string(name), "mountPath": .string(path)]))
        }
        if !workload.secrets.isEmpty {
            volumes.append(
                PodSecurity.secretsStoreVolume("secrets-store", secretProviderClass: workload.secretProviderClassName))
            mounts.append(.object(["name": "secrets-store", "mountPath": "/mnt/secrets-store", "readOnly": true]))
        }
        var container: [Value.Field] = [
            .init("name", .string(workload.name)),
            .init("image", .string(image(workload))),
            .init("imagePullPolicy", "Always"),
        ]
        if !workload.ports.isEmpty {
            container.append(
                .init(
                    "ports",
                    .array(
                        workload.ports.map {
                            .object(["name": .string($0.name), "containerPort": .int($0.port), "protocol": "TCP"])
                        })))
        }
        if !workload.environment.isEmpty {
            container.append(
                .init(
                    "env",
                    .array(
                        workload.environment.keys.sorted().map {
                            .object(["name": .string($0), "value": .string(workload.environment[$0]!)])
                        })))
        }
        for (key, probe) in [
            ("livenessProbe", workload.liveness), ("readinessProbe", workload.readiness),
            ("startupProbe", workload.startup),
        ] {
            if let probe { container.append(.init(key, self.probe(probe))) }
        }
        if let resources = workload.resources { container.append(.init("resources", self.resources(resources))) }
        container += [
            .init(
                "securityContext",
                PodSecurity.containerContext(
                    user: workload.security.runAsUser,
                    readOnlyRootFilesystem: workload.security.readOnlyRootFilesystem,
                    privilegeEscalation: workload.security.allowPrivilegeEscalation)),
            .init("lifecycle", PodSecurity.preStopSleep(seconds: workload.preStopSleepSeconds)),
        ]
        if !mounts.isEmpty { container.append(.init("volumeMounts", .array(mounts))) }
        var pod: [Value.Field] = [
            .init("serviceAccountName", .string(workload.serviceAccount)),
            .init("automountServiceAccountToken", false),
            .init("terminationGracePeriodSeconds", .int(workload.terminationGracePeriodSeconds)),
            .init("securityContext", PodSecurity.podContext(user: workload.security.runAsUser)),
        ]
        if let pool = workload.nodePool { pod.append(.init("nodeSelector", .object(["agentpool": .string(pool)]))) }
        pod.append(.init("affinity", PodSecurity.onePerNode(selector(workload))))
        pod.append(
            .init(
                "topologySpreadConstraints",
                .array([
                    .object([
                        "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                        "whenUnsatisfiable": "ScheduleAnyway",
                        "labelSelector": selector(workload),
                    ])
                ])))
        pod.append(.init("containers", .array([.object(container)])))
        if !volumes.isEmpty { pod.append(.init("volumes", .array(volumes))) }
        return ManifestModel(
            apiVersion: "apps/v1", kind: "Deployment", name: workload.name, namespace: workload.namespace,
            labels: labels(workload),
            body: .object([
                "spec": .object([
                    "replicas": .int(workload.replicas),
                    "revisionHistoryLimit": 5,
                    "selector": selector(workload),
                    "strategy": .object([
                        "type": "RollingUpdate",
                        "rollingUpdate": .object(["maxSurge": 1, "maxUnavailable": 0]),
                    ]),
                    "template": .object([
                        "metadata": .object(["labels": .sortedObject(podLabels.mapValues { .string($0) })]),
                        "spec": .object(pod),
                    ]),
                ])
            ]), site: workload.site)
    }

    static func probe(_ probe: ProbeModel) -> Value {
        var fields: [Value.Field]
        switch probe.check {
        case .http(let path, let port):
            fields = [.init("httpGet", .object(["path": .string(path), "port": .int(port), "scheme": "HTTP"]))]
        case .tcp(let port):
            fields = [.init("tcpSocket", .object(["port": .int(port)]))]
        }
        fields += [
            .init("initialDelaySeconds", .int(probe.initialDelaySeconds)),
            .init("periodSeconds", .int(probe.periodSeconds)),
            .init("failureThreshold", .int(probe.failureThreshold)),
        ]
        return .object(fields)
    }

    static func resources(_ resources: ResourcesModel) -> Value {
        func quantities(cpu: String?, memory: String?) -> Value {
            var fields: [Value.Field] = []
            if let cpu { fields.append(.init("cpu", .string(cpu))) }
            if let memory { fields.append(.init("memory", .string(memory))) }
            return .object(fields)
        }
        return .object([
            "requests": quantities(cpu: resources.cpuRequest, memory: resources.memoryRequest),
            "limits": quantities(cpu: resources.cpuLimit, memory: resources.memoryLimit),
        ])
    }

    /// Only the ingress controller's pods may reach a workload with an ingress; otherwise only pods
    /// of its own namespace, and only on its ports. Without ports, nothing may connect.
    static func networkPolicy(_ workload: WorkloadModel, ingressNamespace: String?) -> ManifestModel {
        let peer: Value
        if workload.ingress != nil, let ingressNamespace {
            peer = .object([
                "namespaceSelector": .object([
                    "matchLabels": .object(["kubernetes.io/metadata.name": .string(ingressNamespace)])
                ]),
                "podSelector": .object([
                    "matchLabels": .object(["app.kubernetes.io/name": .string(IngressControllerManifests.podName)])
                ]),
            ])
        } else {
            peer = .object(["podSelector": .object([Value.Field]())])
        }
        var rules: [Value] = []
        if !workload.ports.isEmpty {
            rules.append(
                .object([
                    "from": .array([peer]),
                    "ports": .array(workload.ports.map { .object(["port": .int($0.port), "protocol": "TCP"]) }),
                ]))
        }
        return ManifestModel(
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", name: "\(workload.name)-ingress",
            namespace: workload.namespace, labels: labels(workload),
            body: .object([
                "spec": .object([
                    "podSelector": selector(workload), "policyTypes": ["Ingress"], "ingress": .array(rules),
                ])
            ]), site: workload.site)
    }

    static func disruptionBudget(_ workload: WorkloadModel) -> ManifestModel {
        ManifestModel(
            apiVersion: "policy/v1", kind: "PodDisruptionBudget", name: workload.name, namespace: workload.namespace,
            labels: labels(workload),
            body: .object(["spec": .object(["maxUnavailable": 1, "selector": selector(workload)])]),
            site: workload.site)
    }

    static func service(_ workload: WorkloadModel) -> ManifestModel {
        ManifestModel(
            apiVersion: "v1", kind: "Service", name: workload.name, namespace: workload.namespace,
            labels: labels(workload),
            body: .object([
                "spec": .object([
                    "type": "ClusterIP",
                    "selector": .object(["app.kubernetes.io/name": .string(workload.name)]),
                    "ports": .array(
                        workload.ports.map {
                            .object([
                                "name": .string($0.name), "port": .int($0.port), "targetPort": .string($0.name),
                                "protocol": "TCP",
                            ])
                        }),
                ])
            ]), site: workload.site)
    }

    /// HTTPS only: the router listens on the controller's TLS entry point, and the certificate is
    /// the controller's default one, from Key Vault.
    static func ingress(_ ingress: WorkloadIngressModel, workload: WorkloadModel) -> ManifestModel {
        ManifestModel(
            apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: workload.name, namespace: workload.namespace,
            labels: labels(workload),
            annotations: [
                "traefik.ingress.kubernetes.io/router.entrypoints": IngressControllerManifests.entryPoint,
                "traefik.ingress.kubernetes.io/router.tls": "true",
            ],
            body: .object([
                "spec": .object([
                    "ingressClassName": .string(ingress.ingressClass),
                    "tls": .array([.object(["hosts": .array([.string(ingress.host)])])]),
                    "rules": .array([
                        .object([
                            "host": .string(ingress.host),
                            "http": .object([
                                "paths": .array([
                                    .object([
                                        "path": .string(ingress.path), "pathType": "Prefix",
                                        "backend": .object([
                                            "service": .object([
                                                "name": .string(workload.name),
                                                "port": .object(["number": .int(ingress.servicePort)]),
                                            ])
                                        ]),
                                    ])
                                ])
                            ]),
                        ])
                    ]),
                ])
            ]), site: ingress.site)
    }

    static func secretProviderClass(_ workload: WorkloadModel) -> ManifestModel {
        let clientID = workload.identity.map { "${\(WorkloadVariables.clientID(of: $0))}" } ?? ""
        return IngressControllerManifests.secretProviderClass(
            name: workload.secretProviderClassName, namespace: workload.namespace, clientID: clientID,
            objects: workload.secrets, labels: labels(workload), site: workload.sites["secrets"] ?? workload.site)
    }
}

/// The names of the `${variables}` workload manifests carry.
enum WorkloadVariables {
    static let imageTag = "imageTag"
    static let keyVaultName = "keyVaultName"
    static let tenantID = "tenantId"
    static let ingressControllerClientID = "ingressControllerClientId"

    /// `idAspnetappClientId` for the identity `id-aspnetapp`; also the cluster stamp's output name.
    static func clientID(of identity: String) -> String { symbol(identity, "client", "id") }
}

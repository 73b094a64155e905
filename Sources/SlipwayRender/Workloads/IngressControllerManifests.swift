import SlipwayModel

/// The baseline's ingress controller as manifests: Traefik behind an internal load balancer, serving
/// HTTPS only with the certificate it reads from the cluster's Key Vault through the Secrets Store
/// CSI driver, signed in with the ingress controller's workload identity. It watches only its own
/// namespace, and with an Application Gateway in front accepts traffic only from the gateway's subnet.
enum IngressControllerManifests {
    static let name = "traefik-ingress-controller"
    /// The pod labels the baseline's ingress network policy admits.
    static let podName = "traefik-ingress-ilb"
    static let ingressClass = "traefik-internal"
    static let entryPoint = "websecure"
    static let secretProviderClassName = "aks-ingress-tls-secret-csi-akv"
    /// The Key Vault secret the cluster stamp writes into the cluster's vault: the certificate chain
    /// and private key as one PEM document (from the bootstrap vault; no operator import).
    static let certificateName = "traefik-ingress-internal-aks-ingress-tls"
    /// Where the CSI driver mounts that PEM document. Traefik (Go's `tls.X509KeyPair`) takes the
    /// CERTIFICATE blocks of its certificate file and the first PRIVATE KEY block of its key file,
    /// skipping the others, so one file serves as both.
    static let certificateFile = "/certs/tls.pem"
    static let defaultImage = "docker.io/library/traefik:v3.4"
    static let httpsPort = 8443
    static let pingPort = 9000
    /// Traefik's image runs as this non-root user.
    static let user = 65532

    /// - Parameters:
    ///   - image: the source image, imported into the environment's registry by `deploy.sh`.
    ///   - gatewaySubnet: the Application Gateway's subnet prefix, the only allowed client.
    ///   - nodePool: the pool the controller runs on (the baseline's user pool).
    static func render(
        _ ingress: IngressModel, image: String, gatewaySubnet: String?, nodePool: String?, site: SourceLocation
    ) -> [ManifestModel] {
        let namespace = ingress.namespace
        let labels = ["app.kubernetes.io/name": podName, "app.kubernetes.io/instance": podName]
        let selector: Value = .object(["matchLabels": .sortedObject(labels.mapValues { .string($0) })])
        var manifests: [ManifestModel] = []
        func add(_ apiVersion: String, _ kind: String, _ name: String, namespaced: Bool = true, _ body: Value) {
            manifests.append(
                ManifestModel(
                    apiVersion: apiVersion, kind: kind, name: name, namespace: namespaced ? namespace : nil,
                    labels: labels, body: body, site: site))
        }
        manifests.append(
            ManifestModel(
                apiVersion: "v1", kind: "ServiceAccount", name: ingress.serviceAccount, namespace: namespace,
                labels: labels,
                annotations: ["azure.workload.identity/client-id": "${\(WorkloadVariables.ingressControllerClientID)}"],
                body: .object(["automountServiceAccountToken": false]), site: site))
        // Namespaced reads for the namespace it serves; only IngressClasses and Nodes cluster-wide.
        add(
            "rbac.authorization.k8s.io/v1", "Role", name,
            .object([
                "rules": .array([
                    .object([
                        "apiGroups": [""], "resources": ["services", "secrets"], "verbs": ["get", "list", "watch"],
                    ]),
                    .object([
                        "apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": ["list", "watch"],
                    ]),
                    .object([
                        "apiGroups": ["networking.k8s.io"], "resources": ["ingresses"],
                        "verbs": ["get", "list", "watch"],
                    ]),
                    .object([
                        "apiGroups": ["networking.k8s.io"], "resources": ["ingresses/status"], "verbs": ["update"],
                    ]),
                ])
            ]))
        add(
            "rbac.authorization.k8s.io/v1", "RoleBinding", name,
            .object([
                "roleRef": .object(["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name)]),
                "subjects": .array([
                    .object([
                        "kind": "ServiceAccount", "name": .string(ingress.serviceAccount),
                        "namespace": .string(namespace),
                    ])
                ]),
            ]))
        let clusterRole = "\(name)-\(namespace)"
        add(
            "rbac.authorization.k8s.io/v1", "ClusterRole", clusterRole, namespaced: false,
            .object([
                "rules": .array([
                    .object([
                        "apiGroups": ["networking.k8s.io"], "resources": ["ingressclasses"],
                        "verbs": ["get", "list", "watch"],
                    ]),
                    .object(["apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "watch"]]),
                ])
            ]))
        add(
            "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", clusterRole, namespaced: false,
            .object([
                "roleRef": .object([
                    "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(clusterRole),
                ]),
                "subjects": .array([
                    .object([
                        "kind": "ServiceAccount", "name": .string(ingress.serviceAccount),
                        "namespace": .string(namespace),
                    ])
                ]),
            ]))
        add(
            "networking.k8s.io/v1", "IngressClass", ingressClass, namespaced: false,
            .object(["spec": .object(["controller": "traefik.io/ingress-controller"])]))
        manifests.append(
            secretProviderClass(
                name: secretProviderClassName, namespace: namespace,
                clientID: "${\(WorkloadVariables.ingressControllerClientID)}",
                objects: [KeyVaultObjectModel(type: "secret", name: certificateName, fileName: "tls.pem")],
                labels: labels, site: site))
        add(
            "v1", "ConfigMap", "\(name)-config",
            .object(["data": .object(["dynamic.yaml": .string(dynamicConfiguration(gatewaySubnet))])]))
        add(
            "v1", "Service", "traefik-ingress-service",
            .object([
                "spec": .object([
                    "type": "LoadBalancer",
                    "externalTrafficPolicy": "Local",
                    "selector": .sortedObject(labels.mapValues { .string($0) }),
                    "ports": .array([
                        .object(["name": "https", "port": 443, "targetPort": .string(entryPoint), "protocol": "TCP"])
                    ]),
                ])
            ]))
        // The load balancer's settings are annotations on the Service.
        manifests[manifests.count - 1].annotations = [
            "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
            "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": ingress.subnet.subnet,
            "service.beta.kubernetes.io/azure-load-balancer-ipv4": ingress.internalLoadBalancerIP,
        ]
        add(
            "apps/v1", "Deployment", name,
            deployment(
                ingress, image: image, gatewaySubnet: gatewaySubnet, nodePool: nodePool, labels: labels,
                selector: selector))
        add(
            "policy/v1", "PodDisruptionBudget", name,
            .object(["spec": .object(["maxUnavailable": 1, "selector": selector])]))
        if let gatewaySubnet {
            add(
                "networking.k8s.io/v1", "NetworkPolicy", "allow-only-gateway-to-ingress-controller",
                .object([
                    "spec": .object([
                        "podSelector": selector,
                        "policyTypes": ["Ingress"],
                        "ingress": .array([
                            .object([
                                "from": .array([.object(["ipBlock": .object(["cidr": .string(gatewaySubnet)])])]),
                                "ports": .array([.object(["port": .int(httpsPort), "protocol": "TCP"])]),
                            ])
                        ]),
                    ])
                ]))
        }
        return manifests
    }

    /// Traefik's file-provider configuration: TLS 1.2 or later, and the gateway-only allow list.
    ///
    /// With `sniStrict`, Traefik does not consider the default certificate for a handshake whose
    /// SNI matches no certificate (Traefik's TLS documentation), and Application Gateway connects
    /// with the backend host name as SNI. So the Key Vault certificate (`*.aks-ingress.<domain>`)
    /// is listed under `tls.certificates`, where Traefik matches it by its names, as well as being
    /// the default store's certificate (as the reference's workload/traefik.yaml does).
    static func dynamicConfiguration(_ gatewaySubnet: String?) -> String {
        var text = """
            tls:
              certificates:
                - certFile: \(certificateFile)
                  keyFile: \(certificateFile)
                  stores:
                    - default
              options:
                default:
                  minVersion: VersionTLS12
                  sniStrict: true
              stores:
                default:
                  defaultCertificate:
                    certFile: \(certificateFile)
                    keyFile: \(certificateFile)

            """
        if let gatewaySubnet {
            text += """
                http:
                  middlewares:
                    gateway-only:
                      ipAllowList:
                        sourceRange:
                          - \(gatewaySubnet)

                """
        }
        return text
    }

    static func deployment(
        _ ingress: IngressModel, image: String, gatewaySubnet: String?, nodePool: String?, labels: [String: String],
        selector: Value
    ) -> Value {
        var arguments = [
            "--ping=true",
            "--ping.entryPoint=traefik",
            "--entryPoints.traefik.address=:\(pingPort)",
            "--entryPoints.\(entryPoint).address=:\(httpsPort)",
            "--entryPoints.\(entryPoint).http.tls=true",
            "--providers.file.filename=/config/dynamic.yaml",
            "--providers.kubernetesingress=true",
            "--providers.kubernetesingress.ingressclass=\(ingressClass)",
            "--providers.kubernetesingress.namespaces=\(ingress.namespace)",
            "--providers.kubernetesingress.ingressendpoint.publishedservice=\(ingress.namespace)/traefik-ingress-service",
            "--metrics.prometheus=true",
            "--metrics.prometheus.entryPoint=traefik",
            "--accesslog=true",
            "--log.level=INFO",
            "--global.checknewversion=false",
            "--global.sendanonymoususage=false",
        ]
        if let gatewaySubnet {
            // Only the gateway's own X-Forwarded-For is believed, so the workload sees the client's address.
            arguments.append("--entryPoints.\(entryPoint).forwardedHeaders.trustedIPs=\(gatewaySubnet)")
            arguments.append("--entryPoints.\(entryPoint).http.middlewares=gateway-only@file")
        }
        let ping: Value = .object([
            "httpGet": .object(["path": "/ping", "port": .int(pingPort), "scheme": "HTTP"]),
            "periodSeconds": 10, "failureThreshold": 3,
        ])
        var pod: [Value.Field] = [
            .init("serviceAccountName", .string(ingress.serviceAccount)),
            .init("automountServiceAccountToken", true),
            .init("terminationGracePeriodSeconds", 60),
            .init("securityContext", PodSecurity.podContext(user: user)),
        ]
        if let nodePool { pod.append(.init("nodeSelector", .object(["agentpool": .string(nodePool)]))) }
        pod.append(.init("affinity", PodSecurity.onePerNode(selector)))
        pod += [
            .init(
                "containers",
                .array([
                    .object([
                        "name": "traefik",
                        "image": .string(registryImage(image)),
                        "imagePullPolicy": "Always",
                        "args": .array(arguments.map { .string($0) }),
                        "ports": .array([
                            .object(["name": .string(entryPoint), "containerPort": .int(httpsPort), "protocol": "TCP"]),
                            .object(["name": "traefik", "containerPort": .int(pingPort), "protocol": "TCP"]),
                        ]),
                        "livenessProbe": ping,
                        "readinessProbe": ping,
                        "resources": .object([
                            "requests": .object(["cpu": "100m", "memory": "128Mi"]),
                            "limits": .object(["cpu": "500m", "memory": "256Mi"]),
                        ]),
                        "securityContext": PodSecurity.containerContext(user: user),
                        "lifecycle": PodSecurity.preStopSleep(seconds: 10),
                        "volumeMounts": .array([
                            .object(["name": "certificates", "mountPath": "/certs", "readOnly": true]),
                            .object(["name": "configuration", "mountPath": "/config", "readOnly": true]),
                            .object(["name": "scratch", "mountPath": "/tmp"]),
                        ]),
                    ])
                ])),
            .init(
                "volumes",
                .array([
                    PodSecurity.secretsStoreVolume("certificates", secretProviderClass: secretProviderClassName),
                    .object(["name": "configuration", "configMap": .object(["name": .string("\(name)-config")])]),
                    PodSecurity.scratchVolume("scratch"),
                ])),
        ]
        var podLabels = labels
        podLabels["azure.workload.identity/use"] = "true"
        return .object([
            "spec": .object([
                "replicas": .int(IngressModel.controllerReplicas),
                "revisionHistoryLimit": 5,
                "selector": selector,
                "template": .object([
                    "metadata": .object(["labels": .sortedObject(podLabels.mapValues { .string($0) })]),
                    "spec": .object(pod),
                ]),
            ])
        ])
    }

    /// `docker.io/library/traefik:v3.4` → `${registryLoginServer}/library/traefik:v3.4`.
    static func registryImage(_ source: String) -> String {
        "${\(ImageReferences.registryVariable)}/\(ImageReferences.importedName(of: source))"
    }

    /// A `SecretProviderClass` for the Azure provider, signed in with a workload identity.
    static func secretProviderClass(
        name: String, namespace: String, clientID: String, objects: [KeyVaultObjectModel], labels: [String: String],
        site: SourceLocation
    ) -> ManifestModel {
        let array = objects.map { object in
            "    - |\n      objectName: \(object.name)\n      objectType: \(object.type)\n      objectAlias: \(object.fileName)\n"
        }.joined()
        return ManifestModel(
            apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass", name: name, namespace: namespace,
            labels: labels,
            body: .object([
                "spec": .object([
                    "provider": "azure",
                    "parameters": .object([
                        "usePodIdentity": "false",
                        "clientID": .string(clientID),
                        "keyvaultName": .string("${\(WorkloadVariables.keyVaultName)}"),
                        "tenantId": .string("${\(WorkloadVariables.tenantID)}"),
                        "objects": .string("array:\n\(array)"),
                    ]),
                ])
            ]), site: site)
    }
}

package import SlipwayModel

/// The AKS baseline's `cluster-manifests` content as data: namespaces, the ingress network policy
/// and the kube-system monitoring config maps. Each factory takes what a team would change.
public enum BaselineManifests {
    /// Everything the baseline bootstraps, for a workload namespace reached only through the
    /// ingress controller.
    public static func all(
        workloadNamespace: String = "a0008", workload: String = "aspnetapp",
        ingressController: String = "traefik-ingress-ilb"
    ) -> [Manifest] {
        [
            Manifest.namespace("cluster-baseline-settings"),
            Manifest.namespace(workloadNamespace),
            ingressNetworkPolicy(
                namespace: workloadNamespace, workload: workload, ingressController: ingressController),
            containerInsightsAgentConfig(scrapedNamespaces: [workloadNamespace, "cluster-baseline-settings"]),
            metricsSettings(podAnnotationNamespaces: ["kube-system", workloadNamespace]),
            prometheusConfig(),
            prometheusNodeConfig(),
        ]
    }

    /// Allows traffic to `workload` pods only from the ingress controller's pods.
    public static func ingressNetworkPolicy(
        namespace: String, workload: String, ingressController: String, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Manifest {
        Manifest(
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", name: "allow-only-ingress-to-workload",
            namespace: namespace,
            body: .object([
                "spec": .object([
                    "podSelector": .object(["matchLabels": .object(["app.kubernetes.io/name": .string(workload)])]),
                    "policyTypes": ["Ingress"],
                    "ingress": .array([
                        .object([
                            "from": .array([
                                .object([
                                    "namespaceSelector": .object([Value.Field]()),
                                    "podSelector": .object([
                                        "matchLabels": .object([
                                            "app.kubernetes.io/instance": .string(ingressController),
                                            "app.kubernetes.io/name": .string(ingressController),
                                        ])
                                    ]),
                                ])
                            ])
                        ])
                    ]),
                ])
            ]), fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// The Container Insights agent settings: log collection, Prometheus scraping of
    /// `scrapedNamespaces`, and the subnet IP usage integration.
    public static func containerInsightsAgentConfig(
        scrapedNamespaces: [String], excludedLogNamespaces: [String] = ["kube-system", "gatekeeper-system"],
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Manifest {
        let scraped = scrapedNamespaces.map { "\"\($0)\"" }.joined(separator: ",")
        let excluded = excludedLogNamespaces.map { "\"\($0)\"" }.joined(separator: ",")
        return Manifest.configMap(
            "container-azm-ms-agentconfig", namespace: "kube-system",
            data: [
                "schema-version": "v1",
                "config-version": "ver1",
                "log-data-collection-settings": """
                [log_collection_settings]
                   [log_collection_settings.stdout]
                      enabled = true
                      exclude_namespaces = [\(excluded)]
                   [log_collection_settings.stderr]
                      enabled = true
                      exclude_namespaces = [\(excluded)]
                   [log_collection_settings.env_var]
                      enabled = true
                """,
                "prometheus-data-collection-settings": """
                [prometheus_data_collection_settings.cluster]
                    interval = "1m"
                    monitor_kubernetes_pods = true
                    monitor_kubernetes_pods_namespaces = [\(scraped)]
                [prometheus_data_collection_settings.node]
                    interval = "1m"
                    urls = ["http://$NODE_IP:9103/metrics"]
                """,
                "integrations": """
                [integrations.azure_network_policy_manager]
                    collect_basic_metrics = false
                    collect_advanced_metrics = false
                [integrations.azure_subnet_ip_usage]
                    enabled = true
                """,
                "agent-settings": """
                [agent_settings.fbit_config]
                    log_flush_interval_secs = "1"
                    tail_mem_buf_limit_megabytes = "200"
                    tail_buf_chunksize_megabytes = "10"
                    tail_buf_maxsize_megabytes = "10"
                """,
            ], fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// Managed Prometheus scrape settings: which default targets are on, and which namespaces'
    /// pod annotations are honoured.
    public static func metricsSettings(
        podAnnotationNamespaces: [String], scrapeInterval: String = "30s", fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Manifest {
        let enabled = [
            "kubelet", "cadvisor", "kubestate", "nodeexporter", "kappiebasic", "networkobservabilityRetina",
            "controlplane-apiserver", "controlplane-etcd",
        ]
        let disabled = [
            "coredns", "kubeproxy", "apiserver", "windowsexporter", "windowskubeproxy", "prometheuscollectorhealth",
            "controlplane-cluster-autoscaler", "controlplane-kube-scheduler", "controlplane-kube-controller-manager",
        ]
        let targets = (enabled.map { "\($0) = true" } + disabled.map { "\($0) = false" }).joined(separator: "\n")
        let intervals = (enabled + disabled).sorted().map { "\($0) = \"\(scrapeInterval)\"" }.joined(separator: "\n")
        return Manifest.configMap(
            "ama-metrics-settings-configmap", namespace: "kube-system",
            data: [
                "schema-version": "v1",
                "config-version": "ver1",
                "prometheus-collector-settings": "cluster_alias = \"\"",
                "default-scrape-settings-enabled": targets,
                "pod-annotation-based-scraping":
                    "podannotationnamespaceregex = \"\(podAnnotationNamespaces.joined(separator: "|"))\"",
                "default-targets-metrics-keep-list": "minimalingestionprofile = true",
                "default-targets-scrape-interval-settings": intervals,
                "debug-mode": "enabled = false",
            ], fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// Custom cluster-wide Prometheus scrape jobs for Azure network policy manager metrics.
    public static func prometheusConfig(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Manifest {
        Manifest.configMap(
            "ama-metrics-prometheus-config", namespace: "kube-system",
            data: [
                "prometheus-config": """
                global:
                  scrape_interval: 30s
                scrape_configs:
                - job_name: azure-npm-node-metrics
                  metrics_path: /node-metrics
                  kubernetes_sd_configs:
                  - role: node
                  relabel_configs:
                  - source_labels: [__address__]
                    action: replace
                    regex: ([^:]+)(?::\\d+)?
                    replacement: "$1:10091"
                    target_label: __address__
                - job_name: azure-npm-cluster-metrics
                  metrics_path: /cluster-metrics
                  kubernetes_sd_configs:
                  - role: service
                  relabel_configs:
                  - source_labels: [__meta_kubernetes_namespace]
                    regex: kube-system
                    action: keep
                  - source_labels: [__meta_kubernetes_service_name]
                    regex: npm-metrics-cluster-service
                    action: keep
                  metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: npm_ipset_counts
                    action: drop
                """
            ], fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// Per-node Prometheus scrape jobs for Azure network policy manager pods.
    public static func prometheusNodeConfig(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Manifest {
        Manifest.configMap(
            "ama-metrics-prometheus-config-node", namespace: "kube-system",
            data: [
                "prometheus-config": """
                global:
                  scrape_interval: 30s
                scrape_configs:
                - job_name: azure-npm-node-metrics-from-pod-config
                  metrics_path: /node-metrics
                  kubernetes_sd_configs:
                  - role: pod
                  relabel_configs:
                  - source_labels: [__meta_kubernetes_namespace]
                    regex: kube-system
                    action: keep
                  - source_labels: [__meta_kubernetes_pod_label_k8s_app]
                    regex: azure-npm
                    action: keep
                  - source_labels: [__address__]
                    action: replace
                    regex: ([^:]+)(?::\\d+)?
                    replacement: "$1:10091"
                    target_label: __address__
                """
            ], fileID: fileID, filePath: filePath, line: line, column: column)
    }
}

extension Value {
    /// An image in the environment's own registry, such as `registryImage("kubereboot/kured:1.15.0")`.
    /// It renders as `${registryLoginServer}/kubereboot/kured:1.15.0`, and Flux substitutes the
    /// registry's login server, which only Azure knows, after the build.
    public static func registryImage(_ repositoryAndTag: String) -> Value {
        .string("${\(ImageReferences.registryVariable)}/\(repositoryAndTag)")
    }
}

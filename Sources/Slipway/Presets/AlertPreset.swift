package import SlipwayModel

/// Alerts for a cluster: Prometheus rule groups evaluated by managed Prometheus, a scheduled
/// query on failed pods, and an activity log alert on Azure Advisor recommendations.
public struct AlertPreset: Sendable {
    var model: AlertPresetModel

    /// The recommended set, grouped like the baseline: pod, node and cluster level rules.
    public static let recommended = AlertPreset(
        model: AlertPresetModel(
            prometheusRuleGroups: [
                PrometheusRuleGroupModel(name: "pod-level", rules: RecommendedAlerts.podLevel),
                PrometheusRuleGroupModel(name: "node-level", rules: RecommendedAlerts.nodeLevel),
                PrometheusRuleGroupModel(name: "cluster-level", rules: RecommendedAlerts.clusterLevel),
            ], podFailedQuery: true, advisorRecommendations: true))

    /// Removes Prometheus alerts by name, for example `"KubeHpaMaxedOut"`.
    public func excluding(_ alerts: String...) -> AlertPreset {
        var copy = self
        copy.model.prometheusRuleGroups = model.prometheusRuleGroups.map { group in
            PrometheusRuleGroupModel(name: group.name, rules: group.rules.filter { !alerts.contains($0.alert) })
        }
        return copy
    }

    /// Adds a Prometheus alert to the group `group` (created when missing).
    public func adding(
        _ alert: String, expression: String, for duration: String = "PT5M", severity: Int = 3, summary: String,
        group: String = "custom"
    ) -> AlertPreset {
        var copy = self
        let rule = PrometheusAlertModel(
            alert: alert, expression: expression, duration: duration, severity: severity, summary: summary)
        if let index = copy.model.prometheusRuleGroups.firstIndex(where: { $0.name == group }) {
            copy.model.prometheusRuleGroups[index].rules.append(rule)
        } else {
            copy.model.prometheusRuleGroups.append(PrometheusRuleGroupModel(name: group, rules: [rule]))
        }
        return copy
    }

    /// The names of every Prometheus alert, in order.
    public var alertNames: [String] { model.prometheusRuleGroups.flatMap { $0.rules.map(\.alert) } }
}

/// The recommended Prometheus alerts, written against kube-state-metrics, cAdvisor, kubelet and
/// node-exporter series that managed Prometheus collects by default.
enum RecommendedAlerts {
    static func rule(_ alert: String, _ expression: String, _ duration: String, _ severity: Int, _ summary: String)
        -> PrometheusAlertModel
    {
        PrometheusAlertModel(
            alert: alert, expression: expression, duration: duration, severity: severity, summary: summary)
    }

    static let podLevel: [PrometheusAlertModel] = [
        rule(
            "KubeJobStale",
            "sum by(namespace, cluster, job_name) (kube_job_status_active) > 0 and sum by(namespace, cluster, job_name) (time() - kube_job_status_start_time) > 21600",
            "PT15M", 4, "A job has been running for more than six hours."),
        rule(
            "KubeContainerAverageCPUHigh",
            "sum by(cluster, namespace, pod, container) (rate(container_cpu_usage_seconds_total{container!=\"\", container!=\"POD\"}[5m])) / sum by(cluster, namespace, pod, container) (kube_pod_container_resource_limits{resource=\"cpu\"}) > 0.95",
            "PT5M", 4, "A container uses more than 95% of its CPU limit."),
        rule(
            "KubeContainerAverageMemoryHigh",
            "sum by(cluster, namespace, pod, container) (container_memory_working_set_bytes{container!=\"\", container!=\"POD\"}) / sum by(cluster, namespace, pod, container) (kube_pod_container_resource_limits{resource=\"memory\"}) > 0.95",
            "PT10M", 4, "A container uses more than 95% of its memory limit."),
        rule(
            "KubePodFailedState", "sum by(cluster, namespace, pod) (kube_pod_status_phase{phase=\"Failed\"}) > 0",
            "PT5M", 4, "A pod is in the Failed phase."),
        rule(
            "KubePVUsageHigh",
            "avg by(namespace, cluster, persistentvolumeclaim) (kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes) > 0.8",
            "PT15M", 4, "A persistent volume is more than 80% full."),
        rule(
            "KubePodReadyStateLow",
            "sum by(cluster, namespace, deployment) (kube_deployment_status_replicas_ready) / sum by(cluster, namespace, deployment) (kube_deployment_spec_replicas) < 0.8",
            "PT5M", 4, "Fewer than 80% of a deployment's pods are ready."),
        rule(
            "KubePodContainerRestart",
            "sum by(namespace, cluster, pod, container) (increase(kube_pod_container_status_restarts_total[1h])) > 0",
            "PT15M", 4, "A container restarted in the last hour."),
        rule(
            "KubePodCrashLooping",
            "max by(cluster, namespace, pod, container) (kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"}) >= 1",
            "PT15M", 4, "A container is crash looping."),
        rule(
            "KubePodNotReadyByController",
            "sum by(namespace, cluster, pod) (max by(namespace, cluster, pod) (kube_pod_status_phase{phase=~\"Pending|Unknown\"})) > 0",
            "PT15M", 3, "A pod has not been ready for 15 minutes."),
        rule(
            "KubeStatefulSetGenerationMismatch",
            "kube_statefulset_status_observed_generation != kube_statefulset_metadata_generation",
            "PT15M", 4, "A stateful set's observed generation lags its spec."),
        rule(
            "KubeJobFailed", "sum by(namespace, cluster, job_name) (kube_job_failed) > 0",
            "PT15M", 4, "A job failed."),
        rule(
            "KubeletPodStartUpLatencyHigh",
            "histogram_quantile(0.99, sum by(cluster, instance, le) (rate(kubelet_pod_worker_duration_seconds_bucket{job=\"kubelet\"}[5m]))) > 60",
            "PT10M", 4, "The 99th percentile of pod start-up latency exceeds 60 seconds."),
        rule(
            "KubeDeploymentReplicasMismatch",
            "kube_deployment_spec_replicas > kube_deployment_status_replicas_available",
            "PT15M", 4, "A deployment has fewer available replicas than desired."),
        rule(
            "KubeStatefulSetReplicasMismatch",
            "kube_statefulset_status_replicas_ready != kube_statefulset_status_replicas",
            "PT15M", 4, "A stateful set has fewer ready replicas than desired."),
        rule(
            "KubeHpaReplicasMismatch",
            "kube_horizontalpodautoscaler_status_desired_replicas != kube_horizontalpodautoscaler_status_current_replicas",
            "PT15M", 4, "An autoscaler has not reached its desired replicas."),
        rule(
            "KubeHpaMaxedOut",
            "kube_horizontalpodautoscaler_status_current_replicas == kube_horizontalpodautoscaler_spec_max_replicas",
            "PT15M", 4, "An autoscaler runs at its maximum replicas."),
    ]

    static let nodeLevel: [PrometheusAlertModel] = [
        rule(
            "KubeNodeUnreachable",
            "kube_node_spec_taint{key=\"node.kubernetes.io/unreachable\", effect=\"NoSchedule\"} == 1",
            "PT15M", 3, "A node is unreachable."),
        rule(
            "KubeNodeReadinessFlapping",
            "sum by(cluster, node) (changes(kube_node_status_condition{status=\"true\", condition=\"Ready\"}[15m])) > 2",
            "PT15M", 3, "A node's readiness changed more than twice in 15 minutes."),
        rule(
            "KubeNodeDiskUsageHigh",
            "1 - (node_filesystem_avail_bytes{mountpoint=\"/\"} / node_filesystem_size_bytes{mountpoint=\"/\"}) > 0.9",
            "PT15M", 3, "A node's root filesystem is more than 90% full."),
    ]

    static let clusterLevel: [PrometheusAlertModel] = [
        rule(
            "KubeContainerOOMKilledCount",
            "sum by(cluster, container, namespace) (kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"}) > 0",
            "PT5M", 4, "A container was killed for running out of memory."),
        rule(
            "KubeCPUQuotaOvercommit",
            "sum by(cluster) (kube_resourcequota{type=\"hard\", resource=\"cpu\"}) / sum by(cluster) (kube_node_status_allocatable{resource=\"cpu\"}) > 1.5",
            "PT5M", 3, "CPU quotas exceed 150% of allocatable CPU."),
        rule(
            "KubeMemoryQuotaOvercommit",
            "sum by(cluster) (kube_resourcequota{type=\"hard\", resource=\"memory\"}) / sum by(cluster) (kube_node_status_allocatable{resource=\"memory\"}) > 1.5",
            "PT5M", 3, "Memory quotas exceed 150% of allocatable memory."),
        rule(
            "KubeClientErrors",
            "sum by(cluster, instance, job) (rate(rest_client_requests_total{code=~\"5..\"}[5m])) / sum by(cluster, instance, job) (rate(rest_client_requests_total[5m])) > 0.01",
            "PT15M", 3, "More than 1% of a client's API requests fail."),
        rule(
            "KubePersistentVolumeFillingUp",
            "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.03",
            "PT1M", 4, "A persistent volume has less than 3% free space."),
        rule(
            "KubePersistentVolumeInodesFillingUp",
            "kubelet_volume_stats_inodes_free / kubelet_volume_stats_inodes < 0.03",
            "PT15M", 4, "A persistent volume has less than 3% free inodes."),
        rule(
            "KubePersistentVolumeErrors",
            "sum by(cluster, persistentvolume) (kube_persistentvolume_status_phase{phase=~\"Failed|Pending\"}) > 0",
            "PT5M", 4, "A persistent volume is failed or pending."),
        rule(
            "KubeContainerWaiting",
            "sum by(namespace, pod, container, cluster) (kube_pod_container_status_waiting_reason) > 0",
            "PT60M", 3, "A container has been waiting for an hour."),
        rule(
            "KubeDaemonSetNotScheduled",
            "kube_daemonset_status_desired_number_scheduled - kube_daemonset_status_current_number_scheduled > 0",
            "PT15M", 3, "A daemon set's pods are not scheduled."),
        rule(
            "KubeDaemonSetMisScheduled", "kube_daemonset_status_number_misscheduled > 0",
            "PT15M", 3, "A daemon set's pods run where they should not."),
        rule(
            "KubeQuotaAlmostFull",
            "kube_resourcequota{type=\"used\"} / ignoring(instance, job, type) (kube_resourcequota{type=\"hard\"} > 0) > 0.9 < 1",
            "PT15M", 3, "A resource quota is more than 90% used."),
    ]
}

import SlipwayModel

/// Workload rules: where images come from, probes and limits, immutable tags, workload identity
/// subjects, ingress hosts, and where the workload runs. Together they are the baseline's policy
/// preset, checked before anything is written.
enum WorkloadRules {
    static let workloads: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            var seen: Set<String> = []
            for workload in environment.workloads {
                if !seen.insert(workload.name).inserted {
                    diagnostics.append(
                        Diagnostic(
                            .error, "WKL009",
                            "workload '\(workload.name)' is declared twice in environment '\(environment.name)'",
                            note: "each workload owns its manifests, identity and pipeline; give each a unique name",
                            at: workload.site))
                }
                diagnostics += check(workload, in: environment)
            }
            diagnostics += conflicts(in: environment)
        }
        return diagnostics
    }

    /// WKL009: a declared kustomization with the name of one Slipway adds (the ingress controller's,
    /// a `.pull` workload's), and WKL007: two ingresses for one host and path on one cluster.
    static func conflicts(in environment: EnvironmentModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for cluster in environment.clusters {
            if let ingress = cluster.addOns.ingress,
                let problem = nodeRoom(
                    replicas: IngressModel.controllerReplicas, pool: cluster.ingressControllerPool, cluster: cluster,
                    what: "the ingress controller", at: ingress.site)
            {
                diagnostics.append(problem)
            }
            let workloads = environment.workloads.filter { $0.cluster == cluster.name }
            if let flux = cluster.flux {
                var derived: Set<String> = cluster.addOns.ingress == nil ? [] : ["ingress-controller"]
                for workload in workloads where workload.delivery == .pull {
                    derived.insert("workload-\(workload.name)")
                }
                for kustomization in flux.kustomizations where derived.contains(kustomization.name) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "WKL009",
                            "kustomization '\(kustomization.name)' of cluster '\(cluster.name)' has the name of one Slipway renders for it",
                            note: "rename the kustomization; Slipway owns ingress-controller and workload-<name>",
                            at: kustomization.site))
                }
            }
            var routes: [String: String] = [:]
            for workload in workloads {
                guard let ingress = workload.ingress else { continue }
                let route = "\(ingress.host)\(ingress.path)"
                if let other = routes[route] {
                    diagnostics.append(
                        Diagnostic(
                            .error, "WKL007",
                            "workloads '\(other)' and '\(workload.name)' both serve \(route) on cluster '\(cluster.name)'",
                            note: "give each workload its own host or path", at: ingress.site))
                } else {
                    routes[route] = workload.name
                }
            }
        }
        return diagnostics
    }

    /// WKL013: replicas that must each have a node of their own (required anti-affinity on the host
    /// name), plus the one a rolling update adds before it removes an old pod, need that many nodes
    /// in the pool; otherwise pods stay Pending and a rollout never finishes.
    static func nodeRoom(
        replicas: Int, pool: String?, cluster: ClusterModel, what: String, at site: SourceLocation
    ) -> Diagnostic? {
        let room = cluster.nodeCapacity(onPool: pool)
        guard replicas + 1 > room else { return nil }
        let place =
            pool.map { "pool '\($0)' of cluster '\(cluster.name)' has" }
            ?? "the pools of cluster '\(cluster.name)' that take pods have"
        return Diagnostic(
            .error, "WKL013",
            "\(what) runs \(replicas) replica(s), one per node, and a rolling update adds one more, but \(place) at most \(room) node(s)",
            note: "raise the pool's maximum to at least \(replicas + 1) or run fewer replicas", at: site)
    }

    static func check(_ workload: WorkloadModel, in environment: EnvironmentModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let imageSite = workload.sites["image"] ?? workload.site
        guard let cluster = environment.cluster(named: workload.cluster) else {
            return [
                Diagnostic(
                    .error, "WKL002",
                    "workload '\(workload.name)' runs on cluster '\(workload.cluster)', which environment '\(environment.name)' does not declare",
                    note: "declared clusters: \(environment.clusters.map(\.name).sorted().joined(separator: ", "))",
                    at: workload.site)
            ]
        }
        if let problem = nodeRoom(
            replicas: workload.replicas, pool: workload.nodePool, cluster: cluster, what: "workload '\(workload.name)'",
            at: workload.sites["replicas"] ?? workload.site)
        {
            diagnostics.append(problem)
        }
        if workload.delivery == .pull, cluster.flux == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL002",
                    "workload '\(workload.name)' is delivered by Flux (.pull) but cluster '\(cluster.name)' has no Flux configuration",
                    note: "add .gitOps(FluxConfiguration(...)) to the cluster, or deliver with .push",
                    at: workload.sites["delivery"] ?? workload.site))
        }

        // WKL012: a `.pull` workload's namespace must be created by the cluster's own kustomizations
        // (Flux applies the workload's objects into it and does not create it). Unknowable when a
        // kustomization takes its content from a template or a hand-maintained path.
        if workload.delivery == .pull, let flux = cluster.flux,
            !flux.kustomizations.contains(where: { !$0.templates.isEmpty || $0.externalPath != nil })
        {
            let created = Set(
                flux.kustomizations.flatMap(\.manifests).filter { $0.kind == "Namespace" }.map(\.name))
            if !created.contains(workload.namespace) && !["default", "kube-system"].contains(workload.namespace) {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL012",
                        "workload '\(workload.name)' runs in namespace '\(workload.namespace)', which no kustomization of cluster '\(cluster.name)' creates",
                        note:
                            "add Manifest.namespace(\"\(workload.namespace)\") to one of the cluster's kustomizations",
                        at: workload.site))
            }
        }

        // WKL001: the image's source.
        if workload.imageIsExternal {
            let reference = "\(workload.imageRepository):\(workload.imageTag.value)"
            if !environment.allowedImageSources.contains(where: { reference.hasPrefix($0) }) {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL001",
                        "workload '\(workload.name)' uses image '\(reference)' from outside the environment's registry and the allow-list",
                        note:
                            "build it into the environment's registry with a repository such as '\(workload.name)', or allow its registry with .allowImages(from:)",
                        at: imageSite))
            }
        } else if cluster.registry == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL001",
                    "workload '\(workload.name)' uses the environment's registry but cluster '\(cluster.name)' pulls from none",
                    note: "add .pullsImages(from: \"<registry>\") to the cluster", at: imageSite))
        }

        // WKL003: probes and limits.
        var missing: [String] = []
        if workload.liveness == nil { missing.append("a liveness probe") }
        if workload.readiness == nil { missing.append("a readiness probe") }
        if !missing.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL003", "workload '\(workload.name)' has no \(missing.joined(separator: " and "))",
                    note: "add .probes(liveness: .http(\"/healthz\", port: 8080), readiness: ...)",
                    at: workload.sites["probes"] ?? workload.site))
        }
        let resources = workload.resources
        var limits: [String] = []
        if resources?.cpuLimit == nil { limits.append("CPU limit") }
        if resources?.memoryLimit == nil { limits.append("memory limit") }
        if resources?.cpuRequest == nil { limits.append("CPU request") }
        if resources?.memoryRequest == nil { limits.append("memory request") }
        if !limits.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL003", "workload '\(workload.name)' has no \(limits.joined(separator: ", "))",
                    note:
                        "the baseline's policies deny containers without CPU and memory limits; add .resources(requests:limits:)",
                    at: workload.sites["resources"] ?? workload.site))
        }

        diagnostics += limitsAllowedByPolicy(workload, on: cluster)

        // WKL004 and WKL005: tags. A `.push` workload's tag comes from the pipeline.
        if workload.delivery == .pull {
            let tag = workload.imageTag.value
            if let problem = PromotionTags.problem(with: tag, stage: workload.stage) {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL004", "workload '\(workload.name)' uses tag '\(tag)': \(problem)",
                        note: "use \(workload.stage.tagForm), as the promotion pipeline produces",
                        at: imageSite))
            }
            if case .fixed = workload.imageTag, !workload.imageIsExternal {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL005",
                        "workload '\(workload.name)' is delivered by Flux but its tag is fixed in the DSL, so the pipeline cannot bump it",
                        note:
                            "take the tag from an input: .image(\"\(workload.imageRepository)\", tag: .input(\"\(workload.name).tag\", default: \"\(tag)\"))",
                        at: imageSite))
            }
        }

        // WKL006: the identity and its federated credential.
        if let name = workload.identity {
            let site = workload.sites["workloadIdentity"] ?? workload.site
            if let identity = cluster.addOns.federatedIdentities.first(where: { $0.name == name }) {
                if identity.subject != workload.serviceAccountSubject {
                    diagnostics.append(
                        Diagnostic(
                            .error, "WKL006",
                            "identity '\(name)' trusts subject '\(identity.subject)', but workload '\(workload.name)' runs as '\(workload.serviceAccountSubject)'",
                            note: "set the federated identity's subject to \"\(workload.serviceAccountSubject)\"",
                            at: site))
                }
            } else {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL006",
                        "workload '\(workload.name)' uses identity '\(name)', which cluster '\(cluster.name)' does not declare",
                        note:
                            "add .federatedIdentity(\"\(name)\", subject: \"\(workload.serviceAccountSubject)\") to the cluster",
                        at: site))
            }
        }
        if !workload.secrets.isEmpty {
            let site = workload.sites["secrets"] ?? workload.site
            if workload.identity == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL006",
                        "workload '\(workload.name)' mounts Key Vault secrets but has no workload identity to read them with",
                        note: "add .workloadIdentity(\"<identity>\")", at: site))
            }
            if cluster.addOns.keyVault == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL006",
                        "workload '\(workload.name)' mounts Key Vault secrets but cluster '\(cluster.name)' has no Key Vault",
                        note: "add .keyVault(_:privateEndpointIn:) to the cluster", at: site))
            }
        }

        // WKL007: ingress host under the environment's ingress domain, HTTPS on the internal controller.
        if let ingress = workload.ingress {
            if cluster.addOns.ingress != nil, cluster.flux == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL007",
                        "workload '\(workload.name)' has an ingress, but cluster '\(cluster.name)' has no Flux configuration to deliver its ingress controller",
                        note:
                            "add .gitOps(FluxConfiguration(...)) to the cluster; Slipway renders the controller into its Flux tree",
                        at: ingress.site))
            }
            if let controller = cluster.addOns.ingress {
                let domain = "aks-ingress.\(controller.domain)"
                if !ingress.host.hasSuffix(".\(domain)") {
                    diagnostics.append(
                        Diagnostic(
                            .error, "WKL007",
                            "workload '\(workload.name)' serves host '\(ingress.host)', outside the environment's ingress domain '\(domain)'",
                            note:
                                "the baseline's ingress policy denies it; use a host such as '\(workload.name).\(domain)'",
                            at: ingress.site))
                }
            } else {
                diagnostics.append(
                    Diagnostic(
                        .error, "WKL007",
                        "workload '\(workload.name)' has an ingress but cluster '\(cluster.name)' has no ingress controller",
                        note: "add .ingressController(...) to the cluster", at: ingress.site))
            }
        }

        // WKL010: names Kubernetes accepts.
        for (what, name) in [
            ("name", workload.name), ("namespace", workload.namespace), ("service account", workload.serviceAccount),
        ] where !isDNSLabel(name) {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL010", "workload \(what) '\(name)' is not a Kubernetes name",
                    note:
                        "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
                    at: workload.site))
        }
        for port in workload.ports where !isPortName(port.name) {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL010",
                    "port name '\(port.name)' of workload '\(workload.name)' is not a Kubernetes port name",
                    note: "use at most 15 lowercase letters, digits and '-', with at least one letter",
                    at: workload.sites["port"] ?? workload.site))
        }

        // WKL011: the pre-stop wait must leave the process time to shut down.
        if workload.preStopSleepSeconds < 0 || workload.terminationGracePeriodSeconds <= workload.preStopSleepSeconds {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL011",
                    "workload '\(workload.name)' waits \(workload.preStopSleepSeconds) s before stopping but is killed after \(workload.terminationGracePeriodSeconds) s",
                    note:
                        "the grace period must exceed the pre-stop wait by the time the process needs to finish its requests",
                    at: workload.sites["termination"] ?? workload.site))
        }

        // WKL008: the security context the baseline's policies require.
        if workload.security.runAsUser == 0 {
            diagnostics.append(
                Diagnostic(
                    .error, "WKL008", "workload '\(workload.name)' runs as root (user 0)",
                    note: "the baseline's policies deny root containers; run as a non-zero user",
                    at: workload.sites["runAsUser"] ?? workload.site))
        }
        return diagnostics
    }

    /// A DNS-1123 label: 1 to 63 lowercase letters, digits and `-`, alphanumeric at both ends.
    static func isDNSLabel(_ text: String) -> Bool {
        let allowed = text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        return (1...63).contains(text.utf8.count) && allowed && text.first != "-" && text.last != "-"
    }

    /// An IANA service name as Kubernetes port names use it: a DNS label of at most 15 characters
    /// with at least one letter.
    static func isPortName(_ text: String) -> Bool {
        isDNSLabel(text) && text.utf8.count <= 15 && text.contains { $0.isLetter } && !text.contains("--")
    }

    /// WKL003: limits above what the cluster's resource-limit policy admits are denied at admission.
    static func limitsAllowedByPolicy(_ workload: WorkloadModel, on cluster: ClusterModel) -> [Diagnostic] {
        guard let policy = cluster.addOns.policyAssignments.first(where: { $0.key == "resourceLimits" }),
            let resources = workload.resources
        else { return [] }
        var diagnostics: [Diagnostic] = []
        for (name, declared, parameter) in [
            ("CPU", resources.cpuLimit, "cpuLimit"), ("memory", resources.memoryLimit, "memoryLimit"),
        ] {
            guard let declared, case .string(let allowed)? = policy.parameters[parameter]?["value"],
                let value = Quantity.value(of: declared), let maximum = Quantity.value(of: allowed), value > maximum
            else { continue }
            diagnostics.append(
                Diagnostic(
                    .error, "WKL003",
                    "workload '\(workload.name)' asks for a \(name) limit of \(declared), above the \(allowed) that cluster '\(cluster.name)''s resource-limit policy admits",
                    note: "lower the limit, or change the policy's \(parameter) parameter",
                    at: workload.sites["resources"] ?? workload.site))
        }
        return diagnostics
    }
}

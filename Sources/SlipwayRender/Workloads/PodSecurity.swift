import SlipwayModel

/// The pod and container settings the baseline's policies require, shared by the workloads and the
/// ingress controller: non-root, read-only root filesystem, no privilege escalation, all
/// capabilities dropped, RuntimeDefault seccomp; and the volumes such pods use.
enum PodSecurity {
    static func podContext(user: Int) -> Value {
        .object([
            "runAsNonRoot": true, "runAsUser": .int(user), "runAsGroup": .int(user), "fsGroup": .int(user),
            "seccompProfile": .object(["type": "RuntimeDefault"]),
        ])
    }

    static func containerContext(user: Int, readOnlyRootFilesystem: Bool = true, privilegeEscalation: Bool = false)
        -> Value
    {
        .object([
            "allowPrivilegeEscalation": .bool(privilegeEscalation),
            "readOnlyRootFilesystem": .bool(readOnlyRootFilesystem),
            "runAsNonRoot": true,
            "runAsUser": .int(user),
            "capabilities": .object(["drop": ["ALL"]]),
        ])
    }

    /// A pre-stop wait with the kubelet's sleep action, so images without a shell work.
    static func preStopSleep(seconds: Int) -> Value {
        .object(["preStop": .object(["sleep": .object(["seconds": .int(seconds)])])])
    }

    /// A read-only Secrets Store CSI volume backed by `secretProviderClass`.
    static func secretsStoreVolume(_ name: String, secretProviderClass: String) -> Value {
        .object([
            "name": .string(name),
            "csi": .object([
                "driver": "secrets-store.csi.k8s.io", "readOnly": true,
                "volumeAttributes": .object(["secretProviderClass": .string(secretProviderClass)]),
            ]),
        ])
    }

    /// A small writable scratch volume, the only writable place besides declared mounts.
    static func scratchVolume(_ name: String) -> Value {
        .object(["name": .string(name), "emptyDir": .object(["sizeLimit": "64Mi"])])
    }

    /// Required anti-affinity on the node: no two replicas share a node, so draining one node (an
    /// upgrade, a scale-down) never takes out more than one. The reference does the same for
    /// Traefik and the ASP.NET sample. Rule WKL013 makes sure the pool has room for every replica
    /// and the one a rolling update adds.
    static func onePerNode(_ selector: Value) -> Value {
        .object([
            "podAntiAffinity": .object([
                "requiredDuringSchedulingIgnoredDuringExecution": .array([
                    .object(["labelSelector": selector, "topologyKey": "kubernetes.io/hostname"])
                ])
            ])
        ])
    }
}

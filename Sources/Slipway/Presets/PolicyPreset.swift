package import SlipwayModel

/// A set of Azure Policy assignments for a cluster stamp. Start from ``baseline(systemNamespaces:workloadNamespaces:)``
/// and trim or extend it:
///
/// ```swift
/// .policies(.baseline().excluding("authorizedIPRangesDefined").adding(myAssignment))
/// ```
public struct PolicyPreset: Sendable {
    var assignments: [PolicyAssignmentModel]

    /// An empty preset.
    public static let none = PolicyPreset(assignments: [])

    /// The AKS baseline's 19 assignments: the restricted pod security initiative (audit), HTTPS and
    /// internal-only ingress, read-only root filesystems, resource limits, images only from the
    /// environment's registry and the allow-list, no host paths or external IPs, the cluster-level
    /// audits, and Slipway's own policy that ingress TLS hosts end with the ingress domain.
    /// `systemNamespaces` are exempt from the workload policies.
    public static func baseline(
        systemNamespaces: [String] = ["kube-system", "gatekeeper-system", "azure-arc", "flux-system"],
        workloadNamespaces: [String] = ["cluster-baseline-settings", "a0008"]
    ) -> PolicyPreset {
        func strings(_ values: [String]) -> Value { .array(values.map { .string($0) }) }
        func parameters(_ effect: String, _ extra: KeyValuePairs<String, Value> = [:]) -> Value {
            var fields: [Value.Field] = [.init("effect", .object(["value": .string(effect)]))]
            for (key, value) in extra { fields.append(.init(key, .object(["value": value]))) }
            return .object(fields)
        }
        let system = strings(systemNamespaces)
        let imageExemptions = strings(systemNamespaces.filter { $0 != "flux-system" })
        func builtIn(_ key: String, _ name: String, _ id: String, _ parameters: Value, initiative: Bool = false)
            -> PolicyAssignmentModel
        {
            PolicyAssignmentModel(
                key: key, displayName: name, definitionID: id, isInitiative: initiative, parameters: parameters)
        }
        return PolicyPreset(assignments: [
            builtIn(
                "podSecurityRestricted",
                "Kubernetes cluster pod security restricted standards for Linux-based workloads",
                "42b8ef37-b724-4e24-bbc8-7a7708edfe00",
                parameters("Audit", ["excludedNamespaces": strings(systemNamespaces + workloadNamespaces)]),
                initiative: true),
            builtIn(
                "httpsIngress", "Kubernetes clusters should be accessible only over HTTPS",
                "1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d", parameters("Deny", ["excludedNamespaces": []])),
            builtIn(
                "internalLoadBalancers", "Kubernetes clusters should use internal load balancers",
                "3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e", parameters("Deny", ["excludedNamespaces": []])),
            builtIn(
                "readOnlyRootFilesystem", "Kubernetes cluster containers should run with a read only root file system",
                "df49d893-a74c-421d-bc95-c663042e5b80",
                parameters("Deny", ["excludedNamespaces": system, "excludedContainers": []])),
            builtIn(
                "resourceLimits",
                "Kubernetes cluster containers CPU and memory resource limits should not exceed the specified limits",
                "e345eecc-fa47-480f-9e88-67dcc122b164",
                parameters("Deny", ["cpuLimit": "500m", "memoryLimit": "256Mi", "excludedNamespaces": system])),
            builtIn(
                "imageSource", "Kubernetes cluster containers should only use allowed images",
                "febd0533-8e55-448f-b837-bd0e06f16469", parameters("Deny", ["excludedNamespaces": imageExemptions])),
            builtIn(
                "hostPaths", "Kubernetes cluster pod hostPath volumes should only use allowed host paths",
                "098fc59e-46c7-4d99-9b16-64990e543d75",
                parameters(
                    "Deny", ["allowedHostPaths": .object(["paths": []]), "excludedNamespaces": system])),
            builtIn(
                "externalIPs", "Kubernetes cluster services should only use allowed external IPs",
                "d46c275d-1680-448d-b2ec-e495a3b6cc89", parameters("Deny", ["allowedExternalIPs": []])),
            builtIn(
                "endpointEditPermissions",
                "Kubernetes clusters should disable the endpoint edit permissions of ClusterRole/system:aggregate-to-edit",
                "1ddac26b-ed48-4c30-8cc5-3a68c79b8001", parameters("Audit")),
            builtIn(
                "defaultNamespace", "Kubernetes clusters should not use the default namespace",
                "9f061a12-e40d-4183-a00e-171812443373", parameters("Audit", ["namespaces": ["default"]])),
            builtIn(
                "defenderEnabled", "Azure Kubernetes Service clusters should have Defender profile enabled",
                "a1840de2-8088-4ea8-b153-b4c723e9cb01", parameters("Audit")),
            builtIn(
                "entraIDIntegration", "Azure Kubernetes Service Clusters should enable Microsoft Entra ID integration",
                "450d2877-ebea-41e8-b00c-e286317d21bf", parameters("Audit")),
            builtIn(
                "localAuthDisabled",
                "Azure Kubernetes Service Clusters should have local authentication methods disabled",
                "993c2fcd-2b29-49d2-9eb0-df2c3a730c32", parameters("Deny")),
            builtIn(
                "azurePolicyAddOn",
                "Azure Policy Add-on for Kubernetes service (AKS) should be installed and enabled on your clusters",
                "0a15ec92-a229-4763-bb14-0ea34a568f8d", parameters("Audit")),
            builtIn(
                "authorizedIPRangesDefined", "Authorized IP ranges should be defined on Kubernetes Services",
                "0e246bcf-5f6f-4f87-bc6f-775d4712c7ea", parameters("Audit")),
            builtIn(
                "supportedKubernetesVersion",
                "Kubernetes Services should be upgraded to a non-vulnerable Kubernetes version",
                "fb893a29-21bb-418c-a157-e99480ec364c", parameters("Audit")),
            builtIn(
                "rbacEnabled", "Role-Based Access Control (RBAC) should be used on Kubernetes Services",
                "ac4a19c2-fa67-49b4-8ae5-0b2e78c49457", parameters("Audit")),
            builtIn(
                "managedIdentities", "Azure Kubernetes Service Clusters should use managed identities",
                "da6e2401-19da-4532-9141-fb8fbde08431", parameters("Audit")),
            PolicyAssignmentModel(
                key: "ingressTLSDomain", displayName: "Kubernetes ingress TLS hosts must use the ingress domain",
                definitionID: nil, parameters: parameters("deny", ["excludedNamespaces": []])),
        ])
    }

    /// Removes assignments by key, for example `"authorizedIPRangesDefined"` on a private cluster.
    public func excluding(_ keys: String...) -> PolicyPreset {
        PolicyPreset(assignments: assignments.filter { !keys.contains($0.key) })
    }

    /// Adds a built-in policy (or initiative) assignment. `parameters` maps each policy parameter
    /// to its value; it is wrapped in `{ value: … }` as Azure expects.
    public func adding(
        _ key: String, displayName: String, definitionID: String, initiative: Bool = false,
        parameters: [String: Value] = [:]
    ) -> PolicyPreset {
        var copy = self
        copy.assignments.append(
            PolicyAssignmentModel(
                key: key, displayName: displayName, definitionID: definitionID, isInitiative: initiative,
                parameters: .sortedObject(parameters.mapValues { .object(["value": $0]) })))
        return copy
    }

    /// The keys of the assignments, in order.
    public var keys: [String] { assignments.map(\.key) }
}

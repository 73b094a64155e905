package import SlipwayModel

/// The baseline's cluster-stamp features, as modifiers of ``AKSCluster``.
extension AKSCluster {
    /// A Key Vault for the cluster's certificates: RBAC authorization, default deny, public network
    /// access off, soft delete and purge protection, reached through a private endpoint in `subnet`
    /// with the `privatelink.vaultcore.azure.net` zone. `name` is a base name; the naming convention
    /// appends a deterministic suffix.
    public func keyVault(
        _ name: String, privateEndpointIn subnet: SubnetRef, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.addOns.keyVault = KeyVaultModel(
                baseName: name, privateEndpoint: subnet.model, softDeleteRetentionDays: 7,
                site: .site(fileID, filePath, line, column))
        }
    }

    /// The in-cluster ingress controller behind an internal load balancer at `internalLoadBalancerIP`
    /// in `subnet`: the private zone `aks-ingress.<domain>` with an A record `host`, a workload
    /// identity for `namespace/serviceAccount` with read access to the cluster's Key Vault, and the
    /// TLS certificate taken from the secrets vault's `certificateSecret` into that Key Vault.
    ///
    /// `certificateSecret` holds one PEM document: the certificate chain for `*.aks-ingress.<domain>`
    /// and its private key. The cluster stamp copies it into the cluster's vault as the secret
    /// `traefik-ingress-internal-aks-ingress-tls` through ARM (the control plane, which the vault's
    /// firewall does not block), and the controller mounts it through the Secrets Store CSI driver:
    /// nobody imports anything into the private vault by hand.
    public func ingressController(
        domain: String, host: String, internalLoadBalancerIP: String, subnet: SubnetRef, namespace: String,
        serviceAccount: String, certificateSecret: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.addOns.ingress = IngressModel(
                domain: domain, hostName: host, internalLoadBalancerIP: internalLoadBalancerIP, subnet: subnet.model,
                namespace: namespace, serviceAccount: serviceAccount, certificateSecret: certificateSecret,
                site: .site(fileID, filePath, line, column))
        }
    }

    /// A user-assigned identity `name` with a federated credential that trusts tokens whose
    /// subject is `subject` from this cluster's OIDC issuer. A workload's service account uses it
    /// with `Workload.workloadIdentity(_:serviceAccount:)`; its client ID reaches the manifests as
    /// a Flux substitution.
    public func federatedIdentity(
        _ name: String, subject: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.addOns.federatedIdentities.append(
                FederatedIdentityModel(name: name, subject: subject, site: .site(fileID, filePath, line, column)))
        }
    }

    /// A WAF_v2 Application Gateway (OWASP 3.2 and bot manager rules, prevention mode) in `subnet`,
    /// fronted by the spoke's ingress public IP, terminating TLS for `hostName` with the PFX from the
    /// secrets vault's `listenerCertificateSecret`, and forwarding over TLS to the ingress controller,
    /// whose certificate it trusts through `trustedBackendCertificateSecret` (the public part of the
    /// ingress certificate, base64 of its PEM `.crt`, as the reference's `aksIngressControllerCertificate`).
    public func applicationGateway(
        in subnet: SubnetRef, hostName: String, listenerCertificateSecret: String,
        trustedBackendCertificateSecret: String, capacity: ClosedRange<Int> = 0...10, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.addOns.applicationGateway = ApplicationGatewayModel(
                subnet: subnet.model, hostName: hostName, listenerCertificateSecret: listenerCertificateSecret,
                trustedBackendCertificateSecret: trustedBackendCertificateSecret,
                minCapacity: capacity.lowerBound, maxCapacity: capacity.upperBound,
                site: .site(fileID, filePath, line, column))
        }
    }

    /// Lets an Entra group read `namespace` (AKS RBAC Reader on the namespace, Cluster User on the cluster).
    public func namespaceReader(_ namespace: String, group: String) -> AKSCluster {
        with {
            $0.model.addOns.namespaceReaders.append(NamespaceReaderModel(namespace: namespace, groupObjectID: group))
        }
    }

    /// Managed Prometheus: an Azure Monitor workspace, a data collection endpoint and rule, and the
    /// rule's association with the cluster.
    public func managedPrometheus() -> AKSCluster { with { $0.model.addOns.managedPrometheus = true } }

    /// Azure Managed Grafana (Standard, zone-redundant, Entra sign-in only, no API keys) on the
    /// cluster's managed Prometheus metrics: its Azure Monitor workspace is Grafana's data source,
    /// Grafana's managed identity gets Monitoring Data Reader on it, and the Entra groups `admins`
    /// (object IDs) get Grafana Admin. Named `amg-<cluster>` unless `name` is given (2–23
    /// characters, rule AKS024, which also requires ``managedPrometheus()``).
    public func managedGrafana(
        admins: [String], name: String? = nil, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.addOns.managedGrafana = ManagedGrafanaModel(
                name: name ?? "amg-\($0.model.name)", adminGroupObjectIDs: admins,
                site: .site(fileID, filePath, line, column))
        }
    }

    /// An Event Grid system topic for the cluster's events.
    public func eventGridSystemTopic() -> AKSCluster { with { $0.model.addOns.eventGridSystemTopic = true } }

    /// Assigns an Azure Policy preset at the cluster stamp's resource group.
    public func policies(_ preset: PolicyPreset) -> AKSCluster {
        with { $0.model.addOns.policyAssignments = preset.assignments }
    }

    /// Renders an alert preset for the cluster.
    public func alerts(_ preset: AlertPreset) -> AKSCluster { with { $0.model.addOns.alerts = preset.model } }

    /// Cluster autoscaler settings, merged over the baseline's profile.
    public func autoscaler(_ settings: [String: String]) -> AKSCluster {
        with { $0.model.addOns.autoscalerProfile.merge(settings) { _, new in new } }
    }
}

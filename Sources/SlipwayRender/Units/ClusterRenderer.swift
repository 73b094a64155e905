import SlipwayModel

/// `cluster-<name>.bicep`: the cluster stamp. The control-plane identity and its network access,
/// the managed cluster, maintenance window, AcrPull for the kubelet, diagnostics, and Flux.
enum ClusterRenderer {
    /// The name and group of a central API-server zone: the hub's `privatelink.<region>.azmk8s.io`,
    /// or the existing zone. Nil when `.hub` is asked for without a hub (rule NET017 reports it).
    static func centralZone(
        _ zone: APIServerDNSZoneModel, environment: EnvironmentModel
    ) -> (name: String, group: ResourceGroupModel)? {
        switch zone.owner {
        case .hub: environment.hub.map { (environment.apiServerZoneName, $0.resourceGroup) }
        case .existing(let existing): (existing.name, existing.resourceGroup)
        }
    }

    static let autoscalerProfile: [String: String] = [
        "balance-similar-node-groups": "false", "expander": "random", "max-empty-bulk-delete": "10",
        "max-graceful-termination-sec": "600", "max-node-provision-time": "15m", "max-total-unready-percentage": "45",
        "new-pod-scale-up-delay": "0s", "ok-total-unready-count": "3", "scale-down-delay-after-add": "10m",
        "scale-down-delay-after-delete": "20s", "scale-down-delay-after-failure": "3m",
        "scale-down-unneeded-time": "10m", "scale-down-unready-time": "20m",
        "scale-down-utilization-threshold": "0.5", "scan-interval": "10s", "skip-nodes-with-local-storage": "true",
        "skip-nodes-with-system-pods": "true",
    ]

    static func render(_ cluster: ClusterModel, context: RenderContext) -> BicepTemplate {
        var unit = UnitTemplate(context: context, resourceGroup: cluster.resourceGroup)
        let environment = context.environment
        let addOns = cluster.addOns
        let clusterName = unit.bicep.parameter(
            "clusterName", .string, "The name of the managed cluster.", value: .string(cluster.name))
        // With an auto-upgrade channel AKS moves the patch (or minor) itself; a pinned patch in the
        // parameters would ask for a downgrade on the next deployment, so only MAJOR.MINOR is rendered.
        let version = unit.bicep.parameter(
            "kubernetesVersion", .string,
            cluster.autoUpgrades
                ? "The Kubernetes minor of the control plane and every node pool; the '\(cluster.upgradeChannel)' channel picks the patch."
                : "The Kubernetes version of the control plane and every node pool.",
            value: .string(cluster.renderedKubernetesVersion))
        let diagnosticsWorkspace = cluster.diagnosticsWorkspace ?? environment.diagnosticsWorkspace
        let spoke = cluster.nodeSubnet.flatMap { context.environment.spoke(named: $0.spoke) }

        let controlPlane = ClusterSecurityRendering.identity(
            "controlPlaneIdentity", name: .expression("'mi-${\(clusterName.expressionText)}-controlplane'"),
            unit: &unit)

        var nodeSubnetID: Value = .null
        var apiSubnetID: Value?
        var clusterDependsOn: [String] = []
        if let reference = cluster.nodeSubnet, let spoke {
            let nodes = unit.existingSubnet(network: spoke.name, subnet: reference.subnet, in: spoke.resourceGroup)
            nodeSubnetID = .expression("\(nodes).id")
            var managed: [Value] = [.string(reference.subnet)]
            if let api = cluster.apiServer.subnet, api.spoke == spoke.name {
                let apiSubnet = unit.existingSubnet(network: spoke.name, subnet: api.subnet, in: spoke.resourceGroup)
                apiSubnetID = .expression("\(apiSubnet).id")
                managed.append(.string(api.subnet))
            }
            if let ingress = addOns.ingress, ingress.subnet.spoke == spoke.name {
                managed.append(.string(ingress.subnet.subnet))
            }
            // Pod subnets (dynamic IP allocation): the control plane joins pods' interfaces to them.
            for pod in Set(cluster.nodePools.compactMap(\.podSubnet)).sorted(by: { $0.subnet < $1.subnet })
            where pod.spoke == spoke.name && !managed.contains(.string(pod.subnet)) {
                managed.append(.string(pod.subnet))
            }
            // A central API-server zone: AKS also needs Network Contributor on the spoke VNet.
            var vnetRoles: [Value] =
                cluster.apiServer.privateCluster ? [.string(BuiltInRole.privateDNSZoneContributor)] : []
            if cluster.apiServer.privateCluster, cluster.apiServer.dnsZone != nil {
                vnetRoles.append(.string(BuiltInRole.networkContributor))
            }
            unit.bicep.add(
                BicepModule(
                    "controlPlaneNetworkAccess", path: "modules/\(ModuleTemplates.clusterNetworkAccessFile)",
                    name: .expression("take('network-access-${\(clusterName.expressionText)}', 64)"),
                    scope: RenderContext.scope(spoke.resourceGroup),
                    parameters: [
                        .init("vnetName", .expression(unit.networkNameParameter(spoke.name))),
                        .init("subnetNames", .array(managed)),
                        .init("principalId", .expression("\(controlPlane).properties.principalId")),
                        .init("vnetRoleDefinitionIds", .array(vnetRoles)),
                    ]))
            clusterDependsOn.append("controlPlaneNetworkAccess")
        }

        // The cluster's Key Vault, the certificates it holds, and the identities that read them.
        var keyVaultReaders: [String] = []
        var keyVaultReachable: [String] = []
        if let vault = addOns.keyVault {
            keyVaultReachable = ClusterSecurityRendering.keyVault(
                vault, cluster: cluster, network: spoke?.name, unit: &unit)
            clusterDependsOn.append("keyVaultPrivateEndpoint")
            if let ingress = addOns.ingress {
                ClusterSecurityRendering.secret(
                    "ingressTlsSecret", name: IngressControllerManifests.certificateName,
                    parameter: "ingressTlsCertificate",
                    description:
                        "The ingress controller's certificate chain and private key (one PEM document), from the secrets vault.",
                    sourceSecret: ingress.certificateSecret, contentType: "application/x-pem-file", unit: &unit)
            }
            if let gateway = addOns.applicationGateway {
                ClusterSecurityRendering.secret(
                    "applicationGatewayListenerSecret", name: "gateway-external-pfx-cert",
                    parameter: "applicationGatewayListenerCertificate",
                    description: "The Application Gateway listener's PFX (base64), from the secrets vault.",
                    sourceSecret: gateway.listenerCertificateSecret, contentType: "application/x-pkcs12", unit: &unit)
                ClusterSecurityRendering.secret(
                    "applicationGatewayBackendRootSecret", name: "appgw-ingress-internal-aks-ingress-tls",
                    parameter: "applicationGatewayTrustedBackendCertificate",
                    description:
                        "The ingress certificate's public part (base64 of its PEM .crt) that the gateway trusts, from the secrets vault.",
                    sourceSecret: gateway.trustedBackendCertificateSecret, contentType: "application/x-x509-ca-cert",
                    unit: &unit)
            }
        }
        if let ingress = addOns.ingress {
            let identity = ClusterIngressRendering.ingress(ingress, network: spoke?.name, unit: &unit)
            if addOns.keyVault != nil {
                keyVaultReaders = ClusterSecurityRendering.keyVaultAccess(for: identity, unit: &unit)
                clusterDependsOn += keyVaultReaders
            }
        }

        // Federated identities for workloads; those whose workloads mount secrets read the vault.
        let secretReaders = Set(
            environment.workloads.filter { $0.cluster == cluster.name && !$0.secrets.isEmpty }.compactMap(\.identity))
        let identityAccess = ClusterIdentityRendering.add(
            addOns.federatedIdentities, readingKeyVault: addOns.keyVault == nil ? [] : secretReaders, unit: &unit)

        // Pools on the control plane's version go in agentPoolProfiles; a pool with its own version
        // is an agentPools resource after the cluster (ARM refuses profiles in which only some
        // pools differ: "please use per agent pool operations").
        let pools = environment.profilePools(of: cluster).map { pool in
            agentPool(pool, unit: &unit, subnet: nodeSubnetID, version: version)
        }
        let monitoring = cluster.monitoringWorkspace.flatMap { unit.workspace($0) }
        var addons: [Value.Field] = [
            .init("azurepolicy", .object(["enabled": true, "config": .object(["version": "v2"])])),
            .init(
                "azureKeyvaultSecretsProvider",
                .object([
                    "enabled": true, "config": .object(["enableSecretRotation": "true", "rotationPollInterval": "2m"]),
                ])),
        ]
        if let monitoring {
            addons.insert(
                .init(
                    "omsagent",
                    .object([
                        "enabled": true,
                        "config": .object([
                            "logAnalyticsWorkspaceResourceID": .expression("\(monitoring).id"), "useAADAuth": "true",
                        ]),
                    ])), at: 0)
        }
        for disabled in [
            "httpApplicationRouting", "ingressApplicationGateway", "aciConnectorLinux", "openServiceMesh",
            "kubeDashboard",
        ] {
            addons.append(.init(disabled, .object(["enabled": false])))
        }
        let network = networkProfile(cluster.network, unit: &unit)
        var apiAccess: [Value.Field] = []
        if cluster.apiServer.privateCluster {
            if let central = cluster.apiServer.dnsZone,
                let (zoneName, group) = centralZone(central, environment: environment)
            {
                // A central zone (the hub's or another team's): the zone's group grants the control
                // plane identity and links the spoke, in a module.
                _ = unit.existing(
                    "apiServerPrivateDnsZone", "Microsoft.Network/privateDnsZones", name: .string(zoneName), in: group)
                var linked: Value = ""
                if central.linksSpoke, let spoke {
                    linked = .expression("\(unit.existingNetwork(spoke.name, in: spoke.resourceGroup)).id")
                }
                unit.bicep.add(
                    BicepModule(
                        "apiServerZoneAccess", path: "modules/\(ModuleTemplates.apiServerZoneAccessFile)",
                        name: .expression("take('dns-zone-access-${\(clusterName.expressionText)}', 64)"),
                        scope: RenderContext.scope(group),
                        parameters: [
                            .init("zoneName", .string(zoneName)),
                            .init("principalId", .expression("\(controlPlane).properties.principalId")),
                            .init("linkedVnetId", linked),
                        ]))
                clusterDependsOn.append("apiServerZoneAccess")
            } else {
                // The API server's private zone is brought by the stamp, linked to the spoke, and
                // managed by the control plane identity.
                unit.addPrivateDNSZone(
                    "apiServerPrivateDnsZone", name: .string(environment.apiServerZoneName),
                    linkedTo: [spoke?.name].compactMap { $0 })
                unit.bicep.add(
                    ModuleTemplates.roleAssignment(
                        "apiServerZoneContributor", scope: "apiServerPrivateDnsZone",
                        role: BuiltInRole.privateDNSZoneContributor, for: .identity(controlPlane)))
                clusterDependsOn.append("apiServerZoneContributor")
            }
            apiAccess += [
                .init("enablePrivateCluster", true),
                .init("enablePrivateClusterPublicFQDN", true),
                .init("privateDNSZone", .expression("apiServerPrivateDnsZone.id")),
            ]
            if let apiSubnetID {
                apiAccess += [.init("enableVnetIntegration", true), .init("subnetId", apiSubnetID)]
            }
            // Run command (`az aks command invoke`) reaches a private API server through ARM. It
            // stays off, as in the reference, unless a push-delivered workload's pipeline deploys
            // through it from a GitHub-hosted runner, which cannot reach the API server otherwise.
            apiAccess.append(.init("disableRunCommand", .bool(!cluster.deploysWithRunCommand(in: environment))))
        } else {
            let ranges = unit.bicep.parameter(
                "authorizedIPRanges", .array, "CIDR ranges allowed to reach the public API server.",
                value: .array(cluster.apiServer.authorizedIPRanges.map { .string($0) }))
            apiAccess += [.init("authorizedIPRanges", ranges), .init("enablePrivateCluster", false)]
        }
        let adminGroups = unit.bicep.parameter(
            "clusterAdminGroupObjectIds", .array, "Entra groups granted the AKS RBAC Cluster Admin role.",
            value: .array(cluster.adminGroupObjectIDs.map { .string($0) }))
        // Azure RBAC for Kubernetes works only when the cluster's Entra tenant is the subscription's.
        // As in the reference, a cluster authorised by another tenant falls back to Kubernetes RBAC
        // with the admin groups, and the Azure role assignments for them are not deployed.
        var azureRBAC: Value = .bool(cluster.azureRBAC)
        var aad: [Value.Field] = [.init("managed", true)]
        if let tenant = cluster.entraTenantID {
            let tenantID = unit.bicep.parameter(
                "entraTenantId", .string, "The Entra ID tenant that authorizes access to the cluster API.",
                value: .string(tenant))
            if cluster.azureRBAC {
                azureRBAC = unit.bicep.variable(
                    "isUsingAzureRBAC", .expression("subscription().tenantId == \(tenantID.expressionText)"))
            }
            aad.append(.init("tenantID", tenantID))
        }
        aad.insert(.init("enableAzureRBAC", azureRBAC), at: 1)
        if case .expression(let condition) = azureRBAC {
            aad.append(.init("adminGroupObjectIDs", .expression("\(condition) ? [] : \(adminGroups.expressionText)")))
        } else if !cluster.azureRBAC {
            aad.append(.init("adminGroupObjectIDs", adminGroups))
        }

        var securityProfile: [Value.Field] = [
            .init("workloadIdentity", .object(["enabled": .bool(cluster.workloadIdentity)])),
            .init("imageCleaner", .object(["enabled": true, "intervalHours": 120])),
            .init("azureKeyVaultKms", .object(["enabled": false])),
        ]
        if monitoring != nil {
            let defender = defenderWorkspace(clusterName: clusterName, unit: &unit)
            securityProfile.append(
                .init(
                    "defender",
                    .object([
                        "logAnalyticsWorkspaceResourceId": .expression("\(defender).id"),
                        "securityMonitoring": .object(["enabled": true]),
                    ])))
        }

        let windows = windowsProfile(cluster, unit: &unit)
        var properties: [Value.Field] = [
            .init("kubernetesVersion", version),
            .init(
                "dnsPrefix",
                .expression("'${\(clusterName.expressionText)}-${\(context.uniqueSuffix(in: cluster.resourceGroup))}'")),
            .init("nodeResourceGroup", .expression("'rg-${\(clusterName.expressionText)}-nodepools'")),
            .init("enableRBAC", true),
            .init("disableLocalAccounts", .bool(cluster.disableLocalAccounts)),
            .init("agentPoolProfiles", .array(pools)),
            .init(
                "autoScalerProfile",
                .sortedObject(
                    autoscalerProfile.merging(addOns.autoscalerProfile) { _, new in new }.mapValues { .string($0) })),
            .init("addonProfiles", .object(addons)),
            .init("networkProfile", network),
            .init("apiServerAccessProfile", .object(apiAccess)),
            .init("aadProfile", cluster.entraIntegration ? .object(aad) : .null),
            .init("oidcIssuerProfile", .object(["enabled": true])),
            .init("securityProfile", .object(securityProfile)),
            .init(
                "autoUpgradeProfile",
                .object([
                    "upgradeChannel": .string(cluster.upgradeChannel),
                    "nodeOSUpgradeChannel": .string(cluster.nodeOSUpgradeChannel),
                ])),
            .init(
                "azureMonitorProfile",
                .object([
                    "metrics": .object([
                        "enabled": true,
                        "kubeStateMetrics": .object(["metricAnnotationsAllowList": "", "metricLabelsAllowlist": ""]),
                    ])
                ])),
            .init("workloadAutoScalerProfile", .object(["keda": .object(["enabled": false])])),
            .init("ingressProfile", .object(["webAppRouting": .object(["enabled": false])])),
            .init(
                "storageProfile",
                .object([
                    // Off, as in the reference: the baseline runs no stateful workloads. Turn one on
                    // with .property("properties.storageProfile.diskCSIDriver.enabled", true).
                    "blobCSIDriver": .object(["enabled": false]), "diskCSIDriver": .object(["enabled": false]),
                    "fileCSIDriver": .object(["enabled": false]), "snapshotController": .object(["enabled": false]),
                ])),
        ]
        if addOns.costAnalysis != nil {
            properties.append(.init("metricsProfile", .object(["costAnalysis": .object(["enabled": true])])))
        }
        if windows != .null {
            let after = (properties.firstIndex { $0.key == "securityProfile" } ?? properties.count - 1) + 1
            properties.insert(.init("windowsProfile", windows), at: after)
        }
        unit.bicep.add(
            BicepResource(
                "cluster", "Microsoft.ContainerService/managedClusters",
                body: unit.head(name: clusterName) + [
                    .init("sku", .object(["name": "Base", "tier": .string(cluster.skuTier.rawValue)])),
                    .init(
                        "identity",
                        .object([
                            "type": "UserAssigned",
                            "userAssignedIdentities": .object([
                                .init("${controlPlaneIdentity.id}", .object([Value.Field]()))
                            ]),
                        ])),
                    .init("properties", .object(properties)),
                ],
                dependsOn: clusterDependsOn))
        unit.apply(cluster.overrides, to: "cluster")

        // Pools with their own version upgrade one at a time, after the cluster: AKS refuses a pool
        // operation while another runs on the same cluster (Azure/AKS#2880).
        var previousPool: String?
        // A pool that once was its own resource stays one (see EnvironmentModel.deploysOwnResource);
        // when it follows the control plane it carries the cluster's version parameter.
        for pool in environment.ownResourcePools(of: cluster) {
            let prefix = symbol(pool.name)
            let poolVersion =
                cluster.followsControlPlane(pool)
                ? version
                : unit.bicep.parameter(
                    "\(prefix)KubernetesVersion", .string,
                    "The Kubernetes version of node pool '\(pool.name)', which differs from the control plane's.",
                    value: .string(pool.orchestratorVersion ?? cluster.kubernetesVersion))
            guard case .object(let fields) = agentPool(pool, unit: &unit, subnet: nodeSubnetID, version: poolVersion)
            else { continue }
            unit.bicep.add(
                BicepResource(
                    "\(prefix)Pool", "Microsoft.ContainerService/managedClusters/agentPools",
                    body: [
                        .init("parent", .expression("cluster")),
                        .init("name", .string(pool.name)),
                        .init("properties", .object(fields.filter { $0.key != "name" })),
                    ],
                    dependsOn: previousPool.map { [$0] } ?? []))
            previousPool = "\(prefix)Pool"
        }

        // Each enabled channel gets its own schedule, in its declared window.
        for schedule in cluster.maintenanceSchedules {
            guard let window = cluster.window(of: schedule) else { continue }
            unit.bicep.add(
                BicepResource(
                    schedule == .nodeOS ? "nodeOSMaintenance" : "autoUpgradeMaintenance",
                    "Microsoft.ContainerService/managedClusters/maintenanceConfigurations",
                    body: [
                        .init("parent", .expression("cluster")),
                        .init("name", .string(schedule.rawValue)),
                        .init("properties", .object(["maintenanceWindow": maintenanceWindow(window)])),
                    ]))
        }

        if cluster.azureRBAC && cluster.entraIntegration {
            let rbacCondition: String? = if case .expression(let name) = azureRBAC { name } else { nil }
            var admins = ModuleTemplates.roleAssignment(
                "clusterAdminRoleAssignments", scope: "cluster", role: BuiltInRole.aksRBACClusterAdmin,
                for: .group("\(adminGroups.expressionText)[i]"))
            admins.loop = ("i", "length(\(adminGroups.expressionText))")
            admins.condition = rbacCondition
            unit.bicep.add(admins)
            var users = ModuleTemplates.roleAssignment(
                "clusterAdminUserRoleAssignments", scope: "cluster", role: BuiltInRole.aksClusterUser,
                for: .group("\(adminGroups.expressionText)[i]"))
            users.loop = ("i", "length(\(adminGroups.expressionText))")
            users.condition = rbacCondition
            unit.bicep.add(users)
            for (index, reader) in addOns.namespaceReaders.enumerated() {
                let namespace = "\(symbol(reader.namespace))Namespace"
                let group = unit.bicep.parameter(
                    "\(symbol(reader.namespace))ReaderGroupObjectId", .string,
                    "The Entra group that may read namespace '\(reader.namespace)'.",
                    value: .string(reader.groupObjectID))
                unit.bicep.add(
                    BicepResource(
                        namespace, "Microsoft.ContainerService/managedClusters/namespaces", existing: true,
                        body: [.init("parent", .expression("cluster")), .init("name", .string(reader.namespace))]))
                var reads = ModuleTemplates.roleAssignment(
                    "\(namespace)Reader\(index)", scope: namespace, role: BuiltInRole.aksRBACReader,
                    for: .group(group.expressionText))
                reads.condition = rbacCondition
                unit.bicep.add(reads)
                var signsIn = ModuleTemplates.roleAssignment(
                    "\(namespace)ClusterUser\(index)", scope: "cluster", role: BuiltInRole.aksClusterUser,
                    for: .group(group.expressionText))
                signsIn.condition = rbacCondition
                unit.bicep.add(signsIn)
            }
        }

        // The kubelet identity manages the node pools' scale sets in the node resource group.
        unit.bicep.add(
            BicepModule(
                "kubeletNodeResourceGroupAccess", path: "modules/\(ModuleTemplates.nodeResourceGroupAccessFile)",
                name: .expression("take('node-access-${\(clusterName.expressionText)}', 64)"),
                scope: .expression("resourceGroup('rg-${\(clusterName.expressionText)}-nodepools')"),
                parameters: [
                    .init("principalId", .expression("cluster.properties.identityProfile.kubeletidentity.objectId"))
                ]))

        var fluxDependsOn = ["fluxExtension"]
        if let registryName = cluster.registry,
            let registry = environment.registry(named: registryName)
        {
            unit.bicep.add(
                BicepModule(
                    "kubeletRegistryPullAccess", path: "modules/\(ModuleTemplates.registryPullAccessFile)",
                    name: .expression("take('acr-pull-${\(clusterName.expressionText)}', 64)"),
                    scope: RenderContext.scope(environment.registryResourceGroup),
                    parameters: [
                        .init("registryName", registryNameValue(registry, unit: &unit)),
                        .init(
                            "principalId", .expression("cluster.properties.identityProfile.kubeletidentity.objectId")),
                    ]))
            fluxDependsOn.append("kubeletRegistryPullAccess")
        }

        unit.diagnostics(
            on: "cluster", logs: ["cluster-autoscaler", "kube-controller-manager", "kube-audit-admin", "guard"],
            metrics: false, to: diagnosticsWorkspace)

        // A workspace that accepts data only through the environment's private link scope: the
        // agents reach Azure Monitor through data collection endpoints in that scope.
        let privateScope = environment.monitorPrivateLink(of: cluster)
        if let monitoring {
            ClusterMonitoringRendering.containerInsights(
                workspace: monitoring, clusterName: clusterName, throughPrivateLink: privateScope != nil, unit: &unit)
            ClusterMonitoringRendering.queryPack(unit: &unit)
        }
        if addOns.managedPrometheus {
            ClusterMonitoringRendering.managedPrometheus(
                clusterName: clusterName, workspace: diagnosticsWorkspace.flatMap { unit.workspace($0) }, unit: &unit)
            if let grafana = addOns.managedGrafana {
                ClusterMonitoringRendering.managedGrafana(grafana, workspace: diagnosticsWorkspace, unit: &unit)
            }
        }
        if let privateScope {
            // Every data collection rule the cluster's agents use has its endpoint in the scope.
            let endpoints = ["containerInsightsEndpoint", "prometheusEndpoint"].filter { unit.bicep.hasResource($0) }
            MonitorPrivateLinkRendering.addMembers(
                endpoints, clusterName: clusterName, scope: privateScope, unit: &unit)
        }
        if let alerts = addOns.alerts {
            // modules/alerts-<cluster>.bicep, as the reference's modules/alerts.bicep.
            let prometheus = unit.bicep.hasResource("monitorWorkspace")
            unit.addModule(
                "alerts", file: "alerts-\(cluster.name).bicep",
                deploymentName: .expression("take('alerts-${\(clusterName.expressionText)}', 64)"),
                // The workspace's name as the cluster template writes it (not `monitorWorkspace.name`),
                // so the deploy order sees the module read what this unit creates; the dependency is explicit.
                arguments: prometheus
                    ? ["monitorWorkspaceName": ClusterMonitoringRendering.monitorWorkspaceName(clusterName)] : [:],
                dependsOn: prometheus ? ["cluster", "monitorWorkspace"] : ["cluster"]
            ) { module in
                let name = module.bicep.parameter(
                    "clusterName", .string, "The name of the managed cluster.", value: .string(cluster.name))
                _ = module.existing(
                    "cluster", "Microsoft.ContainerService/managedClusters", name: name, in: module.resourceGroup)
                if prometheus {
                    let workspaceName = module.bicep.parameter(
                        "monitorWorkspaceName", .string, "The Azure Monitor workspace of the cluster's metrics.",
                        value: .null)
                    _ = module.existing(
                        "monitorWorkspace", "Microsoft.Monitor/accounts", name: workspaceName, in: module.resourceGroup)
                }
                let workspace = cluster.monitoringWorkspace.flatMap { module.workspace($0) }
                ClusterMonitoringRendering.alerts(alerts, clusterName: name, workspace: workspace, unit: &module)
            }
        }
        if addOns.eventGridSystemTopic {
            ClusterMonitoringRendering.systemTopic(
                clusterName: clusterName, workspace: diagnosticsWorkspace, unit: &unit)
        }
        if let gateway = addOns.applicationGateway, let ingress = addOns.ingress, addOns.keyVault != nil {
            ClusterIngressRendering.applicationGateway(
                gateway, ingress: ingress, clusterName: clusterName, spoke: spoke,
                dependsOn: keyVaultReachable, unit: &unit)
        }
        if !addOns.policyAssignments.isEmpty {
            let registry = cluster.registry.flatMap { name in environment.registry(named: name) }
            let registryName = registry.map { registryNameValue($0, unit: &unit) }
            var arguments: [String: Value] = [:]
            if let registryName { arguments["registryName"] = registryName }
            // The custom ingress-domain definition is deployed at subscription scope by its own
            // module, called here; the policies module assigns it.
            if addOns.policyAssignments.contains(where: { $0.definitionID == nil }), addOns.ingress != nil {
                unit.bicep.add(
                    BicepModule(
                        "ingressDomainPolicyDefinition", path: "modules/\(ModuleTemplates.ingressDomainPolicyFile)",
                        name: .expression("take('policy-ingress-tls-domain-${\(clusterName.expressionText)}', 64)"),
                        scope: .expression("subscription()"), parameters: []))
                arguments[PolicyRendering.customDefinitionParameter] = .expression(
                    "ingressDomainPolicyDefinition.outputs.policyId")
            }
            // modules/policies-<cluster>.bicep, as the reference's modules/policies.bicep; the
            // cluster waits for its policies, as before.
            unit.addModule(
                "policies", file: "policies-\(cluster.name).bicep",
                deploymentName: .expression("take('policies-${\(clusterName.expressionText)}', 64)"),
                arguments: arguments
            ) { module in
                let name = module.bicep.parameter(
                    "clusterName", .string, "The name of the managed cluster.", value: .string(cluster.name))
                let registry = registryName.map { _ in
                    module.bicep.parameter(
                        "registryName", .string, "The name of the registry the cluster pulls images from.",
                        value: .null)
                }
                PolicyRendering.add(
                    addOns.policyAssignments, cluster: cluster, clusterName: name, registryName: registry,
                    unit: &module)
            }
            unit.bicep.modifyResource("cluster") { $0.dependsOn += ["policies"] }
        }

        if let flux = cluster.flux {
            FluxRendering.add(flux, cluster: cluster, unit: &unit, dependsOn: fluxDependsOn + identityAccess)
        }
        unit.addRawResources(for: .cluster(cluster.name))
        unit.bicep.add(BicepOutput("aksClusterName", .string, .expression("cluster.name")))
        unit.bicep.add(
            BicepOutput("oidcIssuerUrl", .string, .expression("cluster.properties.oidcIssuerProfile.issuerURL")))
        return unit.bicep
    }

    /// Defender for Containers' own workspace. Its publisher pods still authenticate with workspace
    /// keys (Azure/Microsoft-Defender-for-Cloud#1010: they crash against a workspace with
    /// `disableLocalAuth`), so this workspace keeps local authentication on, and the monitoring
    /// workspace, which every other agent reaches with Entra ID, keeps it off.
    static func defenderWorkspace(clusterName: Value, unit: inout UnitTemplate) -> String {
        unit.bicep.add(
            BicepResource(
                "defenderWorkspace", "Microsoft.OperationalInsights/workspaces",
                description:
                    "Defender for Containers only: local authentication stays on because its publisher pods use workspace keys (Azure/Microsoft-Defender-for-Cloud#1010).",
                body: unit.head(name: .expression("'la-${\(clusterName.expressionText)}-defender'")) + [
                    .init(
                        "properties",
                        .object([
                            "sku": .object(["name": "PerGB2018"]),
                            "retentionInDays": 30,
                            "features": .object([
                                "disableLocalAuth": false, "enableLogAccessUsingOnlyResourcePermissions": true,
                            ]),
                            "publicNetworkAccessForIngestion": "Enabled",
                            "publicNetworkAccessForQuery": "Enabled",
                        ]))
                ]))
        unit.diagnostics(
            on: "defenderWorkspace", logs: ["Audit", "SummaryLogs"], metrics: true,
            to: unit.context.environment.diagnosticsWorkspace)
        return "defenderWorkspace"
    }

    static func maintenanceWindow(_ window: MaintenanceWindowModel) -> Value {
        .object([
            "durationHours": .int(window.durationHours),
            "schedule": .object(["weekly": .object(["dayOfWeek": .string(window.dayOfWeek), "intervalWeeks": 1])]),
            "startTime": .string(window.startTime),
            "utcOffset": .string(window.utcOffset),
        ])
    }

    /// The registry's name as this template computes it (same suffix as the registry stamp).
    static func registryNameValue(_ registry: RegistryModel, unit: inout UnitTemplate) -> Value {
        let base = unit.bicep.parameter(
            RegistryRenderer.nameParameter(registry, in: unit.context.environment), .string,
            registry.uniqueSuffix
                ? "The base name of registry '\(registry.name)'; the naming convention appends a deterministic suffix."
                : "The name of registry '\(registry.name)'.",
            value: .string(registry.name))
        guard registry.uniqueSuffix else { return base }
        let suffix = unit.context.uniqueSuffix(in: unit.context.environment.registryResourceGroup)
        return unit.bicep.variable(
            symbol(registry.name, "registry", "full", "name"), .expression("'${\(base.expressionText)}${\(suffix)}'"))
    }

    /// The Windows nodes' administrator when the cluster has a Windows pool: the password is a
    /// secure parameter whose value is a Key Vault reference to the secrets vault.
    static func windowsProfile(_ cluster: ClusterModel, unit: inout UnitTemplate) -> Value {
        guard cluster.nodePools.contains(where: \.isWindows), let admin = cluster.windowsAdmin else { return .null }
        let username = unit.bicep.parameter(
            "windowsAdminUsername", .string, "The administrator of the Windows nodes.", value: .string(admin.username))
        let password = unit.bicep.parameter(
            "windowsAdminPassword", .string, "The Windows nodes' administrator password, from the secrets vault.",
            value: .null, secure: true,
            keyVaultSecret: KeyVaultSecret(
                vaultID: unit.context.environment.secretsVaultID ?? "", secretName: admin.passwordSecret))
        return .object([
            "adminUsername": username, "adminPassword": password, "enableCSIProxy": true,
        ])
    }

    static func agentPool(_ pool: NodePoolModel, unit: inout UnitTemplate, subnet: Value, version: Value) -> Value {
        let prefix = symbol(pool.name)
        let vmSize = unit.bicep.parameter(
            "\(prefix)VmSize", .string, "The VM size of node pool '\(pool.name)'.", value: .string(pool.vmSize))
        let minCount = unit.bicep.parameter(
            "\(prefix)MinCount", .int, "The fewest nodes of pool '\(pool.name)'.", value: .int(pool.minCount))
        let maxCount = unit.bicep.parameter(
            "\(prefix)MaxCount", .int, "The most nodes of pool '\(pool.name)'.", value: .int(pool.maxCount))
        let maxPods = unit.bicep.parameter(
            "\(prefix)MaxPods", .int, "Pods per node in pool '\(pool.name)'.", value: .int(pool.maxPods))
        var fields: [Value.Field] = [
            .init("name", .string(pool.name)),
            .init("mode", .string(pool.mode)),
            .init("vmSize", vmSize),
            .init("count", minCount),
            .init("minCount", minCount),
            .init("maxCount", maxCount),
            .init("enableAutoScaling", true),
            .init("maxPods", maxPods),
            .init("osType", .string(pool.osType)),
            .init("osSKU", .string(pool.osSKU)),
            .init("osDiskSizeGB", .int(pool.osDiskSizeGB)),
            .init("osDiskType", .string(pool.osDiskType)),
            .init("type", "VirtualMachineScaleSets"),
            .init("vnetSubnetID", subnet),
            .init("availabilityZones", .array(pool.zones.map { .string($0) })),
            .init("orchestratorVersion", version),
            .init("enableNodePublicIP", false),
            .init("scaleSetPriority", .string(pool.priority)),
            .init("scaleSetEvictionPolicy", "Delete"),
            .init("upgradeSettings", upgradeSettings(pool)),
        ]
        if let price = pool.spotMaxPrice {
            // Bicep has no decimal literals: a fractional price goes through json().
            fields.append(
                .init(
                    "spotMaxPrice",
                    price == price.rounded() ? .int(Int(price)) : .expression("json('\(price)')")))
        }
        if let pods = pool.podSubnet, let spoke = unit.context.environment.spoke(named: pods.spoke) {
            let podSubnet = unit.existingSubnet(network: spoke.name, subnet: pods.subnet, in: spoke.resourceGroup)
            fields.append(.init("podSubnetID", .expression("\(podSubnet).id")))
        }
        if !pool.taints.isEmpty { fields.append(.init("nodeTaints", .array(pool.taints.map { .string($0) }))) }
        if !pool.labels.isEmpty {
            fields.append(.init("nodeLabels", .sortedObject(pool.labels.mapValues { .string($0) })))
        }
        return .object(fields)
    }

    /// `maxSurge` (or `maxSurge: '0'` with `maxUnavailable`), drain timeout and node soak.
    static func upgradeSettings(_ pool: NodePoolModel) -> Value {
        var fields: [Value.Field] = []
        if let drain = pool.drainTimeoutInMinutes { fields.append(.init("drainTimeoutInMinutes", .int(drain))) }
        fields.append(.init("maxSurge", .string(pool.maxSurge)))
        if let unavailable = pool.maxUnavailable { fields.append(.init("maxUnavailable", .string(unavailable))) }
        if let soak = pool.nodeSoakDurationInMinutes {
            fields.append(.init("nodeSoakDurationInMinutes", .int(soak)))
        }
        return .object(fields)
    }

    static func networkProfile(_ network: ClusterNetworkModel, unit: inout UnitTemplate) -> Value {
        var fields: [Value.Field] = [
            .init("networkPlugin", .string(network.plugin))
        ]
        if let mode = network.pluginMode { fields.append(.init("networkPluginMode", .string(mode))) }
        fields.append(.init("networkPolicy", .string(network.policy.rawValue)))
        if let dataplane = network.dataplane { fields.append(.init("networkDataplane", .string(dataplane))) }
        if let pod = network.podCIDR {
            fields.append(
                .init(
                    "podCidr",
                    unit.bicep.parameter("podCidr", .string, "The overlay pod address range.", value: .string(pod.text))
                ))
        }
        fields += [
            .init(
                "serviceCidr",
                unit.bicep.parameter(
                    "serviceCidr", .string, "The Kubernetes service address range.",
                    value: .string(network.serviceCIDR.text)
                )),
            .init(
                "dnsServiceIP",
                unit.bicep.parameter(
                    "dnsServiceIP", .string, "The cluster DNS service address, inside the service range.",
                    value: .string(network.dnsServiceIP))),
            .init("outboundType", .string(network.outboundType.rawValue)),
            .init("loadBalancerSku", "standard"),
        ]
        return .object(fields)
    }
}

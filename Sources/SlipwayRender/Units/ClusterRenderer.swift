import SlipwayModel

/// `cluster-<name>.bicep`: the cluster stamp. The control-plane identity and its network access,
/// the managed cluster, maintenance window, AcrPull for the kubelet, diagnostics, and Flux.
enum ClusterRenderer {
    static func render(_ cluster: ClusterModel, context: RenderContext) -> BicepTemplate {
        var unit = UnitTemplate(context: context, resourceGroup: cluster.resourceGroup)
        let environment = context.environment
        let clusterName = unit.bicep.parameter(
            "clusterName", .string, "The name of the managed cluster.", value: .string(cluster.name))
        let version = unit.bicep.parameter(
            "kubernetesVersion", .string, "The Kubernetes version of the control plane and every node pool.",
            value: .string(cluster.kubernetesVersion))

        unit.bicep.add(
            BicepResource(
                "controlPlaneIdentity", "Microsoft.ManagedIdentity/userAssignedIdentities",
                body: unit.head(name: .expression("'mi-${\(clusterName.expressionText)}-controlplane'"))))

        var nodeSubnetID: Value = .null
        var apiSubnetID: Value?
        var clusterDependsOn: [String] = []
        if let reference = cluster.nodeSubnet, let spoke = context.spoke(named: reference.spoke) {
            let nodes = unit.existingSubnet(network: spoke.name, subnet: reference.subnet, in: spoke.resourceGroup)
            nodeSubnetID = .expression("\(nodes).id")
            var managed: [Value] = [.string(reference.subnet)]
            if let api = cluster.apiServer.subnet, api.spoke == spoke.name {
                let apiSubnet = unit.existingSubnet(network: spoke.name, subnet: api.subnet, in: spoke.resourceGroup)
                apiSubnetID = .expression("\(apiSubnet).id")
                managed.append(.string(api.subnet))
            }
            unit.bicep.modules.append(
                BicepModule(
                    "controlPlaneNetworkAccess", path: "modules/\(ModuleTemplates.clusterNetworkAccessFile)",
                    name: .expression("take('network-access-${\(clusterName.expressionText)}', 64)"),
                    scope: RenderContext.scope(spoke.resourceGroup),
                    parameters: [
                        .init("vnetName", .expression(symbol(spoke.name, "name"))),
                        .init("subnetNames", .array(managed)),
                        .init("principalId", .expression("controlPlaneIdentity.properties.principalId")),
                    ]))
            clusterDependsOn.append("controlPlaneNetworkAccess")
        }

        let pools = cluster.nodePools.map { pool in agentPool(pool, unit: &unit, subnet: nodeSubnetID, version: version)
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
        let network = networkProfile(cluster.network, unit: &unit)
        var apiAccess: [Value.Field] = []
        if cluster.apiServer.privateCluster {
            apiAccess += [
                .init("enablePrivateCluster", true),
                .init("enablePrivateClusterPublicFQDN", true),
                .init("privateDNSZone", "system"),
            ]
            if let apiSubnetID {
                apiAccess += [.init("enableVnetIntegration", true), .init("subnetId", apiSubnetID)]
            }
            apiAccess.append(.init("disableRunCommand", true))
        } else {
            let ranges = unit.bicep.parameter(
                "authorizedIPRanges", .array, "CIDR ranges allowed to reach the public API server.",
                value: .array(cluster.apiServer.authorizedIPRanges.map { .string($0) }))
            apiAccess += [.init("authorizedIPRanges", ranges), .init("enablePrivateCluster", false)]
        }
        var aad: [Value.Field] = [.init("managed", true), .init("enableAzureRBAC", .bool(cluster.azureRBAC))]
        if let tenant = cluster.entraTenantID {
            aad.append(
                .init(
                    "tenantID",
                    unit.bicep.parameter(
                        "entraTenantId", .string, "The Entra ID tenant that authorizes access to the cluster API.",
                        value: .string(tenant))))
        }
        let adminGroups = unit.bicep.parameter(
            "clusterAdminGroupObjectIds", .array, "Entra groups granted the AKS RBAC Cluster Admin role.",
            value: .array(cluster.adminGroupObjectIDs.map { .string($0) }))
        if !cluster.azureRBAC { aad.append(.init("adminGroupObjectIDs", adminGroups)) }

        var securityProfile: [Value.Field] = [
            .init("workloadIdentity", .object(["enabled": .bool(cluster.workloadIdentity)])),
            .init("imageCleaner", .object(["enabled": true, "intervalHours": 120])),
        ]
        if let monitoring {
            securityProfile.append(
                .init(
                    "defender",
                    .object([
                        "logAnalyticsWorkspaceResourceId": .expression("\(monitoring).id"),
                        "securityMonitoring": .object(["enabled": true]),
                    ])))
        }

        let properties: [Value.Field] = [
            .init("kubernetesVersion", version),
            .init(
                "dnsPrefix",
                .expression("'${\(clusterName.expressionText)}-${\(context.uniqueSuffix(in: cluster.resourceGroup))}'")),
            .init("nodeResourceGroup", .expression("'rg-${\(clusterName.expressionText)}-nodepools'")),
            .init("enableRBAC", true),
            .init("disableLocalAccounts", .bool(cluster.disableLocalAccounts)),
            .init("agentPoolProfiles", .array(pools)),
            .init("addonProfiles", .object(addons)),
            .init("networkProfile", network),
            .init("apiServerAccessProfile", .object(apiAccess)),
            .init("aadProfile", .object(aad)),
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
            .init(
                "storageProfile",
                .object([
                    "blobCSIDriver": .object(["enabled": false]), "diskCSIDriver": .object(["enabled": true]),
                    "fileCSIDriver": .object(["enabled": false]), "snapshotController": .object(["enabled": true]),
                ])),
        ]
        unit.bicep.add(
            BicepResource(
                "cluster", "Microsoft.ContainerService/managedClusters",
                body: unit.head(name: clusterName) + [
                    .init("sku", .object(["name": "Base", "tier": .string(cluster.skuTier)])),
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

        if let window = cluster.maintenanceWindow {
            unit.bicep.add(
                BicepResource(
                    "nodeOSMaintenance", "Microsoft.ContainerService/managedClusters/maintenanceConfigurations",
                    body: [
                        .init("parent", .expression("cluster")),
                        .init("name", "aksManagedNodeOSUpgradeSchedule"),
                        .init(
                            "properties",
                            .object([
                                "maintenanceWindow": .object([
                                    "durationHours": .int(window.durationHours),
                                    "schedule": .object([
                                        "weekly": .object(["dayOfWeek": .string(window.dayOfWeek), "intervalWeeks": 1])
                                    ]),
                                    "startTime": .string(window.startTime),
                                    "utcOffset": "+00:00",
                                ])
                            ])),
                    ]))
        }

        if cluster.azureRBAC {
            var admins = ModuleTemplates.roleAssignment(
                "clusterAdminRoleAssignments", scope: "cluster", role: BuiltInRole.aksRBACClusterAdmin,
                principal: "\(adminGroups.expressionText)[i]", principalType: "Group")
            admins.loop = ("i", "length(\(adminGroups.expressionText))")
            unit.bicep.add(admins)
        }

        var fluxDependsOn = ["fluxExtension"]
        if let registryName = cluster.registry,
            let registry = environment.registries.first(where: { $0.name == registryName })
        {
            unit.bicep.modules.append(
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
            metrics: false, to: cluster.diagnosticsWorkspace ?? environment.diagnosticsWorkspace)

        if let flux = cluster.flux {
            FluxRendering.add(flux, cluster: cluster, unit: &unit, dependsOn: fluxDependsOn)
        }
        unit.addRawResources(for: .cluster(cluster.name))
        unit.bicep.outputs.append(BicepOutput("aksClusterName", .string, .expression("cluster.name")))
        unit.bicep.outputs.append(
            BicepOutput("oidcIssuerUrl", .string, .expression("cluster.properties.oidcIssuerProfile.issuerURL")))
        return unit.bicep
    }

    /// The registry's name as this template computes it (same suffix as the registry stamp).
    static func registryNameValue(_ registry: RegistryModel, unit: inout UnitTemplate) -> Value {
        let base = unit.bicep.parameter(
            symbol(registry.name, "registry", "name"), .string,
            registry.uniqueSuffix
                ? "The base name of registry '\(registry.name)'; the naming convention appends a deterministic suffix."
                : "The name of registry '\(registry.name)'.",
            value: .string(registry.name))
        guard registry.uniqueSuffix else { return base }
        let suffix = unit.context.uniqueSuffix(in: unit.context.environment.registryResourceGroup)
        return unit.bicep.variable(
            symbol(registry.name, "registry", "full", "name"), .expression("'${\(base.expressionText)}${\(suffix)}'"))
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
            .init("osType", "Linux"),
            .init("osSKU", .string(pool.osSKU)),
            .init("osDiskSizeGB", .int(pool.osDiskSizeGB)),
            .init("osDiskType", .string(pool.osDiskType)),
            .init("type", "VirtualMachineScaleSets"),
            .init("vnetSubnetID", subnet),
            .init("availabilityZones", .array(pool.zones.map { .string($0) })),
            .init("orchestratorVersion", version),
            .init("enableNodePublicIP", false),
            .init("scaleSetPriority", "Regular"),
            .init("scaleSetEvictionPolicy", "Delete"),
            .init("upgradeSettings", .object(["maxSurge": .string(pool.maxSurge)])),
        ]
        if !pool.taints.isEmpty { fields.append(.init("nodeTaints", .array(pool.taints.map { .string($0) }))) }
        if !pool.labels.isEmpty {
            fields.append(.init("nodeLabels", .sortedObject(pool.labels.mapValues { .string($0) })))
        }
        return .object(fields)
    }

    static func networkProfile(_ network: ClusterNetworkModel, unit: inout UnitTemplate) -> Value {
        var fields: [Value.Field] = [
            .init("networkPlugin", .string(network.plugin))
        ]
        if let mode = network.pluginMode { fields.append(.init("networkPluginMode", .string(mode))) }
        fields.append(.init("networkPolicy", .string(network.policy)))
        if let pod = network.podCIDR {
            fields.append(
                .init(
                    "podCidr",
                    unit.bicep.parameter("podCidr", .string, "The overlay pod address range.", value: .string(pod))))
        }
        fields += [
            .init(
                "serviceCidr",
                unit.bicep.parameter(
                    "serviceCidr", .string, "The Kubernetes service address range.", value: .string(network.serviceCIDR)
                )),
            .init(
                "dnsServiceIP",
                unit.bicep.parameter(
                    "dnsServiceIP", .string, "The cluster DNS service address, inside the service range.",
                    value: .string(network.dnsServiceIP))),
            .init("outboundType", .string(network.outboundType)),
            .init("loadBalancerSku", "standard"),
        ]
        return .object(fields)
    }
}

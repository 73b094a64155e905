/// One agent pool of a managed cluster.
public struct NodePoolModel: Codable, Hashable, Sendable {
    public var name: String
    public var mode: String
    public var vmSize: String
    public var minCount: Int
    public var maxCount: Int
    public var maxPods: Int
    public var zones: [String]
    public var osDiskSizeGB: Int
    public var osDiskType: String
    public var osSKU: String
    /// Extra nodes during an upgrade: a count (`"1"`) or a percentage (`"33%"`); `"0"` when
    /// ``maxUnavailable`` is set.
    public var maxSurge: String
    /// Nodes that may be down during an upgrade instead of surging (AKS needs `maxSurge` 0 then).
    public var maxUnavailable: String?
    /// How long an upgrade waits for a node's pods to drain (AKS: 1 to 1440 minutes).
    public var drainTimeoutInMinutes: Int?
    /// How long an upgrade waits after each upgraded node (AKS: 0 to 30 minutes).
    public var nodeSoakDurationInMinutes: Int?
    /// The pool's own Kubernetes version; nil follows the control plane.
    public var orchestratorVersion: String?
    /// `Linux` or `Windows`.
    public var osType: String = "Linux"
    /// `Regular`, or `Spot` for evictable capacity.
    public var priority: String = "Regular"
    /// The most a spot node may cost per hour in US dollars; -1 is up to the on-demand price.
    public var spotMaxPrice: Double?
    /// A pool of GPU VMs, tainted so that only pods that ask for GPUs land there.
    public var isGPU: Bool = false
    /// The subnet pods take their addresses from (Azure CNI dynamic IP allocation); nil: the
    /// node subnet (flat CNI) or the overlay range.
    public var podSubnet: SubnetReference?
    public var taints: [String]
    public var labels: [String: String]
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, mode: String, vmSize: String, minCount: Int, maxCount: Int, maxPods: Int, zones: [String],
        osDiskSizeGB: Int, osDiskType: String, osSKU: String, maxSurge: String, taints: [String],
        labels: [String: String], site: SourceLocation
    ) {
        self.name = name
        self.mode = mode
        self.vmSize = vmSize
        self.minCount = minCount
        self.maxCount = maxCount
        self.maxPods = maxPods
        self.zones = zones
        self.osDiskSizeGB = osDiskSizeGB
        self.osDiskType = osDiskType
        self.osSKU = osSKU
        self.maxSurge = maxSurge
        self.taints = taints
        self.labels = labels
        self.site = site
    }
}

/// The administrator account of a cluster's Windows nodes.
public struct WindowsAdminModel: Codable, Hashable, Sendable {
    public var username: String
    /// The secret of the environment's secrets vault that holds the password.
    public var passwordSecret: String
    public var site: SourceLocation

    public init(username: String, passwordSecret: String, site: SourceLocation) {
        self.username = username
        self.passwordSecret = passwordSecret
        self.site = site
    }
}

extension NodePoolModel {
    /// The taint AKS puts on every spot node itself.
    public static let spotTaint = "kubernetes.azure.com/scalesetpriority=spot:NoSchedule"

    public var isSpot: Bool { priority == "Spot" }
    public var isWindows: Bool { osType == "Windows" }

    /// Does a pod without tolerations land here? Not on spot nodes (AKS taints them), nor on
    /// pools with a NoSchedule or NoExecute taint, nor on Windows nodes (Linux images).
    public var takesUntoleratedLinuxPods: Bool {
        !isSpot && !isWindows && !taints.contains { $0.hasSuffix(":NoSchedule") || $0.hasSuffix(":NoExecute") }
    }
}

/// The cluster network profile: CNI, pod and service ranges, policy and egress.
public struct ClusterNetworkModel: Codable, Hashable, Sendable {
    public var plugin: String
    /// `overlay`, or nil for flat Azure CNI.
    public var pluginMode: String?
    public var podCIDR: AddressPrefix?
    public var serviceCIDR: AddressPrefix
    public var dnsServiceIP: String
    public var policy: NetworkPolicy
    public var outboundType: OutboundType
    /// `cilium` for Azure CNI powered by Cilium; nil for Azure's own data plane.
    public var dataplane: String?
    /// The NAT gateway the spoke renders for this cluster's egress (`userAssignedNATGateway`).
    public var natGateway: NATGatewayModel?
    public var site: SourceLocation

    public init(
        plugin: String, pluginMode: String?, podCIDR: AddressPrefix?, serviceCIDR: AddressPrefix, dnsServiceIP: String,
        policy: NetworkPolicy, outboundType: OutboundType, site: SourceLocation
    ) {
        self.plugin = plugin
        self.pluginMode = pluginMode
        self.podCIDR = podCIDR
        self.serviceCIDR = serviceCIDR
        self.dnsServiceIP = dnsServiceIP
        self.policy = policy
        self.outboundType = outboundType
        self.site = site
    }
}

extension ClusterNetworkModel {
    /// Egress through `natGateway` (`userAssignedNATGateway`), or through the hub firewall's
    /// route (`userDefinedRouting`) when nil.
    public mutating func egress(through natGateway: NATGatewayModel?) {
        self.natGateway = natGateway
        outboundType = natGateway == nil ? .userDefinedRouting : .userAssignedNATGateway
    }
}

/// A NAT gateway in the node spoke, on the cluster's node and pod subnets, with its own public
/// addresses: `publicIPCount` addresses, or one prefix of `/prefixLength`.
public struct NATGatewayModel: Codable, Hashable, Sendable {
    public var publicIPCount: Int
    public var prefixLength: Int?
    public var idleTimeoutMinutes: Int
    public var site: SourceLocation

    public init(publicIPCount: Int, prefixLength: Int?, idleTimeoutMinutes: Int, site: SourceLocation) {
        self.publicIPCount = publicIPCount
        self.prefixLength = prefixLength
        self.idleTimeoutMinutes = idleTimeoutMinutes
        self.site = site
    }
}

/// A private API server's DNS zone kept centrally instead of in the cluster stamp: the hub's, or
/// one another team owns. The control-plane identity writes the API server's record there.
public struct APIServerDNSZoneModel: Codable, Hashable, Sendable {
    public enum Owner: Codable, Hashable, Sendable {
        /// Declared by the environment's hub template and linked to the hub VNet.
        case hub
        /// Owned elsewhere, by name and resource group.
        case existing(PrivateDNSZoneReferenceModel)
    }
    public var owner: Owner
    /// Whether the cluster stamp links the zone to the cluster's spoke VNet.
    public var linksSpoke: Bool
    public var site: SourceLocation

    public init(owner: Owner, linksSpoke: Bool, site: SourceLocation) {
        self.owner = owner
        self.linksSpoke = linksSpoke
        self.site = site
    }
}

/// How the API server is reached.
public struct APIServerModel: Codable, Hashable, Sendable {
    public var privateCluster: Bool
    /// The delegated subnet for API server VNet integration.
    public var subnet: SubnetReference?
    public var authorizedIPRanges: [String]
    /// A central zone for the private API server; nil keeps the zone in the cluster stamp.
    public var dnsZone: APIServerDNSZoneModel?
    public var site: SourceLocation

    public init(privateCluster: Bool, subnet: SubnetReference?, authorizedIPRanges: [String], site: SourceLocation) {
        self.privateCluster = privateCluster
        self.subnet = subnet
        self.authorizedIPRanges = authorizedIPRanges
        self.site = site
    }
}

/// A weekly maintenance window: a weekday, a start time in the window's UTC offset, a duration.
public struct MaintenanceWindowModel: Codable, Hashable, Sendable {
    public var dayOfWeek: String
    public var startTime: String
    public var durationHours: Int
    /// `+HH:mm` or `-HH:mm`; `+00:00` is UTC.
    public var utcOffset: String
    public var site: SourceLocation

    public init(
        dayOfWeek: String, startTime: String, durationHours: Int, utcOffset: String = "+00:00",
        site: SourceLocation = .unknown
    ) {
        self.dayOfWeek = dayOfWeek
        self.startTime = startTime
        self.durationHours = durationHours
        self.utcOffset = utcOffset
        self.site = site
    }

    /// `Sunday 02:00 for 4 h (UTC+01:00)`.
    public var summary: String {
        "\(dayOfWeek) \(startTime) for \(durationHours) h (UTC\(utcOffset))"
    }
}

/// An AKS cluster in its own cluster stamp.
public struct ClusterModel: Codable, Hashable, Sendable {
    public var name: String
    public var kubernetesVersion: String
    public var skuTier: ClusterTier
    public var nodePools: [NodePoolModel]
    public var nodeSubnet: SubnetReference?
    public var network: ClusterNetworkModel
    public var apiServer: APIServerModel
    public var entraTenantID: String?
    public var adminGroupObjectIDs: [String]
    public var azureRBAC: Bool
    /// Whether Entra ID integration (`aadProfile`) is rendered; on by default.
    public var entraIntegration: Bool = true
    public var disableLocalAccounts: Bool
    public var workloadIdentity: Bool
    public var monitoringWorkspace: String?
    public var registry: String?
    public var upgradeChannel: String
    public var nodeOSUpgradeChannel: String
    /// The window of the cluster auto-upgrade channel (`aksManagedAutoUpgradeSchedule`).
    public var autoUpgradeWindow: MaintenanceWindowModel?
    /// The window of the node OS channel (`aksManagedNodeOSUpgradeSchedule`).
    public var nodeOSUpgradeWindow: MaintenanceWindowModel?
    public var flux: FluxModel?
    /// How the cluster registers with the environment's Fleet manager, if it does.
    public var fleetRegistration: FleetRegistrationModel?
    /// The Windows nodes' administrator, whose password comes from the secrets vault.
    public var windowsAdmin: WindowsAdminModel?
    /// The baseline's cluster-stamp extras; see ``ClusterAddOnsModel``.
    public var addOns: ClusterAddOnsModel = ClusterAddOnsModel()
    public var resourceGroup: ResourceGroupModel
    public var diagnosticsWorkspace: String?
    public var overrides: [PropertyOverride]
    public var suppressions: [Suppression]
    /// Where modifiers that a rule can blame were called, by modifier name (for example `nodes`).
    public var sites: [String: SourceLocation] = [:]
    public var site: SourceLocation

    public init(
        name: String, kubernetesVersion: String, skuTier: ClusterTier, nodePools: [NodePoolModel],
        nodeSubnet: SubnetReference?, network: ClusterNetworkModel, apiServer: APIServerModel,
        entraTenantID: String?, adminGroupObjectIDs: [String], azureRBAC: Bool, disableLocalAccounts: Bool,
        workloadIdentity: Bool, monitoringWorkspace: String?, registry: String?, upgradeChannel: String,
        nodeOSUpgradeChannel: String, flux: FluxModel?,
        resourceGroup: ResourceGroupModel, diagnosticsWorkspace: String?, overrides: [PropertyOverride] = [],
        suppressions: [Suppression] = [], site: SourceLocation
    ) {
        self.name = name
        self.kubernetesVersion = kubernetesVersion
        self.skuTier = skuTier
        self.nodePools = nodePools
        self.nodeSubnet = nodeSubnet
        self.network = network
        self.apiServer = apiServer
        self.entraTenantID = entraTenantID
        self.adminGroupObjectIDs = adminGroupObjectIDs
        self.azureRBAC = azureRBAC
        self.disableLocalAccounts = disableLocalAccounts
        self.workloadIdentity = workloadIdentity
        self.monitoringWorkspace = monitoringWorkspace
        self.registry = registry
        self.upgradeChannel = upgradeChannel
        self.nodeOSUpgradeChannel = nodeOSUpgradeChannel
        self.flux = flux
        self.resourceGroup = resourceGroup
        self.diagnosticsWorkspace = diagnosticsWorkspace
        self.overrides = overrides
        self.suppressions = suppressions
        self.site = site
    }
}

/// What the AKS baseline's cluster stamp adds around the managed cluster: Key Vault, ingress,
/// Application Gateway, namespace readers, managed Prometheus, Event Grid, Azure Policy and alerts.
public struct ClusterAddOnsModel: Codable, Hashable, Sendable {
    public var keyVault: KeyVaultModel?
    public var ingress: IngressModel?
    public var applicationGateway: ApplicationGatewayModel?
    public var namespaceReaders: [NamespaceReaderModel] = []
    public var managedPrometheus: Bool = false
    public var eventGridSystemTopic: Bool = false
    public var policyAssignments: [PolicyAssignmentModel] = []
    public var alerts: AlertPresetModel?
    public var autoscalerProfile: [String: String] = [:]
    /// User-assigned identities with a federated credential, for workloads' service accounts.
    public var federatedIdentities: [FederatedIdentityModel] = []
    /// AKS cost analysis (`metricsProfile.costAnalysis`), where it was asked for.
    public var costAnalysis: SourceLocation?
    /// Azure Managed Grafana on the managed Prometheus workspace.
    public var managedGrafana: ManagedGrafanaModel?

    public init() {}
}

/// The cluster's Key Vault: RBAC authorization, default deny, soft delete and purge protection,
/// reached through a private endpoint.
public struct KeyVaultModel: Codable, Hashable, Sendable {
    public var baseName: String
    public var privateEndpoint: SubnetReference
    public var softDeleteRetentionDays: Int
    public var site: SourceLocation

    public init(baseName: String, privateEndpoint: SubnetReference, softDeleteRetentionDays: Int, site: SourceLocation)
    {
        self.baseName = baseName
        self.privateEndpoint = privateEndpoint
        self.softDeleteRetentionDays = softDeleteRetentionDays
        self.site = site
    }
}

/// The in-cluster ingress controller: an internal load balancer, its private DNS zone and A record,
/// its workload identity, and the TLS certificate it serves.
public struct IngressModel: Codable, Hashable, Sendable {
    /// Replicas of the ingress controller, one per node.
    public static let controllerReplicas = 2
    /// The zone is `aks-ingress.<domain>`.
    public var domain: String
    /// The A record in the zone, for example `bu0001a0008-00`.
    public var hostName: String
    public var internalLoadBalancerIP: String
    public var subnet: SubnetReference
    public var namespace: String
    public var serviceAccount: String
    /// The secret of the environment's secrets vault holding the ingress certificate (base64).
    public var certificateSecret: String
    public var site: SourceLocation

    public init(
        domain: String, hostName: String, internalLoadBalancerIP: String, subnet: SubnetReference, namespace: String,
        serviceAccount: String, certificateSecret: String, site: SourceLocation
    ) {
        self.domain = domain
        self.hostName = hostName
        self.internalLoadBalancerIP = internalLoadBalancerIP
        self.subnet = subnet
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.certificateSecret = certificateSecret
        self.site = site
    }
}

/// The WAF_v2 Application Gateway in front of the ingress controller.
public struct ApplicationGatewayModel: Codable, Hashable, Sendable {
    public var subnet: SubnetReference
    /// The hostname clients use, for example `bicycle.contoso.com`.
    public var hostName: String
    /// The secret of the environment's secrets vault holding the listener's PFX (base64).
    public var listenerCertificateSecret: String
    /// The secret of the environment's secrets vault holding the ingress certificate's public part
    /// (base64 of the PEM `.crt`), which the gateway trusts when it connects to the controller.
    public var trustedBackendCertificateSecret: String
    public var minCapacity: Int
    public var maxCapacity: Int
    public var site: SourceLocation

    public init(
        subnet: SubnetReference, hostName: String, listenerCertificateSecret: String,
        trustedBackendCertificateSecret: String, minCapacity: Int, maxCapacity: Int, site: SourceLocation
    ) {
        self.subnet = subnet
        self.hostName = hostName
        self.listenerCertificateSecret = listenerCertificateSecret
        self.trustedBackendCertificateSecret = trustedBackendCertificateSecret
        self.minCapacity = minCapacity
        self.maxCapacity = maxCapacity
        self.site = site
    }
}

/// An Entra group that may read one namespace.
public struct NamespaceReaderModel: Codable, Hashable, Sendable {
    public var namespace: String
    public var groupObjectID: String

    public init(namespace: String, groupObjectID: String) {
        self.namespace = namespace
        self.groupObjectID = groupObjectID
    }
}

/// One Azure Policy assignment at the cluster stamp's resource group.
public struct PolicyAssignmentModel: Codable, Hashable, Sendable {
    /// A short identifier, used for the Bicep symbol and in presets.
    public var key: String
    public var displayName: String
    /// A built-in definition or initiative ID (a GUID), or nil for Slipway's custom ingress-domain policy.
    public var definitionID: String?
    public var isInitiative: Bool
    public var parameters: Value

    public init(key: String, displayName: String, definitionID: String?, isInitiative: Bool = false, parameters: Value)
    {
        self.key = key
        self.displayName = displayName
        self.definitionID = definitionID
        self.isInitiative = isInitiative
        self.parameters = parameters
    }
}

/// Which alert presets a cluster renders.
public struct AlertPresetModel: Codable, Hashable, Sendable {
    public var prometheusRuleGroups: [PrometheusRuleGroupModel]
    public var podFailedQuery: Bool
    public var advisorRecommendations: Bool

    public init(prometheusRuleGroups: [PrometheusRuleGroupModel], podFailedQuery: Bool, advisorRecommendations: Bool) {
        self.prometheusRuleGroups = prometheusRuleGroups
        self.podFailedQuery = podFailedQuery
        self.advisorRecommendations = advisorRecommendations
    }
}

/// A Prometheus rule group with its alert rules.
public struct PrometheusRuleGroupModel: Codable, Hashable, Sendable {
    public var name: String
    public var rules: [PrometheusAlertModel]

    public init(name: String, rules: [PrometheusAlertModel]) {
        self.name = name
        self.rules = rules
    }
}

/// One Prometheus alert: a PromQL expression that fires after `duration` (ISO 8601).
public struct PrometheusAlertModel: Codable, Hashable, Sendable {
    public var alert: String
    public var expression: String
    public var duration: String
    public var severity: Int
    public var summary: String

    public init(alert: String, expression: String, duration: String, severity: Int, summary: String) {
        self.alert = alert
        self.expression = expression
        self.duration = duration
        self.severity = severity
        self.summary = summary
    }
}

extension ClusterModel {
    /// The pool the ingress controller runs on: the first User pool (nil: any pool that takes pods).
    public var ingressControllerPool: String? {
        nodePools.first { $0.mode == "User" && $0.takesUntoleratedLinuxPods }?.name
    }

    /// The most nodes a pod can be placed on: the pool `name`'s maximum, or (nil) the summed maximum
    /// of every pool without a NoSchedule or NoExecute taint.
    public func nodeCapacity(onPool name: String?) -> Int {
        if let name { return nodePools.first { $0.name == name }?.maxCount ?? 0 }
        return nodePools.filter(\.takesUntoleratedLinuxPods).reduce(0) { $0 + $1.maxCount }
    }
}

/// A maintenance configuration AKS reads by its fixed name.
public enum MaintenanceSchedule: String, Codable, Hashable, Sendable {
    /// When the cluster auto-upgrade channel may upgrade the control plane and pools.
    case autoUpgrade = "aksManagedAutoUpgradeSchedule"
    /// When the node OS channel may reimage or patch nodes.
    case nodeOS = "aksManagedNodeOSUpgradeSchedule"
}

extension ClusterModel {
    /// The cluster auto-upgrade channels AKS accepts; `none` turns auto-upgrade off.
    public static let upgradeChannels: Set<String> = ["none", "patch", "stable", "rapid", "node-image"]
    /// The node OS channels AKS accepts; `None` and `Unmanaged` leave node images to the operator.
    public static let nodeOSUpgradeChannels: Set<String> = ["None", "Unmanaged", "NodeImage", "SecurityPatch"]

    /// Does a cluster auto-upgrade channel move the Kubernetes version?
    public var autoUpgrades: Bool { upgradeChannel != "none" }

    /// The version the templates carry: MAJOR.MINOR when a channel moves the patch, else as declared.
    public var renderedKubernetesVersion: String {
        guard autoUpgrades else { return kubernetesVersion }
        return KubernetesVersion(kubernetesVersion)?.minorText ?? kubernetesVersion
    }

    /// The schedules the enabled channels need, in a fixed order.
    public var maintenanceSchedules: [MaintenanceSchedule] {
        (autoUpgrades ? [.autoUpgrade] : []) + (["None", "Unmanaged"].contains(nodeOSUpgradeChannel) ? [] : [.nodeOS])
    }

    /// The declared window of `schedule`, if any.
    public func window(of schedule: MaintenanceSchedule) -> MaintenanceWindowModel? {
        schedule == .autoUpgrade ? autoUpgradeWindow : nodeOSUpgradeWindow
    }

    /// Does `pool` run the control plane's version (no version of its own, or the same one)?
    public func followsControlPlane(_ pool: NodePoolModel) -> Bool {
        guard let own = pool.orchestratorVersion else { return true }
        return own == kubernetesVersion
            || (autoUpgrades && KubernetesVersion(own)?.minorText == KubernetesVersion(kubernetesVersion)?.minorText)
    }
}

extension ClusterModel {
    /// Does a push-delivered workload's pipeline deploy to this cluster with `az aks command invoke`?
    public func deploysWithRunCommand(in environment: EnvironmentModel) -> Bool {
        environment.workloads.contains { $0.cluster == name && $0.delivery == .push }
    }
}

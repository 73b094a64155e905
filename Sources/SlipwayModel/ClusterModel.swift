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
    public var maxSurge: String
    public var taints: [String]
    public var labels: [String: String]
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

/// The cluster network profile: CNI, pod and service ranges, policy and egress.
public struct ClusterNetworkModel: Codable, Hashable, Sendable {
    public var plugin: String
    /// `overlay`, or nil for flat Azure CNI.
    public var pluginMode: String?
    public var podCIDR: String?
    public var serviceCIDR: String
    public var dnsServiceIP: String
    public var policy: String
    public var outboundType: String
    public var site: SourceLocation

    public init(
        plugin: String, pluginMode: String?, podCIDR: String?, serviceCIDR: String, dnsServiceIP: String,
        policy: String, outboundType: String, site: SourceLocation
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

/// How the API server is reached.
public struct APIServerModel: Codable, Hashable, Sendable {
    public var privateCluster: Bool
    /// The delegated subnet for API server VNet integration.
    public var subnet: SubnetReference?
    public var authorizedIPRanges: [String]
    public var site: SourceLocation

    public init(privateCluster: Bool, subnet: SubnetReference?, authorizedIPRanges: [String], site: SourceLocation) {
        self.privateCluster = privateCluster
        self.subnet = subnet
        self.authorizedIPRanges = authorizedIPRanges
        self.site = site
    }
}

/// A weekly maintenance window.
public struct MaintenanceWindowModel: Codable, Hashable, Sendable {
    public var dayOfWeek: String
    public var startTime: String
    public var durationHours: Int

    public init(dayOfWeek: String, startTime: String, durationHours: Int) {
        self.dayOfWeek = dayOfWeek
        self.startTime = startTime
        self.durationHours = durationHours
    }
}

/// An AKS cluster in its own cluster stamp.
public struct ClusterModel: Codable, Hashable, Sendable {
    public var name: String
    public var kubernetesVersion: String
    public var skuTier: String
    public var nodePools: [NodePoolModel]
    public var nodeSubnet: SubnetReference?
    public var network: ClusterNetworkModel
    public var apiServer: APIServerModel
    public var entraTenantID: String?
    public var adminGroupObjectIDs: [String]
    public var azureRBAC: Bool
    public var disableLocalAccounts: Bool
    public var workloadIdentity: Bool
    public var monitoringWorkspace: String?
    public var registry: String?
    public var upgradeChannel: String
    public var nodeOSUpgradeChannel: String
    public var maintenanceWindow: MaintenanceWindowModel?
    public var flux: FluxModel?
    public var resourceGroup: ResourceGroupModel
    public var diagnosticsWorkspace: String?
    public var overrides: [PropertyOverride]
    public var suppressions: [Suppression]
    public var site: SourceLocation

    public init(
        name: String, kubernetesVersion: String, skuTier: String, nodePools: [NodePoolModel],
        nodeSubnet: SubnetReference?, network: ClusterNetworkModel, apiServer: APIServerModel,
        entraTenantID: String?, adminGroupObjectIDs: [String], azureRBAC: Bool, disableLocalAccounts: Bool,
        workloadIdentity: Bool, monitoringWorkspace: String?, registry: String?, upgradeChannel: String,
        nodeOSUpgradeChannel: String, maintenanceWindow: MaintenanceWindowModel?, flux: FluxModel?,
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
        self.maintenanceWindow = maintenanceWindow
        self.flux = flux
        self.resourceGroup = resourceGroup
        self.diagnosticsWorkspace = diagnosticsWorkspace
        self.overrides = overrides
        self.suppressions = suppressions
        self.site = site
    }
}

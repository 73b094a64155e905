package import SlipwayModel

/// An AKS cluster, secure by default: Entra ID with Azure RBAC, local accounts disabled, OIDC
/// issuer and workload identity, Azure CNI overlay with egress through the hub firewall. Each
/// cluster is a deployment unit (`cluster-<name>.bicep`).
public struct AKSCluster: Modifiable, SiteRecording, ModelBacked, PropertyOverridable, Suppressible,
    ResourceGroupPlaceable,
    DiagnosticsSource
{
    var model: ClusterModel
    /// See ``Declaration``.
    public var _shared = SharedSettings()

    /// Declares the cluster `name` running `kubernetesVersion`, with its node pools.
    public init(
        _ name: String, kubernetesVersion: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column, @NodePoolBuilder nodePools: () -> [NodePool]
    ) {
        let site = SourceLocation.site(fileID, filePath, line, column)
        model = ClusterModel(
            name: name, kubernetesVersion: kubernetesVersion, skuTier: .standard,
            nodePools: nodePools().map(\.model), nodeSubnet: nil,
            network: ClusterNetworkModel(
                plugin: "azure", pluginMode: "overlay", podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16",
                dnsServiceIP: "172.16.0.10", policy: .azure, outboundType: .userDefinedRouting, site: site),
            apiServer: APIServerModel(privateCluster: false, subnet: nil, authorizedIPRanges: [], site: site),
            entraTenantID: nil, adminGroupObjectIDs: [], azureRBAC: true, disableLocalAccounts: true,
            workloadIdentity: true, monitoringWorkspace: nil, registry: nil, upgradeChannel: "none",
            nodeOSUpgradeChannel: "NodeImage", flux: nil,
            resourceGroup: ResourceGroupModel(name: ""), diagnosticsWorkspace: nil, site: site)
    }

    /// The subnet every node pool uses.
    public func nodes(
        in subnet: SubnetRef, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        recording("nodes", fileID, filePath, line, column) { $0.nodeSubnet = subnet.model }
    }

    /// The cluster network: CNI, pod and service ranges, policy and egress.
    public func network(
        _ network: ClusterNetwork, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        with {
            let dataplane = $0.model.network.dataplane
            let natGateway = $0.model.network.natGateway
            $0.model.network = network.model
            $0.model.network.site = .site(fileID, filePath, line, column)
            if let dataplane {  // .dataplane(_:) before .network(_:) still counts
                $0.model.network.dataplane = dataplane
                $0.model.network.policy = .cilium
            }
            if let natGateway { $0.model.network.egress(through: natGateway) }  // so does .egress(_:)
        }
    }

    /// How the cluster's egress leaves the spoke. `.firewall` (the default) routes it through the
    /// hub firewall (`userDefinedRouting`). `.natGateway(ipCount:)` renders a NAT gateway with its
    /// own public addresses in the spoke, on the node and pod subnets (`userAssignedNATGateway`);
    /// those subnets must then not route through the firewall (rule NET016).
    public func egress(
        _ egress: Egress, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        var natGateway = egress.natGateway
        natGateway?.site = .site(fileID, filePath, line, column)
        return with { $0.model.network.egress(through: natGateway) }
    }

    /// The data plane: `.cilium` is Azure CNI powered by Cilium (eBPF), which also enforces
    /// network policy (`networkPolicy: cilium`). It runs on overlay or with pod subnets, not with
    /// pods on the node subnet, and not with Windows pools (rule NET015).
    public func dataplane(
        _ dataplane: Dataplane, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        recording("dataplane", fileID, filePath, line, column) {
            switch dataplane {
            case .azure:
                $0.network.dataplane = nil
                if $0.network.policy == .cilium { $0.network.policy = .azure }
            case .cilium:
                $0.network.dataplane = "cilium"
                $0.network.policy = .cilium
            }
        }
    }

    /// AKS cost analysis: Kubernetes costs by namespace and workload in Cost Management. Needs the
    /// Standard or Premium tier (rule AKS023).
    public func costAnalysis(
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with { $0.model.addOns.costAnalysis = .site(fileID, filePath, line, column) }
    }

    /// A private API server with VNet integration in a delegated subnet of the node spoke.
    public func privateAPIServer(
        in subnet: SubnetRef, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        with {
            let zone = $0.model.apiServer.dnsZone
            $0.model.apiServer = APIServerModel(
                privateCluster: true, subnet: subnet.model, authorizedIPRanges: [],
                site: .site(fileID, filePath, line, column))
            $0.model.apiServer.dnsZone = zone
        }
    }

    /// Keeps the private API server's zone (`privatelink.<region>.azmk8s.io`) centrally: `.hub`
    /// declares it in the environment's hub template, linked to the hub VNet; `.existing(zone)`
    /// uses one another team owns. The control-plane identity gets Private DNS Zone Contributor on
    /// the zone and Network Contributor on the spoke VNet. With `linkingSpoke` (the default) the
    /// cluster stamp links the zone to the spoke; without it, the spoke must resolve through the
    /// hub's DNS proxy (``SpokeNetwork/dnsThroughHubFirewall(fileID:filePath:line:column:)``, rule NET017).
    public func apiServerDNSZone(
        _ zone: APIServerDNSZone, linkingSpoke: Bool = true, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.apiServer.dnsZone = APIServerDNSZoneModel(
                owner: zone.owner, linksSpoke: linkingSpoke, site: .site(fileID, filePath, line, column))
        }
    }

    /// A public API server reachable only from these ranges.
    public func authorizedIPRanges(
        _ ranges: [String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.apiServer = APIServerModel(
                privateCluster: false, subnet: nil, authorizedIPRanges: ranges,
                site: .site(fileID, filePath, line, column))
        }
    }

    /// Entra ID integration with Azure RBAC for Kubernetes authorization; `adminGroups` get the
    /// AKS RBAC Cluster Admin role.
    public func entraID(
        tenantID: String, adminGroups: [String], fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.sites["entraID"] = .site(fileID, filePath, line, column)
            $0.model.entraTenantID = tenantID
            $0.model.adminGroupObjectIDs = adminGroups
            $0.model.azureRBAC = true
        }
    }

    /// Turns Entra ID integration off (and with it Azure RBAC). With local accounts disabled this
    /// leaves no way in, which rule AKS008 reports.
    public func entraIDIntegration(
        _ enabled: Bool, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.entraIntegration = enabled
            if !enabled { $0.model.azureRBAC = false }
            $0.model.sites["entraID"] = .site(fileID, filePath, line, column)
        }
    }

    /// Leaves local accounts enabled (a warning: the baseline disables them).
    public func localAccounts(
        enabled: Bool, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        recording("localAccounts", fileID, filePath, line, column) { $0.disableLocalAccounts = !enabled }
    }

    /// The Container Insights add-on, sending to `workspace`.
    public func monitoring(
        to workspace: Ref<LogAnalyticsWorkspace>, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        recording("monitoring", fileID, filePath, line, column) { $0.monitoringWorkspace = workspace.name }
    }

    /// Grants the kubelet identity AcrPull on `registry`.
    public func pullsImages(
        from registry: Ref<ContainerRegistry>, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        recording("pullsImages", fileID, filePath, line, column) { $0.registry = registry.name }
    }

    /// The cluster and node OS auto-upgrade channels. Without this modifier the cluster follows the
    /// reference: no cluster auto-upgrade (`none`, the version stays what the DSL says) and weekly
    /// node images (`NodeImage`). With a cluster channel other than `none`, the templates carry only
    /// MAJOR.MINOR of the version, so a redeployment never asks AKS to undo a patch it applied.
    /// Each enabled channel runs in its window, ``maintenanceWindow(_:startingAt:hours:utcOffset:)`` or
    /// ``maintenanceWindow(for:_:startingAt:hours:utcOffset:)`` (rule AKS010).
    public func autoUpgrade(
        cluster: String = "patch", nodeOS: String = "NodeImage", fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        recording("autoUpgrade", fileID, filePath, line, column) {
            $0.upgradeChannel = cluster
            $0.nodeOSUpgradeChannel = nodeOS
        }
    }

    /// The weekly window in which every enabled upgrade channel runs: a maintenance configuration
    /// `aksManagedAutoUpgradeSchedule` for the cluster channel and `aksManagedNodeOSUpgradeSchedule`
    /// for the node OS channel, both in this window. `day` is an English weekday, `time` is
    /// `HH:mm` in `utcOffset` (`+00:00` is UTC), and AKS needs 4 to 24 hours. Give each channel its
    /// own window with ``maintenanceWindow(for:_:startingAt:hours:utcOffset:)``.
    public func maintenanceWindow(
        _ day: String, startingAt time: String, hours: Int, utcOffset: String = "+00:00", fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        let window = MaintenanceWindowModel(
            dayOfWeek: day, startTime: time, durationHours: hours, utcOffset: utcOffset,
            site: .site(fileID, filePath, line, column))
        return recording("maintenanceWindow", fileID, filePath, line, column) {
            $0.autoUpgradeWindow = window
            $0.nodeOSUpgradeWindow = window
        }
    }

    /// The weekly window of one upgrade channel: `.cluster` renders `aksManagedAutoUpgradeSchedule`
    /// (Kubernetes versions), `.nodeOS` renders `aksManagedNodeOSUpgradeSchedule` (node images and
    /// OS patches). Typically the node OS runs weekly at night and Kubernetes upgrades in a longer
    /// window when the team is around.
    public func maintenanceWindow(
        for channel: UpgradeChannelKind, _ day: String, startingAt time: String, hours: Int,
        utcOffset: String = "+00:00", fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> AKSCluster {
        let window = MaintenanceWindowModel(
            dayOfWeek: day, startTime: time, durationHours: hours, utcOffset: utcOffset,
            site: .site(fileID, filePath, line, column))
        return with {
            switch channel {
            case .cluster: $0.model.autoUpgradeWindow = window
            case .nodeOS: $0.model.nodeOSUpgradeWindow = window
            }
        }
    }

    /// The administrator of the cluster's Windows nodes: `username`, and the password read from
    /// the environment's secrets vault (secret `passwordSecret`) through a Key Vault reference, so
    /// it never appears in a generated file. Required with a Windows pool (rule AKS020).
    public func windowsAdmin(
        username: String, passwordSecret: String, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> AKSCluster {
        with {
            $0.model.windowsAdmin = WindowsAdminModel(
                username: username, passwordSecret: passwordSecret, site: .site(fileID, filePath, line, column))
        }
    }

    /// Bootstraps the cluster from Git with the `microsoft.flux` extension.
    public func gitOps(_ flux: FluxConfiguration) -> AKSCluster { with { $0.model.flux = flux.model } }

    /// The control plane's SLA tier (`.standard` unless set).
    public func tier(_ tier: ClusterTier) -> AKSCluster { with { $0.model.skuTier = tier } }
}

/// The network profile of an ``AKSCluster``.
public struct ClusterNetwork: Sendable {
    let model: ClusterNetworkModel

    /// Azure CNI overlay: pods get addresses from `podCIDR`, not from the VNet. Egress goes through
    /// the hub firewall (`userDefinedRouting`).
    public static func azureCNIOverlay(
        podCIDR: String, serviceCIDR: String, dnsServiceIP: String, policy: NetworkPolicy = .azure,
        outbound: OutboundType = .userDefinedRouting
    ) -> ClusterNetwork {
        ClusterNetwork(
            model: ClusterNetworkModel(
                plugin: "azure", pluginMode: "overlay", podCIDR: AddressPrefix(podCIDR),
                serviceCIDR: AddressPrefix(serviceCIDR),
                dnsServiceIP: dnsServiceIP, policy: policy, outboundType: outbound, site: .unknown))
    }

    /// Flat Azure CNI: pods take addresses from the node subnet.
    public static func azureCNI(
        serviceCIDR: String, dnsServiceIP: String, policy: NetworkPolicy = .azure,
        outbound: OutboundType = .userDefinedRouting
    ) -> ClusterNetwork {
        ClusterNetwork(
            model: ClusterNetworkModel(
                plugin: "azure", pluginMode: nil, podCIDR: nil, serviceCIDR: AddressPrefix(serviceCIDR),
                dnsServiceIP: dnsServiceIP,
                policy: policy, outboundType: outbound, site: .unknown))
    }
}

/// An AKS auto-upgrade channel, for ``AKSCluster/maintenanceWindow(for:_:startingAt:hours:utcOffset:)``.
public enum UpgradeChannelKind: Sendable {
    /// The cluster channel: control plane and pools move to a new Kubernetes patch or minor.
    case cluster
    /// The node OS channel: node images are replaced or patched.
    case nodeOS
}

/// Where a private API server's DNS zone lives; see
/// ``AKSCluster/apiServerDNSZone(_:linkingSpoke:fileID:filePath:line:column:)``.
public struct APIServerDNSZone: Sendable {
    let owner: APIServerDNSZoneModel.Owner

    /// The environment's hub declares the zone and links it to the hub VNet.
    public static let hub = APIServerDNSZone(owner: .hub)

    /// A zone another team owns, such as one in a connectivity subscription.
    public static func existing(_ zone: ExistingPrivateDNSZone) -> APIServerDNSZone {
        APIServerDNSZone(owner: .existing(zone.model))
    }
}

/// Where an ``AKSCluster``'s egress leaves the spoke; see ``AKSCluster/egress(_:fileID:filePath:line:column:)``.
public struct Egress: Sendable {
    let natGateway: NATGatewayModel?

    /// Through the hub firewall, by the node subnet's route table (`userDefinedRouting`).
    public static let firewall = Egress(natGateway: nil)

    /// Through a NAT gateway with `ipCount` public addresses (1–16; 64,512 SNAT ports each) and an
    /// idle timeout of `idleTimeoutMinutes` (4–120).
    public static func natGateway(ipCount: Int = 1, idleTimeoutMinutes: Int = 4) -> Egress {
        Egress(
            natGateway: NATGatewayModel(
                publicIPCount: ipCount, prefixLength: nil, idleTimeoutMinutes: idleTimeoutMinutes, site: .unknown))
    }

    /// Through a NAT gateway whose addresses are one public IP prefix of `/prefixLength` (28–31:
    /// 16 to 2 addresses), so that partners can allow one contiguous range.
    public static func natGateway(publicIPPrefixLength: Int, idleTimeoutMinutes: Int = 4) -> Egress {
        Egress(
            natGateway: NATGatewayModel(
                publicIPCount: 0, prefixLength: publicIPPrefixLength, idleTimeoutMinutes: idleTimeoutMinutes,
                site: .unknown))
    }
}

/// The data plane of an ``AKSCluster``; see ``AKSCluster/dataplane(_:)``.
public enum Dataplane: Sendable {
    /// Azure's own (iptables), with the network policy of the network profile.
    case azure
    /// Azure CNI powered by Cilium: eBPF data plane and Cilium network policy.
    case cilium
}

package import SlipwayModel

/// An agent pool of an ``AKSCluster``. Defaults follow the baseline: Azure Linux, ephemeral OS
/// disk, zones 1–3, 30 pods per node, 33% surge.
public struct NodePool: Modifiable, SiteRecording, Sendable {
    var model: NodePoolModel

    init(_ name: String, mode: String, vmSize: VMSize, autoscale: ClosedRange<Int>, site: SourceLocation) {
        model = NodePoolModel(
            name: name, mode: mode, vmSize: vmSize.name, minCount: autoscale.lowerBound,
            maxCount: autoscale.upperBound, maxPods: 30, zones: ["1", "2", "3"], osDiskSizeGB: 64,
            osDiskType: "Ephemeral", osSKU: "AzureLinux", maxSurge: "33%", taints: [], labels: [:], site: site)
    }

    /// The system pool: runs only critical add-ons (tainted `CriticalAddonsOnly=true:NoSchedule`).
    public static func system(
        _ name: String, vmSize: VMSize, autoscale: ClosedRange<Int>, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        NodePool(
            name, mode: "System", vmSize: vmSize, autoscale: autoscale, site: .site(fileID, filePath, line, column)
        )
        .with { $0.model.taints = ["CriticalAddonsOnly=true:NoSchedule"] }
    }

    /// A user pool for workloads.
    public static func user(
        _ name: String, vmSize: VMSize, autoscale: ClosedRange<Int>, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        NodePool(name, mode: "User", vmSize: vmSize, autoscale: autoscale, site: .site(fileID, filePath, line, column))
            .with { $0.model.osDiskSizeGB = 120 }
    }

    /// A user pool on spot capacity: cheaper, evicted when Azure needs the capacity back (the
    /// scale set's eviction policy is `Delete`). AKS taints and labels every spot node itself
    /// (`kubernetes.azure.com/scalesetpriority=spot:NoSchedule`), so only pods that tolerate that
    /// taint land here; Slipway does not render it again. `maxPrice` is US dollars per hour, -1
    /// (the default) up to the on-demand price. A spot pool is never the system or first pool
    /// (rule AKS019).
    public static func spot(
        _ name: String, vmSize: VMSize, autoscale: ClosedRange<Int>, maxPrice: Double = -1,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        user(name, vmSize: vmSize, autoscale: autoscale, fileID: fileID, filePath: filePath, line: line, column: column)
            .with {
                $0.model.priority = "Spot"
                $0.model.spotMaxPrice = maxPrice
            }
    }

    /// A user pool of Windows nodes (`osSKU` Windows2022 unless given). The cluster needs a Linux
    /// system pool and ``AKSCluster/windowsAdmin(username:passwordSecret:)``; AKS limits Windows
    /// pool names to six characters (rule AKS020). Azure CNI powered by Cilium does not run
    /// Windows nodes.
    public static func windows(
        _ name: String, vmSize: VMSize, autoscale: ClosedRange<Int>, osSKU: WindowsSKU = .windows2022,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        user(name, vmSize: vmSize, autoscale: autoscale, fileID: fileID, filePath: filePath, line: line, column: column)
            .with {
                $0.model.osType = "Windows"
                $0.model.osSKU = osSKU.rawValue
                $0.model.osDiskSizeGB = 128
            }
    }

    /// A user pool of GPU VMs (an N-series `vmSize`, rule AKS021), tainted `taint` so that only
    /// pods that tolerate it — the ones asking for `nvidia.com/gpu` — are scheduled there. AKS
    /// installs the NVIDIA driver on GPU pools.
    public static func gpu(
        _ name: String, vmSize: VMSize, autoscale: ClosedRange<Int>, taint: String = "sku=gpu:NoSchedule",
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        user(name, vmSize: vmSize, autoscale: autoscale, fileID: fileID, filePath: filePath, line: line, column: column)
            .with {
                $0.model.isGPU = true
                $0.model.taints = [taint]
            }
    }

    /// Pods take their addresses from `subnet` (Azure CNI dynamic IP allocation), not from the node
    /// subnet: node and pod ranges grow apart, and the pod subnet can get its own NSG or NAT
    /// gateway. Needs flat Azure CNI (`.azureCNI`), not overlay (rule NET014, which also checks the
    /// subnet has room for every pod). AKS delegates the subnet itself, so Slipway renders it
    /// without a delegation.
    public func podSubnet(
        in subnet: SubnetRef, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> NodePool {
        recording("podSubnet", fileID, filePath, line, column) { $0.podSubnet = subnet.model }
    }

    /// The system pool with explicit autoscale bounds (`minCount...maxCount`); rule AKS004 reports
    /// bounds out of order instead of trapping like a reversed range would.
    public static func system(
        _ name: String, vmSize: VMSize, minCount: Int, maxCount: Int, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        system(name, vmSize: vmSize, autoscale: 0...0, fileID: fileID, filePath: filePath, line: line, column: column)
            .with {
                $0.model.minCount = minCount
                $0.model.maxCount = maxCount
            }
    }

    /// A user pool with explicit autoscale bounds (`minCount...maxCount`).
    public static func user(
        _ name: String, vmSize: VMSize, minCount: Int, maxCount: Int, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        user(name, vmSize: vmSize, autoscale: 0...0, fileID: fileID, filePath: filePath, line: line, column: column)
            .with {
                $0.model.minCount = minCount
                $0.model.maxCount = maxCount
            }
    }

    /// Pods per node.
    public func maxPods(
        _ count: Int, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        recording("maxPods", fileID, filePath, line, column) { $0.maxPods = count }
    }

    /// Availability zones.
    public func zones(_ zones: String...) -> NodePool { with { $0.model.zones = zones } }

    /// OS disk size and type (`Ephemeral` or `Managed`).
    public func osDisk(sizeGB: Int, type: String = "Ephemeral") -> NodePool {
        with {
            $0.model.osDiskSizeGB = sizeGB
            $0.model.osDiskType = type
        }
    }

    /// The pool's own Kubernetes version, for upgrading the control plane and the pools in
    /// separate steps. Without it the pool runs the control plane's version. A pool whose version
    /// differs is deployed as its own `managedClusters/agentPools` resource after the cluster
    /// (ARM refuses cluster templates in which only some pools differ); it may lag the control
    /// plane by up to two minors and never lead it (rule AKS015).
    public func kubernetesVersion(
        _ version: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> NodePool {
        recording("kubernetesVersion", fileID, filePath, line, column) { $0.orchestratorVersion = version }
    }

    /// How the pool is upgraded: surge nodes or take nodes down (`buffer`), how long to wait for a
    /// node's pods to drain (1 to 1440 minutes) and how long to wait after each node before the
    /// next (0 to 30 minutes). Rule AKS018 checks the ranges; NET009 counts the surge.
    public func upgradeSettings(
        _ buffer: UpgradeBuffer, drainTimeoutMinutes: Int? = nil, nodeSoakMinutes: Int? = nil,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> NodePool {
        recording("upgradeSettings", fileID, filePath, line, column) {
            switch buffer {
            case .surge(let surge):
                $0.maxSurge = surge
                $0.maxUnavailable = nil
            case .unavailable(let unavailable):
                $0.maxSurge = "0"
                $0.maxUnavailable = unavailable
            }
            $0.drainTimeoutInMinutes = drainTimeoutMinutes
            $0.nodeSoakDurationInMinutes = nodeSoakMinutes
        }
    }

    /// Extra nodes during upgrades: a count (`"1"`) or a percentage (`"33%"`).
    public func maxSurge(
        _ surge: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> NodePool {
        recording("maxSurge", fileID, filePath, line, column) {
            $0.maxSurge = surge
            $0.maxUnavailable = nil
        }
    }

    /// Node taints, `key=value:Effect` with the effect `NoSchedule`, `PreferNoSchedule` or
    /// `NoExecute` (rule AKS022). Replaces the pool's taints, a GPU pool's default included.
    public func taints(
        _ taints: [String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> NodePool {
        recording("taints", fileID, filePath, line, column) { $0.taints = taints }
    }

    /// Node labels, for `nodeSelector` and affinity (AKS reserves the `kubernetes.azure.com/` prefix).
    public func labels(
        _ labels: [String: String], fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> NodePool {
        recording("labels", fileID, filePath, line, column) { $0.labels = labels }
    }
}

/// How a node pool keeps capacity while it upgrades.
public enum UpgradeBuffer: Sendable {
    /// Add nodes before draining old ones: a count (`"1"`) or a percentage of the pool (`"33%"`).
    case surge(String)
    /// Upgrade without extra nodes, taking this many down at once: a count or a percentage. For
    /// pools whose VM size is scarce in the region, where surge nodes may not be allocatable.
    case unavailable(String)
}

/// The Windows Server image of a ``NodePool/windows(_:vmSize:autoscale:osSKU:)`` pool.
public enum WindowsSKU: String, Sendable {
    /// Windows Server 2022.
    case windows2022 = "Windows2022"
    /// Windows Server 2019, for images that still need it.
    case windows2019 = "Windows2019"
}

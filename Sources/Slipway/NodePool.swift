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

    /// Extra nodes during upgrades: a count (`"1"`) or a percentage (`"33%"`).
    public func maxSurge(
        _ surge: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) -> NodePool {
        recording("maxSurge", fileID, filePath, line, column) { $0.maxSurge = surge }
    }

    /// Node taints such as `dedicated=gpu:NoSchedule`.
    public func taints(_ taints: [String]) -> NodePool { with { $0.model.taints = taints } }

    /// Node labels.
    public func labels(_ labels: [String: String]) -> NodePool { with { $0.model.labels = labels } }
}

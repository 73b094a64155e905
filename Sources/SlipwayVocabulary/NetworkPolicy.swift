/// The engine that enforces Kubernetes network policies in an AKS cluster.
public enum NetworkPolicy: String, Codable, Hashable, Sendable, CaseIterable {
    /// Azure Network Policy Manager (the baseline's).
    case azure
    case calico
    /// Cilium; needs the Cilium data plane.
    case cilium
    /// No network policy enforcement.
    case none
}

/// The SLA tier of an AKS control plane: `Free` (no SLA), `Standard` (the baseline's, with an
/// uptime SLA) or `Premium` (long-term support).
public enum ClusterTier: String, Codable, Hashable, Sendable, CaseIterable {
    case free = "Free"
    case standard = "Standard"
    case premium = "Premium"
}

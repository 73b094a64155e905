/// Which traffic a network security rule applies to.
public enum TrafficDirection: String, Codable, Hashable, Sendable, CaseIterable {
    case inbound = "Inbound"
    case outbound = "Outbound"
}

/// What a network security rule does with the traffic it matches.
public enum SecurityAccess: String, Codable, Hashable, Sendable, CaseIterable {
    case allow = "Allow"
    case deny = "Deny"
}

/// The protocol a network security rule matches.
public enum NetworkProtocol: String, Codable, Hashable, Sendable, CaseIterable {
    case tcp = "Tcp"
    case udp = "Udp"
    case icmp = "Icmp"
    case esp = "Esp"
    case ah = "Ah"
    /// Every protocol (`*`).
    case any = "*"
}

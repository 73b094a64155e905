/// An IPv4 address prefix such as `10.240.0.0/16`.
///
/// Parsing never traps: a malformed literal yields `nil` from ``init(parsing:)``, and rules report it.
public struct CIDR: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address as a 32-bit number, exactly as written (host bits included).
    public let address: UInt32
    /// The prefix length, 0 through 32.
    public let length: Int

    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), (0...32).contains(length),
            parts[1].allSatisfy(\.isNumber), let address = CIDR.parseAddress(String(parts[0]))
        else { return nil }
        self.address = address
        self.length = length
    }

    public init(address: UInt32, length: Int) {
        self.address = address
        self.length = length
    }

    /// Parses a dotted-quad IPv4 address.
    public static func parseAddress(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isNumber), let number = UInt32(octet),
                number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    /// Formats a 32-bit number as a dotted quad.
    public static func format(_ address: UInt32) -> String {
        (0..<4).map { String((address >> (24 - 8 * UInt32($0))) & 0xFF) }.joined(separator: ".")
    }

    public var mask: UInt32 { length == 0 ? 0 : UInt32.max << (32 - UInt32(length)) }
    /// The first address of the range.
    public var network: UInt32 { address & mask }
    /// The last address of the range.
    public var last: UInt32 { network | ~mask }
    /// Whether bits beyond the prefix length are set, as in `10.0.0.1/24`.
    public var hasHostBits: Bool { address != network }
    /// How many addresses the range holds.
    public var size: UInt64 { UInt64(1) << UInt64(32 - length) }

    public func contains(_ other: CIDR) -> Bool {
        other.network >= network && other.last <= last
    }

    public func contains(address candidate: UInt32) -> Bool {
        candidate >= network && candidate <= last
    }

    public func overlaps(_ other: CIDR) -> Bool {
        network <= other.last && other.network <= last
    }

    public var description: String { "\(CIDR.format(address))/\(length)" }

    public static func < (a: CIDR, b: CIDR) -> Bool { (a.network, a.length) < (b.network, b.length) }
}

/// An IPv4 address prefix such as `10.240.0.0/16`.
///
/// Parsing never traps: a malformed literal yields `nil` from ``init(parsing:)``, and rules report it.
public struct CIDR: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address as a 32-bit number, exactly as written (host bits included).
    public let address: UInt32
    /// The prefix length, 0 through 32.
    public let length: Int

    public init?(parsing text: String) {
        // On bytes: `split` and Unicode digit checks were over a third of validating a large fleet.
        let utf8 = Array(text.utf8)
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")),
            let length = CIDR.decimal(utf8[(slash + 1)...], maximum: 32),
            let address = CIDR.parseAddress(utf8[..<slash])
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
        parseAddress(Array(text.utf8)[...])
    }

    static func parseAddress(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
            guard end - start <= 3, let octet = decimal(bytes[start..<end], maximum: 255) else { return nil }
            value = value << 8 | UInt32(octet)
            octets += 1
            if end == bytes.endIndex { return octets == 4 ? value : nil }
            guard octets < 4 else { return nil }
            start = end + 1
        }
    }

    /// One or more ASCII digits whose value is at most `maximum`.
    static func decimal(_ digits: ArraySlice<UInt8>, maximum: Int) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            if value > maximum { return nil }
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

/// An IPv4 address prefix (a VNet's address space, a subnet's prefix) as the user wrote it, parsed
/// once when the model is built: `text` is what messages and templates show, `cidr` what the rules
/// and renderers compute with. A malformed text keeps its place in the model (`cidr` is nil) so
/// that NET001 reports it at the user's line instead of the value vanishing.
public struct AddressPrefix: Hashable, Sendable, CustomStringConvertible {
    /// The prefix exactly as written.
    public let text: String
    /// The parsed prefix, host bits included; nil when `text` is not an IPv4 CIDR.
    public let cidr: CIDR?

    public init(_ text: String) {
        self.text = text
        self.cidr = CIDR(parsing: text)
    }

    /// The prefix when it is a network address (parsed, no host bits set); nil otherwise, which
    /// NET001 reports.
    public var network: CIDR? { cidr.flatMap { $0.hasHostBits ? nil : $0 } }

    public var description: String { text }
}

extension AddressPrefix: Codable {
    /// Encoded as its text, as before it was typed: the model's wire format and JSON are unchanged.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension AddressPrefix: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.init(text) }
}

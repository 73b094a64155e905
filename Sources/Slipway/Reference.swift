package import SlipwayModel

/// A typed reference to something declared by name in the same environment, or referenced as
/// existing. Write it as a string literal: `.pullsImages(from: "acraks")`.
public struct Ref<Target>: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The name of the referenced declaration.
    public let name: String

    /// Refers to the declaration called `name`.
    public init(_ name: String) { self.name = name }

    /// Creates the value from a string literal.
    public init(stringLiteral value: String) { self.name = value }

    /// The value as it is written in the DSL.
    public var description: String { name }
}

/// A reference to a subnet of a spoke network.
public struct SubnetRef: Hashable, Sendable {
    let model: SubnetReference

    /// The subnet `subnet` of the spoke network `spoke`.
    public static func spoke(_ spoke: String, _ subnet: String) -> SubnetRef {
        SubnetRef(model: SubnetReference(spoke: spoke, subnet: subnet))
    }
}

/// A typed property override: the escape hatch for Azure properties the DSL does not model.
public struct PropertyOverride: Codable, Hashable, Sendable {
    /// Dotted path inside the resource body, for example `properties.foo.bar`.
    public var path: String
    public var value: Value
    public var site: SourceLocation

    public init(path: String, value: Value, site: SourceLocation) {
        self.path = path
        self.value = value
        self.site = site
    }
}

/// Where a DSL declaration was written: the user's line, recorded with `#fileID`, `#filePath`,
/// `#line` and `#column`. `filePath` is what was passed to `swiftc`; it is used for diagnostics
/// only and never rendered into generated files.
public struct SourceLocation: Codable, Hashable, Sendable, Comparable {
    public var fileID: String
    public var filePath: String
    public var line: Int
    public var column: Int

    public init(fileID: String, filePath: String, line: Int, column: Int) {
        self.fileID = fileID
        self.filePath = filePath
        self.line = line
        self.column = column
    }

    /// A location for things that have no declaration site (derived values).
    public static let unknown = SourceLocation(fileID: "", filePath: "", line: 0, column: 0)

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.filePath, a.line, a.column) < (b.filePath, b.line, b.column)
    }
}

/// A warning a declaration silences on purpose, with the reason a reviewer will read.
public struct Suppression: Codable, Hashable, Sendable {
    public var code: String
    public var reason: String

    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }
}

package import SlipwayModel

/// A resource the DSL does not model, rendered verbatim into one unit's template. It still has to
/// pass conformance: the type, API version and property names must exist.
public struct RawResource: Sendable {
    let model: RawResourceModel

    /// Declares `type@apiVersion` named `name` with `body` (everything except `name`), in `unit`.
    /// `symbol` is its Bicep identifier.
    public init(
        _ symbol: String, type: String, apiVersion: String, name: String, in unit: UnitSelector, body: Value,
        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        model = RawResourceModel(
            symbol: symbol, type: type, apiVersion: apiVersion, name: name, body: body, unit: unit,
            site: .site(fileID, filePath, line, column))
    }
}

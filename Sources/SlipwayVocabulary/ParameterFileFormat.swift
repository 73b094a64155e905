/// How a unit's parameter values are written beside its template.
public enum ParameterFileFormat: String, Codable, Hashable, Sendable, CaseIterable {
    /// `<unit>.parameters.json`, the ARM parameter file; secrets as Key Vault references.
    case json
    /// `<unit>.bicepparam` with `using './<unit>.bicep'`; secrets through `az.getSecret(…)`.
    case bicepparam

    /// The parameter file of `unit`.
    public func fileName(of unit: String) -> String {
        switch self {
        case .json: "\(unit).parameters.json"
        case .bicepparam: "\(unit).bicepparam"
        }
    }
}

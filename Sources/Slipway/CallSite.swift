package import SlipwayModel
@_exported import SlipwayVocabulary

extension SourceLocation {
    /// Records a call site; DSL initialisers forward their defaulted `#fileID`, `#filePath`, `#line`
    /// and `#column` here so that diagnostics point at the user's line.
    static func site(_ fileID: String, _ filePath: String, _ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column)
    }
}

/// A DSL value that can be copied with one change: the mechanism behind every modifier.
protocol Modifiable {}

extension Modifiable {
    func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}

/// A model that records where modifiers were called, by modifier name, for rules to blame.
protocol RecordsSites {
    var sites: [String: SourceLocation] { get set }
}

/// A DSL value whose settings live in a model that records call sites.
protocol SiteRecording: Modifiable {
    associatedtype Recorded: RecordsSites
    var model: Recorded { get set }
}

extension SiteRecording {
    /// A copy with `change` applied to the model and the modifier's call site recorded as `modifier`.
    func recording(
        _ modifier: String, _ fileID: String, _ filePath: String, _ line: Int, _ column: Int,
        _ change: (inout Recorded) -> Void
    ) -> Self {
        with {
            change(&$0.model)
            $0.model.sites[modifier] = .site(fileID, filePath, line, column)
        }
    }
}

extension ClusterModel: RecordsSites {}
extension NodePoolModel: RecordsSites {}
extension RegistryModel: RecordsSites {}
extension SpokeModel: RecordsSites {}
extension HubModel: RecordsSites {}
extension FleetModel: RecordsSites {}
extension FleetBundleModel: RecordsSites {}
extension FluxModel: RecordsSites {}
extension KustomizationModel: RecordsSites {}
extension WorkloadModel: RecordsSites {}
extension WorkspaceModel: RecordsSites {}

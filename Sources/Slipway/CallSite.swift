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

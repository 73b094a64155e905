import SlipwayModel

/// One problem found in a DSL file, at the user's line.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var code: String
    public var message: String
    /// How to fix it, printed as a `note:` line.
    public var note: String?
    public var site: SourceLocation
    /// The suppressions of the declaration the rule blames; a warning whose code is among them is dropped.
    public var suppressions: [Suppression]

    public init(
        _ severity: Severity, _ code: String, _ message: String, note: String? = nil, at site: SourceLocation,
        suppressions: [Suppression] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.note = note
        self.site = site
        self.suppressions = suppressions
    }

    /// `File.swift:LINE:COL: error: [CODE] message`, then the note.
    public var formatted: String {
        let location = "\(site.filePath):\(site.line):\(site.column)"
        var text = "\(location): \(severity.rawValue): [\(code)] \(message)"
        if let note { text += "\n\(location): note: \(note)" }
        return text
    }

    /// A GitHub Actions workflow annotation.
    public var githubAnnotation: String {
        func escape(_ text: String) -> String {
            text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
        }
        let level = severity == .error ? "error" : "warning"
        let body = note.map { "\(message) (\($0))" } ?? message
        return "::\(level) file=\(site.filePath),line=\(site.line),col=\(site.column),title=\(code)::\(escape(body))"
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line and code, as printed.
    public func sortedForOutput() -> [Diagnostic] {
        sorted {
            ($0.site.filePath, $0.site.line, $0.code, $0.site.column) < (
                $1.site.filePath, $1.site.line, $1.code, $1.site.column
            )
        }
    }
}

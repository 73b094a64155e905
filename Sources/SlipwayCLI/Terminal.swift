import FoundationEssentials
import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Terminal conventions: colour only on a terminal and never with `NO_COLOR`, and progress lines
/// on stderr unless `--quiet`.
struct Terminal {
    let colour: Bool
    let quiet: Bool

    init(quiet: Bool, environment: [String: String] = ProcessEnvironment.current) {
        self.quiet = quiet
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        colour = !noColour && isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
    }

    /// Colours `error:`, `warning:` and `note:` labels of diagnostic lines.
    func highlight(_ text: String) -> String {
        guard colour else { return text }
        return text.replacing(": error: ", with: ": \u{1B}[1;31merror:\u{1B}[0m ")
            .replacing(": warning: ", with: ": \u{1B}[1;33mwarning:\u{1B}[0m ")
            .replacing(": note: ", with: ": \u{1B}[1;36mnote:\u{1B}[0m ")
    }

    /// Writes `line` and a newline to stderr, unbuffered (stdout goes through `print`).
    static func writeError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
    }
}

/// The version `slipway --version` prints. Semantic versioning: the minor number changes (until 1.0)
/// when DSL files need editing or `Output/` changes; docs/CHANGELOG.md says how, per version.
public enum SlipwayVersion {
    public static let current = "0.9.0"
}

import FoundationEssentials
import SlipwayWriter

/// `slipway set-input FILE.swift NAME=VALUE...`: rewrites the default of each named input in the
/// DSL file, in place. It is the change a `.pull` pipeline's pull request makes to bump an image
/// tag: `check` and the committed `Output/` use input defaults, so the new tag is in the DSL file,
/// where reviewers read it.
enum SetInput {
    static let help = """
        usage: slipway set-input FILE.swift NAME=VALUE...

        Rewrites the default of each input NAME, declared in FILE as
        `Slipway.input("NAME", default: …)` or `.input("NAME", default: …)` with a string or integer
        literal, to VALUE; then replaces FILE atomically. The input must be declared exactly once.
        Run `slipway generate FILE` afterwards to render with the new value.

        example:
          slipway set-input Examples/aks-baseline.swift aspnetapp.tag=1.4.0
        """

    static func run(_ arguments: Arguments, _ standardOutput: (String) -> Void) throws -> ExitCode {
        guard let path = arguments.files.first, path.hasSuffix(".swift"), arguments.files.count > 1 else {
            throw CLIFailure(code: .usage, message: help)
        }
        guard var source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIFailure(code: .usage, message: "slipway set-input: cannot read \(path)")
        }
        for pair in arguments.files.dropFirst() {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CLIFailure(code: .usage, message: "slipway set-input: '\(pair)' is not NAME=VALUE")
            }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            source = try setting(name, to: value, in: source, path: path)
        }
        do {
            try AtomicFile.write(source, to: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure(code: .ioError, message: "slipway set-input: writing \(path) failed: \(error)")
        }
        standardOutput("slipway: \(path): set \(arguments.files.dropFirst().joined(separator: ", "))")
        return .ok
    }

    /// `source` with the default literal of input `name` replaced by `value` (a string literal, or
    /// an integer when the default was one).
    static func setting(_ name: String, to value: String, in source: String, path: String) throws -> String {
        let quotedName = name.map { "\\^$.|?*+()[]{}/-".contains($0) ? "\\\($0)" : String($0) }.joined()
        let pattern = #"input\(\s*"\#(quotedName)"\s*,\s*default:\s*("(?:[^"\\\n]|\\.)*"|-?[0-9]+)\s*\)"#
        let matches = source.matches(of: try Regex(pattern))
        guard matches.count == 1, let literal = matches[0].output[1].range else {
            let lines = matches.map { match in
                String(source[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1)
            }
            throw CLIFailure(
                code: .usage,
                message: matches.isEmpty
                    ? "slipway set-input: \(path) declares no input '\(name)' with a literal default"
                    : "slipway set-input: \(path) declares input '\(name)' more than once (lines \(lines.joined(separator: ", ")))"
            )
        }
        let wasString = source[literal].hasPrefix("\"")
        let replacement: String
        if wasString {
            replacement = "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        } else {
            guard Int(value) != nil else {
                throw CLIFailure(
                    code: .usage,
                    message: "slipway set-input: input '\(name)' has an integer default; '\(value)' is not one")
            }
            replacement = value
        }
        var updated = source
        updated.replaceSubrange(literal, with: replacement)
        return updated
    }
}

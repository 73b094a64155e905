import Foundation

/// `slipway set-input FILE.swift NAME=VALUE...`: sets inputs in the DSL file's committed
/// `<file>.inputs.json`, the change a `.pull` pipeline's pull request makes to bump an image tag.
enum SetInput {
    static let help = """
        usage: slipway set-input FILE.swift NAME=VALUE...

        Sets each NAME to VALUE in FILE.inputs.json (created when missing), keys sorted, and
        replaces the file atomically. `slipway generate FILE.swift` then renders with the new values.
        """

    static func run(_ arguments: Arguments, _ standardOutput: (String) -> Void) throws -> ExitCode {
        guard let program = arguments.files.first, program.hasSuffix(".swift"), arguments.files.count > 1 else {
            throw CLIFailure(code: .usage, message: help)
        }
        var inputs = try InputsFile.read(for: program)
        for pair in arguments.files.dropFirst() {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CLIFailure(code: .usage, message: "slipway set-input: '\(pair)' is not NAME=VALUE")
            }
            inputs[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        let path = InputsFile.path(for: program)
        let staging = path + ".slipway-new"
        do {
            try Data(InputsFile.render(inputs).utf8).write(to: URL(fileURLWithPath: staging))
            guard rename(staging, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw CLIFailure(code: .ioError, message: "slipway set-input: writing \(path) failed: \(error)")
        }
        standardOutput("slipway: \(path): \(inputs.count) input(s)")
        return .ok
    }
}

extension InputsFile {
    /// A flat JSON object of strings: keys sorted, two-space indent, LF, trailing newline.
    static func render(_ inputs: [String: String]) -> String {
        func quoted(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\""
        }
        let lines = inputs.keys.sorted().map { "  \(quoted($0)): \(quoted(inputs[$0]!))" }
        return lines.isEmpty ? "{}\n" : "{\n\(lines.joined(separator: ",\n"))\n}\n"
    }
}

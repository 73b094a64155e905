import Foundation

/// The committed inputs of a DSL file: `<name>.inputs.json` beside `<name>.swift`, a flat JSON
/// object of strings. `generate`, `check` and `diff` read it, `--set` overrides it, and a pipeline
/// changes an input (such as an image tag) by rewriting it in a pull request.
enum InputsFile {
    /// `Examples/aks-baseline.swift` → `Examples/aks-baseline.inputs.json`.
    static func path(for program: String) -> String {
        let base = program.hasSuffix(".swift") ? String(program.dropLast(".swift".count)) : program
        return base + ".inputs.json"
    }

    /// The inputs of `program`, or none when it has no inputs file.
    static func read(for program: String) throws -> [String: String] {
        let path = path(for: program)
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CLIFailure(code: .usage, message: "slipway: \(path) is not a JSON object of strings")
        }
        var inputs: [String: String] = [:]
        for (name, value) in object {
            guard let text = value as? String else {
                throw CLIFailure(code: .usage, message: "slipway: \(path): input '\(name)' is not a string")
            }
            inputs[name] = text
        }
        return inputs
    }
}

/// The parsed command line of one verb: positional files and `--option value` pairs.
struct Arguments {
    var verb: String
    var files: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []
    /// `--set name=value` inputs, for `Slipway.input` in DSL files.
    var inputs: [String: String] = [:]

    /// Options that take a value, per verb; everything else starting with `--` is a flag.
    static let valued: Set<String> = [
        "--output", "--repository-path", "--format", "--count", "--seed", "--base", "--template", "--slipway-source",
        "--timings", "--json", "--runs", "--timeout", "--repository-root", "--only", "--prefix", "--params",
    ]
    static let knownFlags: Set<String> = [
        "--help", "-h", "--strict", "--markdown", "--force", "--quiet", "--version", "--check", "--wait", "--no-wait",
        "--take-ownership",
    ]

    init(_ arguments: [String]) throws {
        guard let verb = arguments.first else { throw CLIFailure(code: .usage, message: Help.general) }
        self.verb = verb
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--set" {
                guard index + 1 < arguments.count, let equals = arguments[index + 1].firstIndex(of: "="),
                    equals != arguments[index + 1].startIndex
                else {
                    throw CLIFailure(code: .usage, message: "slipway: --set takes name=value")
                }
                let pair = arguments[index + 1]
                inputs[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
                index += 2
            } else if Arguments.valued.contains(argument) {
                guard index + 1 < arguments.count else {
                    throw CLIFailure(code: .usage, message: "slipway: \(argument) needs a value")
                }
                options[argument] = arguments[index + 1]
                index += 2
            } else if let equals = argument.firstIndex(of: "="), Arguments.valued.contains(String(argument[..<equals]))
            {
                options[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
                index += 1
            } else if argument.hasPrefix("-") && argument != "-" {
                guard Arguments.knownFlags.contains(argument) else {
                    throw CLIFailure(code: .usage, message: "slipway \(verb): unknown option '\(argument)'")
                }
                flags.insert(argument)
                index += 1
            } else {
                files.append(argument)
                index += 1
            }
        }
    }

    var wantsHelp: Bool { flags.contains("--help") || flags.contains("-h") }
    var output: String { options["--output"] ?? "Output" }
    /// `--repository-path`, for verbs without a pipeline (`sample`); `generate` and `check` derive
    /// the default from the repository root (see `Pipeline.repositoryPath`).
    var repositoryPath: String { options["--repository-path"] ?? "Output" }

    /// `--timeout SECONDS`: how long a DSL program may run (compiling is not counted).
    func timeout() throws -> Double {
        guard let text = options["--timeout"] else { return DSLProgram.defaultTimeout }
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
            throw CLIFailure(
                code: .usage, message: "slipway: --timeout takes a number of seconds above 0, not '\(text)'")
        }
        return seconds
    }
}

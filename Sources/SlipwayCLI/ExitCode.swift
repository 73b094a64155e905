import SlipwayRender

/// The exit codes of every verb, fixed by contract.
public enum ExitCode: Int32, Sendable {
    case ok = 0
    /// `check` found drift (later also `diff` changes).
    case changes = 1
    case usage = 2
    /// The DSL file does not compile.
    case compileError = 3
    /// The DSL program failed or handed over no environment.
    case programFailed = 4
    case validationFailed = 5
    /// An I/O failure, or an internal error such as a template Bicep would reject (a Slipway bug).
    case ioError = 6
}

/// A failure that ends a verb with an exit code and a message on stderr.
struct CLIFailure: Error {
    var code: ExitCode
    var message: String
}

extension CLIFailure {
    /// The message and exit code for a template the renderer refused to print.
    init(_ failure: EnvironmentRenderer.TemplateConstructionFailure) {
        self.init(
            code: .ioError,
            message:
                "slipway: \(failure)\nslipway: this is a Slipway bug, not a mistake in the DSL file; nothing was written"
        )
    }
}

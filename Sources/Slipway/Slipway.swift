import FoundationEssentials
package import SlipwayModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entry points a DSL file calls.
public enum Slipway {
    /// Hands the described environments to the `slipway` CLI. Call it exactly once, at the end of
    /// the file, after every modifier has been applied:
    ///
    /// ```swift
    /// Slipway.emit(dev, prod)
    /// ```
    public static func emit(
        _ environments: Environment..., fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) {
        emit(environments, fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// A named input the CLI controls with `--set name=value`, such as the size of a fleet.
    /// `slipway check` and the committed `Output/` always use `defaultValue`, which
    /// `slipway set-input` rewrites in place (a pipeline's tag bump). Inputs are part of every
    /// cache key. DSL files read inputs only through this call, never from the environment.
    /// A `--set` value that is not an integer is a usage error (exit 2) naming the input.
    public static func input(
        _ name: String, default defaultValue: Int, fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Int {
        ProgramClock.touch()
        guard let given = ResultChannel.shared.record(name, default: String(defaultValue)) else { return defaultValue }
        guard let value = Int(given) else {
            ResultChannel.shared.reject(
                name, value: given, expected: "an integer", at: .site(fileID, filePath, line, column))
            return defaultValue
        }
        return value
    }

    /// A named string input; see ``input(_:default:)-(String,Int)``.
    public static func input(_ name: String, default defaultValue: String) -> String {
        ResultChannel.shared.record(name, default: defaultValue) ?? defaultValue
    }

    /// Hands an array of environments to the `slipway` CLI; see ``emit(_:fileID:filePath:line:column:)-swift.type.method``.
    public static func emit(
        _ environments: [Environment], fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) {
        let site = SourceLocation.site(fileID, filePath, line, column)
        let models = environments.map { $0.resolved() }
        ResultChannel.shared.handOver(models, at: site, buildSeconds: ProgramClock.elapsed)
    }
}

/// The file the CLI passed with `--slipway-result`; the user's stdout stays theirs.
final class ResultChannel: Sendable {
    static let shared = ResultChannel()

    private struct State {
        var handedOver = false
        /// Inputs the program read, with the value it used.
        var inputs: [String: String] = [:]
        /// `--set` values of the wrong type (DSL004).
        var rejected: [ProgramFailure] = []
    }

    private let state = Mutex(State())
    /// The `--slipway-input name=value` arguments the CLI passed.
    private let given: [String: String]
    private let path: String?

    private init() {
        let arguments = CommandLine.arguments
        var given: [String: String] = [:]
        for (index, argument) in arguments.enumerated()
        where argument == "--slipway-input" && index + 1 < arguments.count {
            let pair = arguments[index + 1]
            if let equals = pair.firstIndex(of: "=") {
                given[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
        }
        self.given = given
        if let index = arguments.firstIndex(of: "--slipway-result"), index + 1 < arguments.count {
            path = arguments[index + 1]
        } else {
            path = nil
        }
    }

    /// Writes the result file with plain POSIX calls: `Data.write` syncs the file to disk, several
    /// milliseconds per megabyte here, and the CLI reads it right after this process exits. A
    /// failed or short write leaves a file the CLI rejects as unreadable.
    private static func writeResult(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// Records that `name` was read and returns the value the CLI gave, if any.
    func record(_ name: String, default defaultValue: String) -> String? {
        let value = given[name]
        state.withLock { $0.inputs[name] = value ?? defaultValue }
        return value
    }

    /// Records a `--set` value that does not have the input's type.
    func reject(_ name: String, value: String, expected: String, at site: SourceLocation) {
        state.withLock {
            $0.rejected.append(
                ProgramFailure(
                    code: "DSL004",
                    message: "--set \(name)=\(value): input '\(name)' takes \(expected), not '\(value)'", site: site))
        }
    }

    func handOver(_ environments: [EnvironmentModel], at site: SourceLocation, buildSeconds: Double) {
        state.withLock { state in
            var result: ProgramResult
            if state.handedOver {
                result = ProgramResult(
                    environments: [],
                    failures: [
                        ProgramFailure(
                            code: "DSL002",
                            message: "the file hands over its environments twice; call Slipway.emit exactly once",
                            site: site)
                    ])
            } else {
                result = ProgramResult(environments: environments)
            }
            result.failures = state.rejected + result.failures
            result.inputs = state.inputs
            result.buildSeconds = buildSeconds
            state.handedOver = true
            guard let bytes = try? CompactEncoder().encode(result) else { return }
            if let path {
                ResultChannel.writeResult(bytes, to: path)
            } else {
                var message = "slipway: run this file with `slipway generate FILE`; it was run directly.\n"
                message.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
            }
        }
    }
}

/// When the program started describing its model: the first DSL call.
enum ProgramClock {
    static let start = ContinuousClock.now

    static func touch() { _ = start }

    static var elapsed: Double {
        let duration = ContinuousClock.now - start
        return duration.seconds
    }
}

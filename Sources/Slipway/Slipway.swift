import Foundation

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

    /// Hands an array of environments to the `slipway` CLI; see ``emit(_:fileID:filePath:line:column:)-swift.type.method``.
    public static func emit(
        _ environments: [Environment], fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) {
        let site = SourceLocation.site(fileID, filePath, line, column)
        ResultChannel.shared.handOver(environments.map { $0.resolved() }, at: site)
    }
}

/// The file the CLI passed with `--slipway-result`; the user's stdout stays theirs.
final class ResultChannel: @unchecked Sendable {
    static let shared = ResultChannel()
    private let lock = NSLock()
    private var handedOver = false

    private var path: String? {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: "--slipway-result"), index + 1 < arguments.count else {
            return nil
        }
        return arguments[index + 1]
    }

    func handOver(_ environments: [EnvironmentModel], at site: SourceLocation) {
        lock.lock()
        defer { lock.unlock() }
        let result: ProgramResult
        if handedOver {
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
        handedOver = true
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(result) else { return }
        if let path {
            try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } else {
            FileHandle.standardError.write(
                Data("slipway: run this file with `slipway generate FILE`; it was run directly.\n".utf8))
        }
    }
}

import Foundation

/// Runs a child process to completion. Output goes to a temporary file, never a pipe, so a chatty
/// child cannot block.
enum Subprocess {
    struct Result {
        var status: Int32
        var signalled: Bool
        var output: String
    }

    static func run(
        _ executable: URL, _ arguments: [String], captureOutput: Bool, environment: [String: String]? = nil,
        standardOutputToStandardError: Bool = false
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).log")
        FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        let handle = try FileHandle(forWritingTo: capture)
        defer { try? handle.close() }
        if captureOutput {
            process.standardError = handle
            process.standardOutput = standardOutputToStandardError ? FileHandle.standardError : handle
        }
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
        return Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, output: output)
    }
}

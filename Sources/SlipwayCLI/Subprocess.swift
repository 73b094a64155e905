import Foundation

/// Runs a child process to completion. Output goes to a temporary file, never a pipe, so a chatty
/// child cannot block.
enum Subprocess {
    struct Result {
        var status: Int32
        var signalled: Bool
        /// What the child wrote to stderr (and to stdout, unless kept apart).
        var output: String
        /// What the child wrote to stdout when `separateStandardOutput` was set.
        var standardOutput: String = ""
    }

    static func run(
        _ executable: URL, _ arguments: [String], captureOutput: Bool, environment: [String: String]? = nil,
        separateStandardOutput: Bool = false
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).log")
        let stdoutCapture = capture.appendingPathExtension("stdout")
        FileManager.default.createFile(atPath: capture.path, contents: nil)
        FileManager.default.createFile(atPath: stdoutCapture.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: capture)
            try? FileManager.default.removeItem(at: stdoutCapture)
        }
        let handle = try FileHandle(forWritingTo: capture)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutCapture)
        defer {
            try? handle.close()
            try? stdoutHandle.close()
        }
        if captureOutput {
            process.standardError = handle
            process.standardOutput = separateStandardOutput ? stdoutHandle : handle
        }
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
        let standardOutput = (try? String(contentsOf: stdoutCapture, encoding: .utf8)) ?? ""
        return Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, output: output,
            standardOutput: standardOutput)
    }
}

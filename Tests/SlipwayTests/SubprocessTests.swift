import Foundation
import Testing

@testable import SlipwayCLI

/// The child-process runner behind `swiftc`, the DSL program, `git` and `slipway bench`.
@Suite struct SubprocessTests {
    let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func exitStatusAndBothStreamsAreCaptured() throws {
        let result = try Subprocess.run(
            shell, ["-c", "echo out; echo err >&2; exit 3"], captureOutput: true)
        #expect(result.status == 3)
        #expect(!result.signalled)
        #expect(result.output == "out\nerr\n")
        #expect(result.standardOutput.isEmpty)
        #expect(result.seconds > 0)
    }

    @Test func standardOutputCanBeKeptApart() throws {
        let result = try Subprocess.run(
            shell, ["-c", "echo out; echo err >&2"], captureOutput: true, separateStandardOutput: true)
        #expect(result.status == 0)
        #expect(result.output == "err\n")
        #expect(result.standardOutput == "out\n")
    }

    @Test func aSignalIsReportedWithItsNumber() throws {
        let result = try Subprocess.run(shell, ["-c", "kill -SEGV $$"], captureOutput: true)
        #expect(result.signalled)
        #expect(result.status == SIGSEGV)
    }

    @Test func theEnvironmentIsExactlyTheOneGivenAndStandardInputIsEmpty() throws {
        let result = try Subprocess.run(
            shell, ["-c", "echo \"$ONLY:${HOME:-unset}\"; cat"], captureOutput: true,
            environment: ["ONLY": "this"])
        #expect(result.status == 0)
        #expect(result.output == "this:unset\n")
    }

    @Test func onlyTheThreeStandardDescriptorsReachTheChild() throws {
        // A descriptor open in the parent without close-on-exec, as another thread writing a
        // script would have.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-fd-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o600)
        #expect(descriptor > 2)
        defer {
            close(descriptor)
            unlink(path)
        }
        let result = try Subprocess.run(shell, ["-c", "ls /proc/self/fd"], captureOutput: true)
        // `ls` itself holds one descriptor for the directory it lists.
        let open = result.output.split(separator: "\n").compactMap { Int($0) }.filter { $0 > 2 }
        #expect(open.count <= 1, "inherited: \(open)")
    }

    @Test func aMissingExecutableIsAnErrorNotACrash() {
        #expect(throws: Subprocess.SpawnFailure.self) {
            try Subprocess.run(URL(fileURLWithPath: "/nonexistent/tool"), [], captureOutput: true)
        }
    }
}

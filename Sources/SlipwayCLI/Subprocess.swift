import FoundationEssentials
import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a child process to completion with `posix_spawn` and `waitpid`. Output goes to a temporary
/// file, never a pipe, so a chatty child cannot block.
///
/// Not Foundation's `Process`: on Linux its `waitUntilExit()` polls the run loop every 50 ms, so
/// every child looked at least 50 ms long (measured: `/bin/true` 51 ms through `Process`, 0.5 ms
/// through `posix_spawn` + `waitpid`). The CLI waits for `swiftc` and for the DSL program on every
/// uncached run, and `slipway bench` times children against `cp -r`.
enum Subprocess {
    struct Result {
        /// The exit status, or the signal number when `signalled`.
        var status: Int32
        var signalled: Bool
        /// What the child wrote to stderr (and to stdout, unless kept apart).
        var output: String
        /// What the child wrote to stdout when `separateStandardOutput` was set.
        var standardOutput: String = ""
        /// Wall-clock seconds from the spawn to the reaped exit.
        var seconds: Double = 0
        /// The child ran past its deadline and was killed.
        var timedOut = false
    }

    /// A child that could not be started at all (missing or not executable).
    struct SpawnFailure: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "cannot run \(executable): \(String(cString: strerror(code)))" }
    }

    /// Runs `executable` with `arguments` and waits for it. Standard input is `/dev/null`. With
    /// `captureOutput`, stderr (and stdout, unless `separateStandardOutput`) is collected into
    /// `Result.output`; without it, both streams are the parent's.
    ///
    /// The child runs in a process group of its own, registered with ``Supervision`` so that a
    /// signal to `slipway` ends it and everything it started; with `timeout`, the group is killed
    /// when that many seconds pass (``Result/timedOut``).
    static func run(
        _ executable: URL, _ arguments: [String], captureOutput: Bool, environment: [String: String]? = nil,
        separateStandardOutput: Bool = false, timeout: Double? = nil
    ) throws -> Result {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).log")
        let stdoutCapture = capture.appendingPathExtension("stdout")
        if captureOutput {
            Supervision.shared.register(path: capture.path)
            Supervision.shared.register(path: stdoutCapture.path)
        }
        defer {
            if captureOutput {
                unlink(capture.path)
                if separateStandardOutput { unlink(stdoutCapture.path) }
                Supervision.shared.unregister(path: capture.path)
                Supervision.shared.unregister(path: stdoutCapture.path)
            }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            let flags = O_WRONLY | O_CREAT | O_TRUNC
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, capture.path, flags, 0o600)
            if separateStandardOutput {
                posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdoutCapture.path, flags, 0o600)
            } else {
                posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO)
            }
        }

        // Only stdin, stdout and stderr reach the child: a descriptor another thread has open
        // (a script being written, a file being read) must not stay open in it, or a later exec
        // of that script fails with ETXTBSY.
        _ = Subprocess.addCloseFrom?(&actions, 3)

        // The child starts with default signal handling and nothing blocked, whatever the CLI set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        var noSignal = sigset_t()
        sigfillset(&everySignal)
        sigemptyset(&noSignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argumentStrings = [executable.path] + arguments
        let environmentStrings = environment.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        let clock = ContinuousClock()
        let start = clock.now
        var child: pid_t = 0
        let spawned = withCStrings(argumentStrings) { argv in
            if let environmentStrings {
                return withCStrings(environmentStrings) { envp in
                    posix_spawn(&child, executable.path, &actions, &attributes, argv, envp)
                }
            }
            return posix_spawn(&child, executable.path, &actions, &attributes, argv, environ)
        }
        guard spawned == 0 else { throw SpawnFailure(executable: executable.path, code: spawned) }
        Supervision.shared.register(child: child)
        let deadline = timeout.map { Deadline(child: child, seconds: $0) }

        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 {
            guard errno == EINTR else {
                let code = errno
                // ECHILD when a signal's clean-up reaped the child first: that clean-up ends the
                // process and reports the signal; this thread must not report a failure of its own.
                Supervision.shared.yieldIfStopping()
                throw SpawnFailure(executable: executable.path, code: code)
            }
        }
        Supervision.shared.yieldIfStopping()
        let timedOut = deadline?.finish() ?? false
        // Whatever the child left running in its group goes with it.
        kill(-child, SIGKILL)
        Supervision.shared.unregister(child: child)
        let duration = clock.now - start

        // The <sys/wait.h> macros are not imported: the low 7 bits hold the terminating signal
        // (0 for a normal exit, 0x7f for stopped), the next 8 bits the exit status.
        let signal = status & 0x7f
        let signalled = signal != 0 && signal != 0x7f
        let output = captureOutput ? (try? String(contentsOf: capture, encoding: .utf8)) ?? "" : ""
        let standardOutput =
            captureOutput && separateStandardOutput
            ? (try? String(contentsOf: stdoutCapture, encoding: .utf8)) ?? "" : ""
        return Result(
            status: signalled ? signal : (status >> 8) & 0xff, signalled: signalled, output: output,
            standardOutput: standardOutput,
            seconds: duration.seconds, timedOut: timedOut)
    }

    private typealias AddCloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not expose; nil on an older C library, where descriptors stay inherited.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    /// Calls `body` with a NULL-terminated array of C strings that lives as long as the call.
    private static func withCStrings<R>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R
    ) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

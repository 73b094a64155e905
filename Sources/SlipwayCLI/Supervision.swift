import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `slipway` must clean up when it is told to stop: the process groups of the children it
/// runs (the DSL program, `swiftc`) and the temporary files and folders it made. SIGINT, SIGTERM
/// and SIGHUP stop those children (each runs in a process group of its own, so whatever it
/// started stops too), remove the files, and end `slipway` with 128 + the signal. A signal that
/// arrives while the output is being committed waits for the commit to finish, so the tree on disk
/// is complete old or complete new.
public final class Supervision: @unchecked Sendable {
    public static let shared = Supervision()

    private var mutex = pthread_mutex_t()
    private var children: Set<pid_t> = []
    private var paths: Set<String> = []
    private var critical = 0
    private var pendingSignal: Int32?
    private var stopping = false
    private var sources: [any DispatchSourceSignal] = []

    private init() { pthread_mutex_init(&mutex, nil) }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    /// Routes SIGINT, SIGTERM and SIGHUP to the clean-up. Call once, at start.
    public func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in stop(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    /// Called by a thread whose child just ended: when the end is this clean-up's doing, the
    /// thread waits here for the process to exit, instead of reporting a crash it did not see.
    func yieldIfStopping() {
        guard locked({ stopping }) else { return }
        while true { pause() }
    }

    func register(child: pid_t) { locked { _ = children.insert(child) } }
    func unregister(child: pid_t) { locked { _ = children.remove(child) } }
    func register(path: String) { locked { _ = paths.insert(path) } }
    func unregister(path: String) { locked { _ = paths.remove(path) } }

    /// Runs `body` with stopping deferred until it returns.
    func uninterrupted<T>(_ body: () throws -> T) rethrows -> T {
        locked { critical += 1 }
        defer {
            let pending: Int32? = locked {
                critical -= 1
                return critical == 0 ? pendingSignal : nil
            }
            if let pending { stop(pending) }
        }
        return try body()
    }

    private func stop(_ signalNumber: Int32) {
        let (groups, files, deferred): ([pid_t], [String], Bool) = locked {
            if critical > 0 {
                pendingSignal = signalNumber
                return ([], [], true)
            }
            stopping = true
            return (Array(children), Array(paths), false)
        }
        if deferred { return }
        for child in groups { kill(-child, SIGKILL) }
        for child in groups {
            var status: Int32 = 0
            _ = waitpid(child, &status, 0)
        }
        for path in files { removeTree(path) }
        var message =
            "\nslipway: stopped by signal \(signalNumber); the DSL program was ended and its temporary files removed\n"
        message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        _exit(128 + signalNumber)
    }

    private func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFDIR, let stream = opendir(path) {
            var names: [String] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(stream)
            for name in names { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

/// Ends a child's process group after `seconds`, unless the child was reaped first.
final class Deadline: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var done = false
    private(set) var expired = false

    init(child: pid_t, seconds: Double) {
        pthread_mutex_init(&mutex, nil)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            guard !done else { return }
            expired = true
            kill(-child, SIGKILL)
        }
    }

    /// The child was reaped: the deadline no longer applies (its pid may be reused).
    func finish() -> Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        done = true
        return expired
    }
}

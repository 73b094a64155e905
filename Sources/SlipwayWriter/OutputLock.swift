#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One writer at a time per output folder: an advisory `flock` on `<output>/.slipway.lock`,
/// held for the whole write (and, shared, for a `check`). The kernel drops it when the process
/// ends, however it ends, so a killed run never leaves a stale lock. The file stays (deleting a
/// lock file others may be waiting on would let two runs hold two different locks).
public final class OutputLock {
    public static let fileName = ".slipway.lock"

    /// Another run holds the lock and the caller chose not to wait.
    public struct Busy: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "another slipway run is writing this output (it holds \(path)); run again when it is done, or pass --wait"
        }
    }

    private var descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock of `output` (creating the folder and the lock file when needed).
    /// - Parameters:
    ///   - exclusive: false for readers (`check`), which may run together but not during a write.
    ///   - wait: when the lock is taken, block until it is free (after calling `waiting`), or throw ``Busy``.
    public static func acquire(
        _ output: String, exclusive: Bool = true, wait: Bool = true, waiting: () -> Void = {}
    ) throws -> OutputLock {
        try FileSystem.makeDirectories(output)
        let path = output + "/" + fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        // A reader of an output on a read-only file system needs no lock: nothing can write there.
        if descriptor < 0, errno == EROFS, !exclusive { return OutputLock(descriptor: -1, path: path) }
        guard descriptor >= 0 else { throw WriteFailure.lastError(at: path) }
        let mode = exclusive ? LOCK_EX : LOCK_SH
        if flock(descriptor, mode | LOCK_NB) == 0 { return OutputLock(descriptor: descriptor, path: path) }
        guard errno == EWOULDBLOCK else {
            let failure = WriteFailure.lastError(at: path)
            close(descriptor)
            throw failure
        }
        guard wait else {
            close(descriptor)
            throw Busy(path: path)
        }
        waiting()
        while flock(descriptor, mode) != 0 {
            guard errno == EINTR else {
                let failure = WriteFailure.lastError(at: path)
                close(descriptor)
                throw failure
            }
        }
        return OutputLock(descriptor: descriptor, path: path)
    }

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

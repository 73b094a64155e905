import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Seeded interruptions for the fault tests: the process exits at once (status 86), as a crash or
/// a `kill -9` would, at a chosen point of a write.
/// - `SLIPWAY_FAIL_AFTER_FILES=N`: after N files reach the staging folders.
/// - `SLIPWAY_FAIL_AT=swap:N`: after the N-th step of the commit (a folder or workflow swapped,
///   created or moved aside), before the journal is removed.
/// - `SLIPWAY_FAIL_AT=cleanup:N`: after the N-th old tree or backup is deleted, past the commit point.
public struct FaultInjection: Sendable {
    public enum Phase: String, Sendable { case swap, cleanup }

    public var afterFiles: Int?
    public var phase: Phase?
    public var step: Int?

    public init(afterFiles: Int? = nil, phase: Phase? = nil, step: Int? = nil) {
        self.afterFiles = afterFiles
        self.phase = phase
        self.step = step
    }

    /// Reads the two variables; anything malformed means no injection.
    public init(environment: [String: String]) {
        afterFiles = environment["SLIPWAY_FAIL_AFTER_FILES"].flatMap { Int($0) }
        if let point = environment["SLIPWAY_FAIL_AT"] {
            let parts = point.split(separator: ":")
            if parts.count == 2, let phase = Phase(rawValue: String(parts[0])), let step = Int(parts[1]) {
                self.phase = phase
                self.step = step
            }
        }
    }

    public static let none = FaultInjection()

    func afterStaging(_ count: Int) {
        if let afterFiles, count >= afterFiles { trip("after \(afterFiles) files") }
    }

    func after(_ phase: Phase, step count: Int) {
        if self.phase == phase, step == count { trip("at \(phase.rawValue):\(count)") }
    }

    private func trip(_ point: String) -> Never {
        var message = "slipway: injected failure \(point)\n"
        message.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
        exit(86)
    }
}

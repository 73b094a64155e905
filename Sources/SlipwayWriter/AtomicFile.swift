import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces one file so that a reader sees the old content or the new, never a torn file: the
/// content goes to a hidden sibling, which is then renamed over the target.
public enum AtomicFile {
    public static func write(_ content: String, to target: URL) throws {
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).slipway-new-\(token)")
        do {
            try OutputFolder.writeFile(staging.path, content, executable: false)
            guard rename(staging.path, target.path) == 0 else {
                throw WriteFailure.lastError(at: target.path)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }
}

import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces one file so that a reader sees the old content or the new, never a torn file: the
/// content goes to a hidden sibling, which is then renamed over the target. No `fsync`: the rename
/// orders what readers see, and a file lost in a power cut is regenerated (output) or rejected by
/// its reader and rebuilt (cache entries); syncing made writing large outputs several times slower.
public enum AtomicFile {
    public static func write(_ content: String, to target: URL) throws {
        var content = content
        try content.withUTF8 { try write(UnsafeRawBufferPointer($0), to: target) }
    }

    public static func write(_ bytes: [UInt8], to target: URL) throws {
        try bytes.withUnsafeBytes { try write($0, to: target) }
    }

    public static func write(_ bytes: UnsafeRawBufferPointer, to target: URL) throws {
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).slipway-new-\(token)")
        do {
            try OutputFolder.writeFile(staging.path, bytes, executable: false)
            guard rename(staging.path, target.path) == 0 else {
                throw WriteFailure.lastError(at: target.path)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }
}

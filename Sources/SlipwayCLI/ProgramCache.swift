import FoundationEssentials
import SlipwayWriter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Two caches under `${XDG_CACHE_HOME:-~/.cache}/slipway`:
/// - `programs/<key>/program`: a compiled DSL program. The key covers every source file's content
///   and the path passed to `swiftc` (it is compiled into each call site), the identity of the
///   Slipway module and library, the compiler, and the flags and language mode.
/// - `results/<key>.slpw`: what a program handed over (``CompactFormat``). The key is the program's key plus the
///   inputs, so a warm run of an unchanged file is a single process.
/// Entries are written to a temporary name and renamed into place, so concurrent runs are safe.
/// Every entry is checked on read (``CacheIntegrity``): a result is sealed with its checksum, a
/// program has `program.sum` beside it; a damaged entry is deleted and rebuilt.
struct ProgramCache {
    let root: URL

    init(root: URL = DSLProgram.cacheDirectory) { self.root = root }

    static var disabled: Bool { ProcessEnvironment.current["SLIPWAY_NO_CACHE"] == "1" }

    /// Whether results may be reused: off with either switch (`SLIPWAY_NO_RESULT_CACHE=1` is how
    /// the benchmark runs a cached program every time). Renderings follow it (``RenderCache``).
    static var resultsDisabled: Bool { disabled || ProcessEnvironment.current["SLIPWAY_NO_RESULT_CACHE"] == "1" }

    /// A 128-bit FNV-1a fingerprint (two 64-bit lanes with different offsets) of `parts`, each
    /// length-prefixed so that boundaries cannot shift.
    static func key(_ parts: [String]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        for part in parts {
            for byte in Array("\(part.utf8.count):".utf8) + Array(part.utf8) {
                first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
                second = (second ^ UInt64(byte)) &* 0x100_0000_01b3
                second = second &+ (first >> 7)
            }
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(first) + hex(second)
    }

    /// The identity of a file: size, modification time and inode (changes when it is rebuilt).
    static func identity(_ url: URL) -> String {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return "missing" }
        return "\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)-\(status.st_ino)"
    }

    func programURL(_ key: String) -> URL { root.appendingPathComponent("programs/\(key)/program") }

    /// The cached program of `key` when its bytes match the checksum stored with it. A program
    /// whose bytes changed (a flipped bit, a truncation) is deleted, so the caller compiles again.
    func verifiedProgram(_ key: String) -> URL? {
        let program = programURL(key)
        let folder = program.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        if let bytes = FileManager.default.contents(atPath: program.path),
            let sum = FileManager.default.contents(atPath: folder.appendingPathComponent("program.sum").path),
            [UInt8](sum) == CacheIntegrity.checksum([UInt8](bytes)),
            FileManager.default.isExecutableFile(atPath: program.path)
        {
            return program
        }
        try? FileManager.default.removeItem(at: folder)
        return nil
    }
    func resultURL(_ key: String) -> URL { root.appendingPathComponent("results/\(key).slpw") }

    /// Moves a freshly compiled program into the cache; a concurrent run that got there first wins.
    func store(program: URL, key: String) {
        let manager = FileManager.default
        let folder = root.appendingPathComponent("programs/\(key)")
        let staging = root.appendingPathComponent(
            "programs/.\(key)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            try manager.copyItem(at: program, to: staging.appendingPathComponent("program"))
            let bytes = [UInt8](manager.contents(atPath: program.path) ?? Data())
            try AtomicFile.write(CacheIntegrity.checksum(bytes), to: staging.appendingPathComponent("program.sum"))
            if manager.fileExists(atPath: folder.path) {
                try manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: staging, to: folder)
            }
        } catch {
            try? manager.removeItem(at: staging)
        }
    }

    /// Writes a result, sealed with its checksum, atomically (temporary file, then rename, no `fsync`).
    func store(result: Data, key: String) {
        let url = resultURL(key)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? AtomicFile.write(result.withUnsafeBytes { CacheIntegrity.seal($0) }, to: url)
    }

    /// The stored result of `key`, when it is intact.
    func result(_ key: String) -> [UInt8]? { CacheIntegrity.read(resultURL(key)) }
}

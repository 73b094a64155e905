import FoundationEssentials
import SlipwayWriter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How fast the file system creates files right now: the 1,000-cluster output written again with
/// nothing but `mkdir`, `open`, `write` and `close`. The writer's own figure means little without
/// it: on this machine the same probe took 0.17 s on tmpfs, about 0.15 s on the disk one morning
/// and 2.5 s on the same disk after an hour of fault tests.
enum FileSystemProbe {
    /// Seconds to write every file of `tree` below `destination` (which must not exist).
    static func seconds(writing tree: URL, to destination: URL) throws -> Double {
        let files = OutputFolder.read(tree).sorted { $0.key < $1.key }
        sync()
        let clock = ContinuousClock()
        let start = clock.now
        var directories: Set<String> = []
        for (path, content) in files {
            let target = destination.path + "/" + path
            let folder = String(target[..<target.lastIndex(of: "/")!])
            if directories.insert(folder).inserted {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw CLIFailure(code: .ioError, message: "slipway bench: cannot write \(target)")
            }
            var bytes = content
            _ = bytes.withUTF8 { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        return (clock.now - start).seconds
    }
}

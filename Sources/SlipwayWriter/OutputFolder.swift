import FoundationEssentials
import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and replaces one environment folder of the output. Files are text with LF endings.
public enum OutputFolder {
    /// Every regular file below `folder`, by path relative to it (hidden files included; symbolic
    /// links are not followed). Plain `readdir`/`read`: Foundation's enumerator with resource
    /// values was a sixth of a 1,000-cluster `generate`.
    public static func read(_ folder: URL) -> [String: String] { read(path: folder.standardizedFileURL.path) }

    public static func read(path: String) -> [String: String] {
        var files: [String: String] = [:]
        collect(path, prefix: "", into: &files)
        return files
    }

    static func collect(_ directory: String, prefix: String, into files: inout [String: String]) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                default: continue
                }
            }
            if type == UInt8(DT_DIR) {
                collect(path, prefix: prefix + name + "/", into: &files)
            } else if type == UInt8(DT_REG) {
                files[prefix + name] = contents(of: path) ?? ""
            }
        }
    }

    /// A file's bytes as UTF-8 text.
    static func contents(of path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            guard count > 0 else { break }
            offset += count
        }
        return String(decoding: bytes[..<offset], as: UTF8.self)
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` syncs every file to disk,
    /// which made writing a 1,000-cluster fleet several times slower; durability comes from the
    /// rename of the whole folder instead.
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer, executable: Bool) throws {
        try FileSystem.writeNewFile(path, bytes, executable: executable)
    }
}

/// `read(2)`; at file scope the name is the C function, not `OutputFolder.read(_:)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

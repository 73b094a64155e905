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
    public static func read(_ folder: URL) -> [String: String] {
        var files: [String: String] = [:]
        collect(folder.standardizedFileURL.path, prefix: "", into: &files)
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

    /// What one replacement did.
    public struct Outcome: Equatable, Sendable {
        public var written = 0
        public var unchanged = 0
        /// Whether the folder was swapped with `renameat2(RENAME_EXCHANGE)` (false: the rename fallback).
        public var atomicExchange = false
    }

    /// Replaces `folder` with exactly `files`, so that an interrupted run leaves the old folder or
    /// the new one, never a mix:
    /// 1. build the new tree in a hidden sibling folder;
    /// 2. hard-link every unchanged file from the old tree into it (same inode and modification time);
    /// 3. write the changed files;
    /// 4. swap the two folders with `renameat2(RENAME_EXCHANGE)` and delete the old tree.
    ///
    /// Fallback when the exchange is unavailable (no `renameat2`, or a file system without
    /// RENAME_EXCHANGE): rename the old folder aside, rename the new one in, delete the old one. The
    /// folder is then briefly absent, but never mixed.
    ///
    /// `failAfterFiles` simulates an interruption after that many files reach the staging folder
    /// (the process exits at once, as a crash would); tests set it through `SLIPWAY_FAIL_AFTER_FILES`.
    /// - Returns: nil when the folder already holds exactly `files`.
    @discardableResult
    public static func replace(_ folder: URL, with files: [String: String], failAfterFiles: Int? = nil) throws
        -> Outcome?
    {
        let manager = FileManager.default
        let exists = manager.fileExists(atPath: folder.path)
        let old = exists ? read(folder) : [:]
        if exists, old == files { return nil }
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).slipway-new-\(token)")
        let retired = parent.appendingPathComponent(".\(folder.lastPathComponent).slipway-old-\(token)")
        var outcome = Outcome()
        var finished = false
        defer {
            if !finished { try? manager.removeItem(at: staging) }
            try? manager.removeItem(at: retired)
        }
        // Plain path strings: URL parsing per file was most of the writer's own time.
        let stagingPath = staging.path
        let folderPath = folder.path
        var directories: Set<Substring> = []
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let target = stagingPath + "/" + path
            if let slash = target.lastIndex(of: "/"), directories.insert(target[..<slash]).inserted {
                try manager.createDirectory(atPath: String(target[..<slash]), withIntermediateDirectories: true)
            }
            if old[path] == content {
                try manager.linkItem(atPath: folderPath + "/" + path, toPath: target)
                outcome.unchanged += 1
            } else {
                try writeFile(target, content, executable: path.hasSuffix(".sh"))
                outcome.written += 1
            }
            if let failAfterFiles, outcome.written + outcome.unchanged >= failAfterFiles {
                var message = "slipway: injected failure after \(failAfterFiles) files\n"
                message.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
                exit(86)
            }
        }
        if exists {
            if AtomicSwap.exchange(staging, folder) {
                outcome.atomicExchange = true
                try manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: folder, to: retired)
                try manager.moveItem(at: staging, to: folder)
            }
        } else {
            try manager.moveItem(at: staging, to: folder)
        }
        finished = true
        return outcome
    }

    /// Writes a new file with plain POSIX calls. Foundation's `Data.write` syncs every file to disk,
    /// which made writing a 1,000-cluster fleet several times slower; durability comes from the
    /// rename of the whole folder instead.
    static func writeFile(_ path: String, _ content: String, executable: Bool) throws {
        var content = content
        try content.withUTF8 { try writeFile(path, UnsafeRawBufferPointer($0), executable: executable) }
    }

    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer, executable: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0o755 : 0o644)
        guard descriptor >= 0 else { throw WriteFailure.lastError(at: path) }
        defer { close(descriptor) }
        guard writeAll(bytes, to: descriptor) else { throw WriteFailure.lastError(at: path) }
    }

    /// Removes staging and retired folders that an interrupted run left next to the environment folders.
    public static func removeLeftovers(in output: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        for name in names
        where name.hasPrefix(".") && (name.contains(".slipway-new-") || name.contains(".slipway-old-")) {
            try? FileManager.default.removeItem(at: output.appendingPathComponent(name))
        }
    }

    /// Removes an environment folder that its DSL file no longer declares.
    public static func remove(_ folder: URL) throws {
        if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
    }
}

/// `read(2)`; at file scope the name is the C function, not `OutputFolder.read(_:)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls the writer makes, as plain POSIX calls that fail with a
/// ``WriteFailure`` naming the path and `strerror` (never a Foundation error dump).
enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The inode of `path`, or nil when it does not exist.
    static func inode(_ path: String) -> UInt64? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return UInt64(status.st_ino)
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) throws {
        if isDirectory(path) { return }
        if let slash = path.lastIndex(of: "/"), slash > path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw WriteFailure.lastError(at: path) }
    }

    static func rename(_ from: String, _ to: String) throws {
        guard posixRename(from, to) == 0 else { throw WriteFailure.lastError(at: to) }
    }

    static func link(_ existing: String, _ new: String) throws {
        guard posixLink(existing, new) == 0 else { throw WriteFailure.lastError(at: new) }
    }

    static func unlink(_ path: String) throws {
        guard posixUnlink(path) == 0 || errno == ENOENT else { throw WriteFailure.lastError(at: path) }
    }

    /// The names in `directory` (without `.` and `..`); empty when it cannot be read.
    static func names(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// `rm -rf path`: nothing when it does not exist; symbolic links are removed, not followed.
    static func removeTree(_ path: String) throws {
        guard exists(path) else { return }
        if isDirectory(path) {
            for name in names(in: path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else { throw WriteFailure.lastError(at: path) }
        } else {
            try unlink(path)
        }
    }

    /// Writes a new file (it must not exist) with plain POSIX calls.
    static func writeNewFile(_ path: String, _ bytes: UnsafeRawBufferPointer, executable: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0o755 : 0o644)
        guard descriptor >= 0 else { throw WriteFailure.lastError(at: path) }
        guard writeAll(bytes, to: descriptor) else {
            let failure = WriteFailure.lastError(at: path)
            close(descriptor)
            throw failure
        }
        // close() reports a deferred write error (NFS, some full-disk cases).
        guard close(descriptor) == 0 else { throw WriteFailure.lastError(at: path) }
    }
}

// At file scope the names are the C functions, not `FileSystem`'s.
private func posixRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func posixLink(_ existing: String, _ new: String) -> Int32 { link(existing, new) }
private func posixUnlink(_ path: String) -> Int32 { unlink(path) }

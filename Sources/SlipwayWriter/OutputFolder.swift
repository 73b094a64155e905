import Foundation

/// Reads and replaces one environment folder of the output. Files are text with LF endings.
public enum OutputFolder {
    /// Every regular file below `folder`, by path relative to it (hidden files included).
    public static func read(_ folder: URL) -> [String: String] {
        var files: [String: String] = [:]
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            files[relative] = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        return files
    }

    /// Replaces `folder` with exactly `files`. The new tree is built in a sibling temporary folder
    /// and swapped in by rename, so an interrupted run leaves the old folder or the new one, never a
    /// mix. Unchanged contents are not rewritten.
    /// - Returns: whether anything changed.
    @discardableResult
    public static func replace(_ folder: URL, with files: [String: String]) throws -> Bool {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path), read(folder) == files { return false }
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).slipway-new-\(token)")
        let retired = parent.appendingPathComponent(".\(folder.lastPathComponent).slipway-old-\(token)")
        defer {
            try? manager.removeItem(at: staging)
            try? manager.removeItem(at: retired)
        }
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let url = staging.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
            if path.hasSuffix(".sh") {
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
        if manager.fileExists(atPath: folder.path) {
            try manager.moveItem(at: folder, to: retired)
        }
        try manager.moveItem(at: staging, to: folder)
        return true
    }

    /// Removes an environment folder that its DSL file no longer declares.
    public static func remove(_ folder: URL) throws {
        if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
    }
}

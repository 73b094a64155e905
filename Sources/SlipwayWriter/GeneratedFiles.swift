import FoundationEssentials
import SlipwayModel

/// Files Slipway owns inside a folder it shares with the team, such as `.github/workflows/`
/// (GitHub reads workflows only there, and not from subfolders). A file is Slipway's when its
/// first line is the ``GeneratedFileMarker`` naming one of the run's DSL files; every other file
/// is never read for drift, replaced or removed.
///
/// Atomicity: the folder cannot be swapped as a whole, so ``OutputTransaction`` stages each file
/// beside its target and renames it over the target in its commit, keeping the old file until the
/// commit point; an interrupted commit is rolled back with the environment folders.
public enum GeneratedFiles {
    /// Files in `folder` generated for any of `sources`, by file name.
    public static func owned(in folder: URL, by sources: Set<String>) -> [String: String] {
        var files: [String: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            guard let content = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                let owner = GeneratedFileMarker.owner(of: content), sources.contains(owner)
            else { continue }
            files[name] = content
        }
        return files
    }

    /// Names among `files` that exist in `folder` but are not Slipway's: writing them would
    /// overwrite a file the team wrote.
    public static func collisions(in folder: URL, with files: [String: String]) -> [String] {
        files.keys.sorted().filter { name in
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return false }
            let content = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return GeneratedFileMarker.owner(of: content) == nil
        }
    }
}

import FoundationEssentials
import SlipwayModel

/// The record in each environment folder that names the DSL file owning it, so `generate` can
/// remove folders the file no longer declares and `check` looks only at its own folders.
public enum Ownership {
    public static let fileName = ".slipway-owner"

    /// The file's content: the owning DSL path relative to the output folder's parent.
    public static func record(source: String) -> String { "source: \(source)\n" }

    /// The owning source of `folder`, if it has a record.
    public static func owner(of folder: URL) -> String? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8),
            text.hasPrefix("source: ")
        else { return nil }
        return String(text.dropFirst("source: ".count)).trimmedOfWhitespace
    }

    /// A folder the run would write that belongs to another DSL file, or to nobody.
    public struct Conflict: Equatable, Sendable, CustomStringConvertible {
        public var folder: String
        /// The recorded owner, or nil for a folder without an ownership record.
        public var owner: String?
        public var claimant: String

        public var description: String {
            if let owner {
                return "\(folder)/ belongs to \(owner), and \(claimant) also declares environment '\(folder)'"
            }
            return
                "\(folder)/ exists and has no \(Ownership.fileName), so it is not a folder slipway wrote; \(claimant) declares environment '\(folder)'"
        }
    }

    /// Folders in `output` that `claimants` (folder name → the DSL file that declares it) would
    /// take from another owner.
    public static func conflicts(in output: URL, claimants: [String: String]) -> [Conflict] {
        claimants.keys.sorted().compactMap { name in
            let folder = output.appendingPathComponent(name)
            guard FileSystem.isDirectory(folder.path) else { return nil }
            let owner = owner(of: folder)
            return owner == claimants[name] ? nil : Conflict(folder: name, owner: owner, claimant: claimants[name]!)
        }
    }

    /// Visible folders in `output` without an ownership record: not Slipway's, or a removal an
    /// older Slipway left half done.
    public static func unowned(in output: URL) -> [String] {
        FileSystem.names(in: output.path).filter { name in
            !name.hasPrefix(".") && FileSystem.isDirectory(output.path + "/" + name)
                && owner(of: output.appendingPathComponent(name)) == nil
        }
    }

    /// Environment folders under `output` owned by any of `sources`, by folder name.
    public static func folders(in output: URL, ownedBy sources: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
            owner(of: output.appendingPathComponent(name)).map(sources.contains) ?? false
        }
    }
}

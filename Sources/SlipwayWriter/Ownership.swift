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

    /// Environment folders under `output` owned by any of `sources`, by folder name.
    public static func folders(in output: URL, ownedBy sources: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
            owner(of: output.appendingPathComponent(name)).map(sources.contains) ?? false
        }
    }
}

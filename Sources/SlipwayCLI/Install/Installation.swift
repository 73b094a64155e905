import FoundationEssentials

/// The relocatable layout `slipway install --prefix DIR` writes, and how an installed `slipway`
/// checks it is whole. Everything lives in one directory, found from the executable's own path:
///
///     DIR/bin/slipway -> ../lib/slipway/slipway
///     DIR/lib/slipway/slipway, libSlipway.so, Modules/*.swiftmodule, Templates/, INSTALL
///
/// `INSTALL` records the version and, when the checkout had them, the Git remote and commit it was
/// built from: `slipway init` pins the scaffold's workflow to them.
struct Installation {
    /// `lib/slipway` of the prefix (the executable's directory).
    let directory: URL

    static let manifestName = "INSTALL"
    /// The module files a DSL program is compiled against (the rest of `Modules/` is the CLI's).
    static let modules = ["Slipway", "SlipwayModel", "SlipwayVocabulary"]

    /// The files a working installation needs, relative to `directory`.
    static var requiredFiles: [String] {
        ["slipway", "libSlipway.so", "Templates/blueprints"] + modules.map { "Modules/\($0).swiftmodule" }
    }

    /// What is missing, relative to `directory`; empty when the installation is whole.
    var missing: [String] {
        Self.requiredFiles.filter {
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// The failure an incomplete installation gives, naming what is missing and the fix.
    func incomplete() -> CLIFailure {
        let prefix = directory.deletingLastPathComponent().deletingLastPathComponent().path
        return CLIFailure(
            code: .ioError,
            message: """
                slipway: the installation in \(directory.path) is incomplete; missing: \(missing.joined(separator: ", "))
                slipway: reinstall it from a Slipway checkout: swift run -c release slipway install --prefix \(prefix)
                """)
    }

    /// What `INSTALL` records.
    struct Manifest: Codable, Equatable {
        var version: String
        /// The checkout's `origin` remote and commit, when it had them.
        var sourceURL: String?
        var sourceCommit: String?
    }

    var manifest: Manifest? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(Self.manifestName).path)
        else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }
}

import FoundationEssentials

/// `slipway editor [DIR]`: writes `DIR/compile_flags.txt`, the configuration the toolchain's
/// sourcekit-lsp reads for files without a package, so editors complete the DSL and report type
/// errors in DSL files. It names this machine's Slipway modules by absolute path, so it is written
/// here (by `editor` or `init`) and ignored by Git, never committed.
enum EditorCommand {
    static let fileName = "compile_flags.txt"

    static let help = """
        usage: slipway editor [DIR]

        Writes DIR/compile_flags.txt (default: the current directory, where the DSL files are) for
        sourcekit-lsp, which VS Code, Neovim, Emacs and other editors use for Swift: completion on
        the DSL and real type errors in every DSL file of DIR. It holds this machine's path to the
        Slipway modules (`-I <slipway>/Modules`) and the DSL's language mode, so keep it out of Git
        (`slipway init` writes it and ignores it). Run it again after moving or reinstalling Slipway.

        examples:
          slipway editor
          swift run slipway editor Examples
        """

    /// One flag per line, as sourcekit-lsp reads the file: the modules DSL programs compile
    /// against, and Swift 5 mode, which DSL programs are compiled in (``DSLProgram``).
    static func flags(_ toolchain: Toolchain) -> String {
        ["-I", toolchain.modules.path, "-swift-version", "5"].joined(separator: "\n") + "\n"
    }

    /// Writes the file into `directory`; returns its path.
    @discardableResult
    static func write(into directory: URL, toolchain: Toolchain) throws -> URL {
        let target = directory.appendingPathComponent(fileName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(flags(toolchain).utf8).write(to: target)
        return target
    }

    static func run(_ arguments: Arguments, toolchain: Toolchain, _ standardOutput: (String) -> Void) throws
        -> ExitCode
    {
        let directory = URL(fileURLWithPath: arguments.files.first ?? ".").standardizedFileURL
        let missing = ["Slipway", "SlipwayModel", "SlipwayVocabulary"].filter {
            !FileManager.default.fileExists(
                atPath: toolchain.modules.appendingPathComponent("\($0).swiftmodule").path)
        }
        guard missing.isEmpty else {
            throw CLIFailure(
                code: .ioError,
                message:
                    "slipway editor: \(toolchain.modules.path) has no \(missing.map { "\($0).swiftmodule" }.joined(separator: ", ")); reinstall with `swift run -c release slipway install --prefix DIR`"
            )
        }
        try write(into: directory, toolchain: toolchain)
        standardOutput(
            "slipway editor: wrote \(arguments.files.first.map { "\($0)/" } ?? "")\(fileName) for sourcekit-lsp (-I \(toolchain.modules.path)); it names this machine's Slipway, so keep it out of Git"
        )
        return .ok
    }
}

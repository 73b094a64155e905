import FoundationEssentials
import SlipwayWriter

/// The last rendering of one output folder, so that a warm run of unchanged DSL files skips
/// reading the model, validating and rendering, and goes straight to the writer (which still
/// compares every file on disk, so hand-edited or deleted output is repaired as before).
///
/// One entry per *slot* — the output folder plus the DSL files, as absolute paths — at
/// `rendered/<slot>.slpr` under the cache root, so the cache holds one rendering per output
/// instead of one per edit. The entry records the *key* it was rendered under and is used only
/// when the key matches. The key covers everything a rendering depends on:
/// - each program's result key (its sources, the Slipway library and modules, the compiler, the
///   flags and the inputs; see ``ProgramCache``), in the order given;
/// - each program's source as recorded in the ownership file, and `--repository-path`;
/// - the `slipway` executable itself (the rules and renderers are compiled into it);
/// - the identity of every file under the templates folder, and the folder's path.
///
/// Only renderings without errors, and of at most ``largestStoredBytes``, are stored. Their warnings are stored with them and shown again
/// on every warm run, so `--strict` fails the same way whether the rendering is fresh or cached.
struct RenderCache {
    let root: URL

    init(root: URL = DSLProgram.cacheDirectory) { self.root = root }

    /// Off with either cache switch, and with `SLIPWAY_NO_RENDER_CACHE=1` (the benchmark uses it to
    /// time a warm run that renders).
    static var disabled: Bool {
        ProgramCache.resultsDisabled || ProcessEnvironment.current["SLIPWAY_NO_RENDER_CACHE"] == "1"
    }

    /// A stored rendering and the warnings that came with it.
    struct Entry: Equatable {
        var key: String
        var rendered: Pipeline.Rendered
        /// Each warning as `formatted` and as a GitHub annotation, in output order.
        var warnings: [Warning]

        struct Warning: Equatable {
            var formatted: String
            var githubAnnotation: String
        }
    }

    func url(slot: String) -> URL { root.appendingPathComponent("rendered/\(slot).slpr") }

    /// Renderings above this size are not stored: writing the entry costs a cold run about 2.5 ms
    /// per MB here (0.17 s for a 1,000-cluster fleet's 69 MB), every edit of the DSL changes the
    /// key, and a warm run of such a fleet still skips compiling and running the program through
    /// the result cache. The baseline renders 0.3 MB, a 100-cluster fleet 6.8 MB.
    static let largestStoredBytes = 16 << 20

    /// Whether `rendered` is small enough to store (see ``largestStoredBytes``).
    static func worthStoring(_ rendered: Pipeline.Rendered) -> Bool {
        var total = rendered.workflows.values.reduce(0) { $0 + $1.utf8.count }
        for files in rendered.folders.values {
            for content in files.values {
                total += content.utf8.count
                if total > largestStoredBytes { return false }
            }
        }
        return total <= largestStoredBytes
    }

    /// The entry for `slot` when it was rendered under `key`; nil when there is none, it is
    /// unreadable or it was rendered under another key.
    func load(slot: String, key: String) -> Entry? {
        guard let bytes = CacheIntegrity.read(url(slot: slot)) else { return nil }
        let entry = bytes.withUnsafeBytes { RenderCache.decode(ByteReader(bytes: $0)) }
        return entry?.key == key ? entry : nil
    }

    /// Writes the entry atomically (temporary file, then rename, no `fsync`); a failure only costs the
    /// next run time.
    func store(_ entry: Entry, slot: String) {
        let url = url(slot: slot)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? AtomicFile.write(CacheIntegrity.seal(RenderCache.encode(entry)), to: url)
    }

    static let magic = "slipway-rendered-1"

    /// Length-prefixed UTF-8 strings and counts (32-bit little-endian); dictionaries in key order,
    /// so equal entries encode to equal bytes.
    static func encode(_ entry: Entry) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(magic)
        writer.append(entry.key)
        let rendered = entry.rendered
        writer.append(count: rendered.folders.count)
        for (name, files) in rendered.folders.sorted(by: { $0.key < $1.key }) {
            writer.append(name)
            writer.append(files)
        }
        writer.append(rendered.owners)
        writer.append(count: rendered.sources.count)
        for source in rendered.sources.sorted() { writer.append(source) }
        writer.append(rendered.workflows)
        writer.append(count: entry.warnings.count)
        for warning in entry.warnings {
            writer.append(warning.formatted)
            writer.append(warning.githubAnnotation)
        }
        return writer.bytes
    }

    static func decode(_ reader: ByteReader) -> Entry? {
        var reader = reader
        guard reader.string() == magic, let key = reader.string(), let folderCount = reader.count() else { return nil }
        var folders: [String: [String: String]] = [:]
        for _ in 0..<folderCount {
            guard let name = reader.string(), let files = reader.dictionary() else { return nil }
            folders[name] = files
        }
        guard let owners = reader.dictionary(), let sourceCount = reader.count() else { return nil }
        var sources: Set<String> = []
        for _ in 0..<sourceCount {
            guard let source = reader.string() else { return nil }
            sources.insert(source)
        }
        guard let workflows = reader.dictionary(), let warningCount = reader.count() else { return nil }
        var warnings: [Entry.Warning] = []
        for _ in 0..<warningCount {
            guard let formatted = reader.string(), let github = reader.string() else { return nil }
            warnings.append(Entry.Warning(formatted: formatted, githubAnnotation: github))
        }
        guard reader.isAtEnd else { return nil }
        return Entry(
            key: key,
            rendered: Pipeline.Rendered(folders: folders, owners: owners, sources: sources, workflows: workflows),
            warnings: warnings)
    }
}

extension Pipeline {
    /// Where ``RenderCache`` keeps the rendering of these programs into this output, and the key
    /// that rendering must have been made under.
    func renderCacheAddress(of programs: [DSLProgram], settings: RepositorySettings) -> (slot: String, key: String) {
        let paths = programs.map { URL(fileURLWithPath: $0.argument).standardizedFileURL.path }
        let slot = ProgramCache.key(["slipway-render-slot-1", outputDirectory.path] + paths)
        var parts = [
            RenderCache.magic, ProgramCache.identity(URL(fileURLWithPath: CommandLine.executablePathResolved)),
            repositoryPath, repositoryRoot.path,
            // The workflows depend on slipway.json: a changed pin or folder must not reuse a render.
            settings.file ?? "no-settings", settings.contents,
            // The default parameter-file format changes every environment that does not choose one.
            "params=" + (arguments.options["--params"] ?? "json"),
        ]
        parts += templatesFingerprint()
        for program in programs {
            parts.append(normalisedSource(program.argument))
            parts.append(program.cacheKeys(toolchain: toolchain, inputs: arguments.inputs).result)
        }
        return (slot, ProgramCache.key(parts))
    }

    /// The templates folder's path and the path and identity of every file under its `manifests/`.
    func templatesFingerprint() -> [String] {
        guard let root = toolchain.templatesDirectory?.appendingPathComponent("manifests") else { return ["none"] }
        var parts = [root.path]
        let files = ((try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []).sorted()
        for file in files {
            parts.append(file)
            parts.append(ProgramCache.identity(root.appendingPathComponent(file)))
        }
        return parts
    }
}

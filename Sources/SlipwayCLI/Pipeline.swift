import FoundationEssentials
import SlipwayModel
import SlipwayRender
import SlipwayRules
import SlipwayWriter

/// The stages shared by `generate` and `check`: run each program, validate everything, render.
struct Pipeline {
    let arguments: Arguments
    let toolchain: Toolchain
    let standardError: (String) -> Void
    let standardOutput: (String) -> Void
    var timings: StageTimings? = nil

    /// Rendered environment folders by name, with the owning source (normalised) of each.
    struct Rendered: Equatable {
        var folders: [String: [String: String]]
        var owners: [String: String]
        /// Normalised sources of every program given.
        var sources: Set<String>
        /// Workload pipelines for `.github/workflows/`, by file name.
        var workflows: [String: String] = [:]
    }

    /// Where generated workflows go: `slipway.json`'s `workflows`, by default `.github/workflows/`
    /// of the repository root (GitHub runs workflows only there).
    var workflowsDirectory: URL {
        get throws { repositoryRoot.appendingPathComponent(try settings.workflows) }
    }

    /// The repository's `slipway.json` (``RepositorySettings``), the same one for every DSL file of
    /// the run: two files under different settings would write workflows to two places.
    var settings: RepositorySettings {
        get throws {
            let root = repositoryRoot
            let found = try arguments.files.map { try RepositorySettings.find(for: $0, root: root) }
            guard let first = found.first else { return RepositorySettings() }
            if let other = found.first(where: { $0 != first }) {
                throw CLIFailure(
                    code: .usage,
                    message:
                        "slipway: the DSL files of one run use different settings (\(first.file ?? "defaults") and \(other.file ?? "defaults")); run them separately"
                )
            }
            return first
        }
    }

    var outputDirectory: URL { URL(fileURLWithPath: arguments.output).standardizedFileURL }

    /// The one root every recorded path is relative to (owner records, workflows, Flux paths):
    /// `--repository-root`, else the nearest ancestor of the output folder that holds `.git`,
    /// else the output folder's parent.
    var repositoryRoot: URL {
        if let root = arguments.options["--repository-root"] {
            return URL(fileURLWithPath: root).standardizedFileURL
        }
        var candidate = outputDirectory.deletingLastPathComponent()
        while candidate.path != "/" {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                return candidate
            }
            candidate = candidate.deletingLastPathComponent()
        }
        return outputDirectory.deletingLastPathComponent()
    }

    /// `path` relative to the repository root, or nil when it lies outside it.
    func relativeToRoot(_ path: String) -> String? {
        let base = repositoryRoot.path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute == base { return "." }
        return absolute.hasPrefix(base + "/") ? String(absolute.dropFirst(base.count + 1)) : nil
    }

    /// The Flux path prefix: `--repository-path`, else the output folder relative to the root.
    var repositoryPath: String {
        arguments.options["--repository-path"] ?? relativeToRoot(outputDirectory.path) ?? "Output"
    }

    /// The DSL path as recorded in the ownership file and the workflows: relative to the
    /// repository root (with `../` when the file lies outside it), so it is the same in every
    /// clone and from every working directory, and never absolute.
    func normalisedSource(_ argument: String) -> String {
        if let inside = relativeToRoot(argument) { return inside }
        let base = repositoryRoot.path.split(separator: "/")
        let target = URL(fileURLWithPath: argument).standardizedFileURL.path.split(separator: "/")
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...].map(String.init))
            .joined(separator: "/")
    }

    /// Every recorded path is relative to the repository root: the output folder must lie inside
    /// it (nothing written ever holds an absolute path).
    func checkRepositoryRoot() throws {
        let root = repositoryRoot.path
        guard relativeToRoot(outputDirectory.path) != nil else {
            throw CLIFailure(
                code: .usage,
                message:
                    "slipway: the output folder \(outputDirectory.path) is not inside the repository root \(root); pass --repository-root DIR"
            )
        }
    }

    /// `--params json|bicepparam`: the parameter files of environments that do not choose.
    var parameterFiles: ParameterFileFormat {
        get throws {
            guard let text = arguments.options["--params"] else { return .json }
            guard let format = ParameterFileFormat(rawValue: text) else {
                throw CLIFailure(
                    code: .usage, message: "slipway \(arguments.verb): --params takes json or bicepparam, not '\(text)'"
                )
            }
            return format
        }
    }

    func render() throws -> Rendered {
        guard !arguments.files.isEmpty else {
            throw CLIFailure(code: .usage, message: "slipway \(arguments.verb): name at least one DSL file")
        }
        let programs = try arguments.files.map(DSLProgram.init(argument:))
        try checkRepositoryRoot()
        let settings = try self.settings
        try toolchain.ensureLibraryMatchesModule { seconds in
            // A rebuild takes seconds to minutes: say so, and how long it took.
            standardError(
                "slipway: rebuilt libSlipway, which was older than the Slipway module, in \(seconds.decimalText(places: 1)) s"
            )
        }
        var environments: [EnvironmentModel] = []
        var owners: [String: String] = [:]
        var compileErrors: [String] = []
        var programErrors: [String] = []
        let terminal = Terminal(quiet: arguments.flags.contains("--quiet"))
        let clock = ContinuousClock()
        let lookupStarted = clock.now
        let parameterFiles = try self.parameterFiles
        // What the committed output says: rules compare versions with it, deploy.sh retires units.
        let committed = try CommittedOutput.load(output: outputDirectory, base: arguments.options["--base"])
        let cacheAddress = RenderCache.disabled ? nil : renderCacheAddress(of: programs, settings: settings)
        // A cached rendering counts only if the committed models would not change it: the same
        // units to retire, and no version to compare (AKS017 runs on a fresh rendering).
        if let cacheAddress, let entry = RenderCache().load(slot: cacheAddress.slot, key: cacheAddress.key),
            committed.agrees(with: entry.rendered.folders)
        {
            if !terminal.quiet {
                let seconds = (clock.now - lookupStarted).seconds.decimalText(places: 2)
                for program in programs {
                    standardError("slipway: running \(program.argument)…")
                    standardError(
                        "slipway: \(DSLProgram.Provenance.cachedOutput.rawValue) \(program.argument) in \(seconds) s")
                }
            }
            try show(entry.warnings.map { ($0.formatted, $0.githubAnnotation) }, errors: 0, terminal: terminal)
            return entry.rendered
        }
        for program in programs {
            if !terminal.quiet { standardError("slipway: running \(program.argument)…") }
            let started = clock.now
            let (outcome, provenance) = try program.run(
                with: toolchain, inputs: arguments.inputs, timings: timings, timeout: try arguments.timeout(),
                relay: standardError)
            if !terminal.quiet {
                let seconds = (clock.now - started).seconds.decimalText(places: 2)
                // Says what happened: a failed compile did not run, a failed program did not finish.
                let line: String
                switch outcome {
                case .compileFailed: line = "\(program.argument) does not compile (\(seconds) s)"
                case .programFailed: line = "\(program.argument) stopped with an error after \(seconds) s"
                case .environments: line = "\(provenance.rawValue) \(program.argument) in \(seconds) s"
                }
                standardError("slipway: " + line)
            }
            switch outcome {
            case .compileFailed(let text): compileErrors.append(text)
            case .programFailed(let text): programErrors.append(text)
            case .environments(let declared):
                for environment in declared where owners[environment.name] == nil {
                    owners[environment.name] = normalisedSource(program.argument)
                }
                environments += declared.map {
                    var environment = $0
                    environment.committed = committed.environments[environment.name]
                    environment.parameterFiles = environment.parameterFiles ?? parameterFiles
                    return environment
                }
            }
        }
        if !compileErrors.isEmpty {
            throw CLIFailure(
                code: .compileError,
                message: terminal.highlight((compileErrors + programErrors).joined(separator: "\n")))
        }
        if !programErrors.isEmpty {
            throw CLIFailure(code: .programFailed, message: terminal.highlight(programErrors.joined(separator: "\n")))
        }

        let templates = loadTemplates(for: environments)
        if let timings { _ = timings.measure("overlapCheck") { Validator.overlapCheck(environments) } }
        let validated =
            timings?.measure("validate") { Validator.validate(environments) } ?? Validator.validate(environments)
        let diagnostics = (validated + missingTemplates(environments, templates)).sortedForOutput()
        try show(
            diagnostics.map { ($0.formatted, $0.githubAnnotation) },
            errors: diagnostics.filter { $0.severity == .error }.count, terminal: terminal)

        var folders: [String: [String: String]] = [:]
        let renderStart = ContinuousClock.now
        defer {
            let duration = ContinuousClock.now - renderStart
            timings?.seconds["render", default: 0] +=
                duration.seconds
        }
        // Rendering is pure per environment, so environments render in parallel; each result lands
        // in its own slot and the folders are assembled in order, so the output stays deterministic.
        let repositoryPath = self.repositoryPath
        let all = environments
        let results = ParallelSlots<Result<[String: String], EnvironmentRenderer.TemplateConstructionFailure>>.map(
            all.count
        ) { index in
            Result { () throws(EnvironmentRenderer.TemplateConstructionFailure) in
                try EnvironmentRenderer.render(
                    all[index], among: all, fluxPathPrefix: repositoryPath, templates: templates)
            }
        }
        for (index, environment) in environments.enumerated() {
            var files: [String: String]
            switch results[index] {
            case .success(let rendered): files = rendered
            case .failure(let failure): throw CLIFailure(failure)
            }
            files[Ownership.fileName] = Ownership.record(source: owners[environment.name] ?? "")
            folders[environment.name] = files
        }
        let workflows = try renderWorkflows(environments, owners: owners, settings: settings)
        let rendered = Rendered(
            folders: folders, owners: owners, sources: Set(programs.map { normalisedSource($0.argument) }),
            workflows: workflows)
        if let cacheAddress, RenderCache.worthStoring(rendered) {
            let warnings = diagnostics.map {
                RenderCache.Entry.Warning(formatted: $0.formatted, githubAnnotation: $0.githubAnnotation)
            }
            RenderCache().store(
                RenderCache.Entry(key: cacheAddress.key, rendered: rendered, warnings: warnings),
                slot: cacheAddress.slot)
        }
        return rendered
    }

    /// The deploy pipeline of each DSL file and the pipeline of each workload, by file name. Two
    /// that would share a name are refused, never one silently replacing the other.
    func renderWorkflows(_ environments: [EnvironmentModel], owners: [String: String], settings: RepositorySettings)
        throws -> [String: String]
    {
        var workflows: [String: String] = [:]
        var writers: [String: String] = [:]
        func add(_ files: [String: String], from writer: String) throws {
            for (name, content) in files {
                if let earlier = writers[name] {
                    throw CLIFailure(
                        code: .usage,
                        message:
                            "slipway: \(earlier) and \(writer) would both write \(settings.workflows)/\(name); rename the environment, workload or DSL file"
                    )
                }
                writers[name] = writer
                workflows[name] = content
            }
        }
        var byFile: [String: [EnvironmentModel]] = [:]
        for environment in environments { byFile[owners[environment.name] ?? "", default: []].append(environment) }
        for (dslFile, declared) in byFile.sorted(by: { $0.key < $1.key }) {
            guard let ordered = EnvironmentDependencies.ordered(declared, among: environments) else {
                throw CLIFailure(
                    code: .validationFailed,
                    message:
                        "slipway: the environments of \(dslFile) reference one another's resources in a cycle, so no deploy order works"
                )
            }
            let input = EnvironmentPipeline.Input(
                dslFile: dslFile, output: repositoryPath, environments: ordered, source: settings.source)
            try add([EnvironmentPipeline.fileName(dslFile: dslFile): EnvironmentPipeline.render(input)], from: dslFile)
        }
        for environment in environments {
            let paths = WorkloadPipeline.Paths(
                dslFile: owners[environment.name] ?? "", output: repositoryPath, source: settings.source,
                workflows: settings.workflows)
            try add(WorkloadPipeline.render(environment, paths: paths), from: "environment \(environment.name)")
        }
        return workflows
    }

    /// Shows diagnostics (as text, or as GitHub annotations with `--format github`), then fails when
    /// there are errors or, with `--strict`, warnings.
    func show(_ diagnostics: [(formatted: String, githubAnnotation: String)], errors: Int, terminal: Terminal) throws {
        let github = arguments.options["--format"] == "github"
        if !diagnostics.isEmpty {
            standardError(
                diagnostics.map { github ? $0.githubAnnotation : terminal.highlight($0.formatted) }.joined(
                    separator: "\n"))
        }
        let warnings = diagnostics.count - errors
        if errors > 0 || (arguments.flags.contains("--strict") && warnings > 0) {
            throw CLIFailure(
                code: .validationFailed,
                message: "slipway: \(errors) error(s), \(warnings) warning(s); nothing was written")
        }
    }

    /// TPL001: a kustomization names a static base that `Templates/manifests/` does not have.
    func missingTemplates(_ environments: [EnvironmentModel], _ templates: [String: [String: String]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for cluster in environment.clusters {
                for kustomization in cluster.flux?.kustomizations ?? [] {
                    for name in kustomization.templates where templates[name]?.isEmpty ?? true {
                        diagnostics.append(
                            Diagnostic(
                                .error, "TPL001",
                                "kustomization '\(kustomization.name)' uses template '\(name)', which is not in Templates/manifests/",
                                note: "name a folder of Templates/manifests/, or set SLIPWAY_TEMPLATES",
                                at: kustomization.site))
                    }
                }
            }
        }
        return diagnostics
    }

    /// Static manifest bases named by kustomizations, from `Templates/manifests/<name>/`.
    func loadTemplates(for environments: [EnvironmentModel]) -> [String: [String: String]] {
        let names = Set(
            environments.flatMap { $0.clusters.flatMap { $0.flux?.kustomizations.flatMap(\.templates) ?? [] } })
        guard let root = toolchain.templatesDirectory?.appendingPathComponent("manifests") else { return [:] }
        var templates: [String: [String: String]] = [:]
        for name in names {
            templates[name] = OutputFolder.read(root.appendingPathComponent(name))
        }
        return templates
    }
}

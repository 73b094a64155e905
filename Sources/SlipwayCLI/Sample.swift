import FoundationEssentials
import SlipwayModel
import SlipwayRender
import SlipwayRules
import SlipwaySamples
import SlipwayWriter

/// `slipway sample --count N [--seed S] --output DIR`: renders N random valid environments into one
/// tree, for the property-based conformance run. Prints how long each stage took.
enum Sample {
    static let help = """
        usage: slipway sample --count N [--seed S] --output DIR [--repository-path PATH]

        Generates N random valid environments from seed S (default 1) with the property-based
        sampler (several hubs, shared hubs, several spokes and clusters, overlay and flat CNI,
        prefixes at their limits, workloads), validates them, and renders them into DIR (workload
        pipelines into DIR/../.github/workflows/), timing each stage.
        Conformance then checks the tree: ../shared/conformance/check --repo-root DIR/.. DIR

        example:
          slipway sample --count 1000 --seed 2026 --output /tmp/sample/Output
        """

    static func run(_ arguments: Arguments, _ standardOutput: (String) -> Void, _ standardError: (String) -> Void)
        throws -> ExitCode
    {
        guard let count = arguments.options["--count"].flatMap(Int.init), count > 0 else {
            throw CLIFailure(code: .usage, message: "slipway sample: --count N is required (N > 0)")
        }
        let seed = arguments.options["--seed"].flatMap(UInt64.init) ?? 1
        let clock = ContinuousClock()
        let start = clock.now
        var sampler = EnvironmentSampler(seed: seed)
        let environments = sampler.environments(count: count).map(\.resolvedModel)
        let generated = clock.now
        let diagnostics = Validator.validate(environments)
        let validated = clock.now
        if !diagnostics.isEmpty {
            standardError(diagnostics.map(\.formatted).joined(separator: "\n"))
            if diagnostics.contains(where: { $0.severity == .error }) {
                throw CLIFailure(
                    code: .validationFailed, message: "slipway sample: generated environments do not validate")
            }
        }
        var folders: [String: [String: String]] = [:]
        for environment in environments {
            do {
                folders[environment.name] = try EnvironmentRenderer.render(
                    environment, among: environments, fluxPathPrefix: arguments.repositoryPath)
            } catch {
                throw CLIFailure(error)
            }
        }
        let rendered = clock.now
        let output = URL(fileURLWithPath: arguments.output).standardizedFileURL
        let files = folders.values.map(\.count).reduce(0, +)
        let bytes = folders.values.flatMap(\.values).map(\.utf8.count).reduce(0, +)
        // The workload pipelines, as if the environments came from `environments.swift` beside DIR.
        let source = "environments.swift"
        var workflows: [String: String] = [:]
        for environment in environments {
            workflows.merge(
                WorkloadPipeline.render(
                    environment, paths: .init(dslFile: source, output: arguments.repositoryPath))
            ) { _, new in new }
        }
        for name in folders.keys { folders[name]![Ownership.fileName] = Ownership.record(source: source) }
        do {
            _ = try OutputWriting(
                output: output, folders: folders, owners: folders.mapValues { _ in source }, sources: [source],
                workflowsFolder: output.deletingLastPathComponent().appendingPathComponent(".github/workflows"),
                workflows: workflows, takeOwnership: true
            ).write()
        } catch let failure as WriteFailure {
            throw CLIFailure(writing: failure)
        }
        let written = clock.now
        func seconds(_ duration: Duration) -> String {
            let value = duration.seconds
            return value.decimalText(places: 2) + "s"
        }
        let clusters = environments.map(\.clusters.count).reduce(0, +)
        let spokes = environments.map(\.spokes.count).reduce(0, +)
        let shared = environments.filter { $0.hub == nil }.count
        standardOutput(
            "slipway sample: \(count) environments (seed \(seed)): \(spokes) spokes, \(clusters) clusters, \(shared) sharing another environment's hub, \(workflows.count) workload pipelines; \(files) files, \(bytes) bytes\n"
                + "  generate \(seconds(generated - start)), validate \(seconds(validated - generated)) (\(diagnostics.count) diagnostics), render \(seconds(rendered - validated)), write \(seconds(written - rendered))"
        )
        return .ok
    }
}

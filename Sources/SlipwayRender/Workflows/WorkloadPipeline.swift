import SlipwayModel

/// The GitHub Actions pipeline of one workload in one environment, written to
/// `.github/workflows/slipway-<environment>-<workload>.yml`.
///
/// Tags follow one table, and no job ever uses `latest`:
///
/// | trigger | job | tag |
/// | --- | --- | --- |
/// | pull request | build and test | none (the image is built, not pushed) |
/// | push to `main` | `docker build` and push, on a runner inside the network | `dev-<short sha>` |
/// | push to `staging` | `az acr import` of the dev image, no rebuild | `staging-<short sha>` |
/// | tag `vX.Y.Z` | `az acr import` of the staging image, then the lock (runner inside the network) | `X.Y.Z` |
///
/// The registry's public network access is off: `az acr import` is an ARM operation that its
/// trusted-services bypass admits, but pushing and locking are data-plane calls, so those jobs run
/// on a self-hosted runner labelled `slipway-<environment>` that the team provides in the network.
///
/// After the stage the environment runs, `.push` adds a deploy job (`az aks command invoke`: the
/// API server is private, and the command runs inside the cluster without a runner in the VNet),
/// and `.pull` a job that opens a pull request bumping the tag input, which Flux reconciles after
/// merge.
public enum WorkloadPipeline {
    public static func fileName(environment: String, workload: String) -> String {
        "slipway-\(environment)-\(workload).yml"
    }

    /// Where the pipeline takes its inputs from.
    public struct Paths: Sendable {
        /// The DSL file, relative to the repository root.
        public var dslFile: String
        /// The output folder, relative to the repository root (such as `Output`).
        public var output: String
        /// The Slipway the tag-bump job builds: the repository's pin, else the GitHub variables.
        public var source: WorkflowSource.Pin?
        /// Where the workflows are, relative to the repository root (`slipway.json`'s `workflows`).
        public var workflows: String

        public init(
            dslFile: String, output: String, source: WorkflowSource.Pin? = nil, workflows: String = ".github/workflows"
        ) {
            self.dslFile = dslFile
            self.output = output
            self.source = source
            self.workflows = workflows
        }

    }

    /// The workflow files of every workload of `environment`, by file name.
    public static func render(_ environment: EnvironmentModel, paths: Paths) -> [String: String] {
        var files: [String: String] = [:]
        for workload in environment.workloads {
            files[fileName(environment: environment.name, workload: workload.name)] = render(
                workload, in: environment, paths: paths)
        }
        return files
    }

    public static func render(_ workload: WorkloadModel, in environment: EnvironmentModel, paths: Paths) -> String {
        let header = """
            \(GeneratedFileMarker.line(source: paths.dslFile, detail: "environment \(environment.name), workload \(workload.name)"))
            # Do not edit: `slipway generate` rewrites this file and `slipway check` reports any change.

            """
        return header
            + GitHubActions.annotate(YAMLPrinter.print(documents: [workflow(workload, in: environment, paths: paths)]))
    }

    static func workflow(_ workload: WorkloadModel, in environment: EnvironmentModel, paths: Paths) -> Value {
        let stage = stageJob(workload.stage)
        var jobs: [Value.Field] = [
            .init("build-and-test", buildAndTest(workload)),
            .init("publish-dev", publishDev(environment)),
            .init("promote-staging", promoteStaging()),
            .init("promote-release", promoteRelease(environment)),
        ]
        switch workload.delivery {
        case .push: jobs.append(.init("deploy", deploy(workload, in: environment, paths: paths, after: stage)))
        case .pull:
            jobs.append(.init("bump-image-tag", bumpImageTag(workload, in: environment, paths: paths, after: stage)))
        }
        var variables: [Value.Field] = [
            .init("REPOSITORY", .string(workload.imageRepository)),
            .init("SOURCE_DIRECTORY", .string(workload.sourceDirectory)),
            .init("DOCKERFILE", .string(joined(workload.sourceDirectory, workload.dockerfile))),
        ]
        variables += registryVariables(workload, in: environment)
        return .object([
            .init("name", .string("\(workload.name) (\(environment.name))")),
            .init(
                "on",
                .object([
                    "pull_request": .object(["paths": .array([.string("\(workload.sourceDirectory)/**")])]),
                    // Branch pushes build and promote only when the source changed: a merged tag-bump pull
                    // request changes the DSL and Output/ only, so it cannot start another build and bump.
                    // GitHub does not apply path filters to tag pushes, so releases always run.
                    "push": .object([
                        "branches": ["main", "staging"], "tags": ["v*.*.*"],
                        "paths": .array([
                            .string("\(workload.sourceDirectory)/**"),
                            .string(
                                "\(paths.workflows)/\(fileName(environment: environment.name, workload: workload.name))"
                            ),
                        ]),
                    ]),
                ])),
            .init("permissions", .object(["contents": "read"])),
            .init(
                "concurrency",
                .object([
                    "group": .string("slipway-\(environment.name)-\(workload.name)-${{ github.ref }}"),
                    "cancel-in-progress": false,
                ])),
            .init("env", .object(variables)),
            .init("defaults", .object(["run": .object(["shell": "bash"])])),
            .init("jobs", .object(jobs)),
        ])
    }

    /// `dir/Dockerfile`, without a doubled slash.
    static func joined(_ directory: String, _ file: String) -> String {
        directory.isEmpty || directory == "."
            ? file : "\(directory.hasSuffix("/") ? String(directory.dropLast()) : directory)/\(file)"
    }

    /// Where the registry's login server is recorded: the registry stamp's deployment output.
    static func registryVariables(_ workload: WorkloadModel, in environment: EnvironmentModel) -> [Value.Field] {
        let cluster = environment.cluster(named: workload.cluster)
        let registry = cluster?.registry ?? environment.registries.first?.name ?? ""
        var fields: [Value.Field] = [
            .init("REGISTRY_DEPLOYMENT", .string("\(environment.name)-registry")),
            .init("REGISTRY_RESOURCE_GROUP", .string(environment.registryResourceGroup.name)),
            .init("REGISTRY_OUTPUT", .string(symbol(registry, "login", "server"))),
        ]
        if let subscription = environment.registryResourceGroup.subscription {
            fields.append(.init("REGISTRY_SUBSCRIPTION", .string(subscription)))
        }
        return fields
    }

    /// Looks the registry up from the registry stamp's outputs: `name` and `login` step outputs.
    static let findRegistry: Value = .object([
        "name": "Find the environment's registry",
        "id": "registry",
        "run": """
        login="$(az deployment group show --name "$REGISTRY_DEPLOYMENT" --resource-group "$REGISTRY_RESOURCE_GROUP" ${REGISTRY_SUBSCRIPTION:+--subscription "$REGISTRY_SUBSCRIPTION"} --query "properties.outputs.${REGISTRY_OUTPUT}.value" --output tsv)"
        if [ -z "$login" ]; then
          echo "::error::deployment $REGISTRY_DEPLOYMENT has no output $REGISTRY_OUTPUT: deploy the registry stamp first"
          exit 1
        fi
        echo "login=$login" >> "$GITHUB_OUTPUT"
        echo "name=${login%%.*}" >> "$GITHUB_OUTPUT"

        """,
    ])

    static let onMain = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    static let onStaging = "github.event_name == 'push' && github.ref == 'refs/heads/staging'"
    static let onRelease = "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')"
    /// Jobs that sign in to Azure run only where the repository is configured for it, so forks and
    /// unconfigured clones skip them (visibly) instead of failing.
    static let configured = "vars.AZURE_CLIENT_ID != ''"

    static func azure(_ condition: String) -> String { "\(condition) && \(configured)" }

    /// The job that produces the tags a stage runs, the condition it runs on, and the tag it
    /// produced (its job output).
    static func stageJob(_ stage: PromotionStageModel) -> (job: String, condition: String, tag: String) {
        let job: String
        let condition: String
        switch stage {
        case .development: (job, condition) = ("publish-dev", azure(onMain))
        case .staging: (job, condition) = ("promote-staging", azure(onStaging))
        case .release: (job, condition) = ("promote-release", azure(onRelease))
        }
        return (job, condition, "${{ needs.\(job).outputs.tag }}")
    }
}

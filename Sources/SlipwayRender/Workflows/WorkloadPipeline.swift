import SlipwayModel

/// The GitHub Actions pipeline of one workload in one environment, written to
/// `.github/workflows/slipway-<environment>-<workload>.yml`.
///
/// Tags follow one table, and no job ever uses `latest`:
///
/// | trigger | job | tag |
/// | --- | --- | --- |
/// | pull request | build and test | none (the image is built, not pushed) |
/// | push to `main` | `az acr build` | `dev-<short sha>` |
/// | push to `staging` | `az acr import` of the dev image, no rebuild | `staging-<short sha>` |
/// | tag `vX.Y.Z` | `az acr import` of the staging image, then the lock | `X.Y.Z` |
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

        public init(dslFile: String, output: String) {
            self.dslFile = dslFile
            self.output = output
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
        return header + YAMLPrinter.print(documents: [workflow(workload, in: environment, paths: paths)])
    }

    static func workflow(_ workload: WorkloadModel, in environment: EnvironmentModel, paths: Paths) -> Value {
        let stage = stageJob(workload.stage)
        var jobs: [Value.Field] = [
            .init("build-and-test", buildAndTest(workload)),
            .init("publish-dev", publishDev()),
            .init("promote-staging", promoteStaging()),
            .init("promote-release", promoteRelease()),
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
                                ".github/workflows/\(fileName(environment: environment.name, workload: workload.name))"),
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
        let cluster = environment.clusters.first { $0.name == workload.cluster }
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

    static func buildAndTest(_ workload: WorkloadModel) -> Value {
        var steps: [Value] = [.object(["uses": .string(GitHubActions.checkout)])]
        if let test = workload.testCommand {
            steps.append(
                .object(["name": "Test", "working-directory": .string(workload.sourceDirectory), "run": .string(test)]))
        }
        steps.append(
            .object([
                "name": "Build the image (not pushed)",
                "run": "docker build --file \"$DOCKERFILE\" \"$SOURCE_DIRECTORY\"",
            ]))
        return .object([
            "name": "Build and test",
            "if": .string("github.event_name == 'pull_request' || (\(onMain))"),
            "runs-on": .string(GitHubActions.runner),
            "steps": .array(steps),
        ])
    }

    /// Checks out the whole history, so the source version can be found.
    static let checkoutHistory: Value = .object([
        "uses": .string(GitHubActions.checkout), "with": .object(["fetch-depth": 0]),
    ])

    /// The source version: the first 7 hex digits of the last commit that changed the workload's
    /// source folder. It names the image in every stage, so a push whose last commit did not touch
    /// the source (a merged tag bump, say) still finds the image its source built.
    static let sourceVersion: Value = .object([
        "name": "Find the source version (the last commit that changed the source folder)",
        "id": "source",
        "run": """
        sha="$(git log -1 --format=%H -- "$SOURCE_DIRECTORY")"
        echo "sha=${sha::7}" >> "$GITHUB_OUTPUT"

        """,
    ])

    /// A stage job: signs in, finds the registry and the source version, then runs `steps`, whose
    /// last one (`id: tag`) writes the tag it produced; dependent jobs read it as a job output.
    static func stage(_ name: String, condition: String, needs: String? = nil, steps: [Value]) -> Value {
        var fields: [Value.Field] = [.init("name", .string(name)), .init("if", .string(condition))]
        if let needs { fields.append(.init("needs", .string(needs))) }
        fields += [
            .init("runs-on", .string(GitHubActions.runner)),
            .init("permissions", GitHubActions.oidcPermissions),
            .init("outputs", .object(["tag": "${{ steps.tag.outputs.tag }}"])),
            .init("steps", .array([checkoutHistory, GitHubActions.azureLogin, findRegistry, sourceVersion] + steps)),
        ]
        return .object(fields)
    }

    static func publishDev() -> Value {
        stage(
            "Build dev-<sha> in the registry", condition: azure(onMain), needs: "build-and-test",
            steps: [
                .object([
                    "name": "az acr build: dev-<short sha>",
                    "id": "tag",
                    "run": """
                    tag="dev-${{ steps.source.outputs.sha }}"
                    az acr build --registry "${{ steps.registry.outputs.name }}" --image "$REPOSITORY:$tag" --file "$DOCKERFILE" "$SOURCE_DIRECTORY"
                    echo "tag=$tag" >> "$GITHUB_OUTPUT"

                    """,
                ])
            ])
    }

    static func promoteStaging() -> Value {
        stage(
            "Promote dev-<sha> to staging-<sha> (re-tag, no rebuild)", condition: azure(onStaging),
            steps: [
                .object([
                    "name": "az acr import: dev-<short sha> as staging-<short sha>",
                    "id": "tag",
                    "run": """
                    sha="${{ steps.source.outputs.sha }}"
                    az acr import --name "${{ steps.registry.outputs.name }}" --source "${{ steps.registry.outputs.login }}/$REPOSITORY:dev-$sha" --image "$REPOSITORY:staging-$sha" --force
                    echo "tag=staging-$sha" >> "$GITHUB_OUTPUT"

                    """,
                ])
            ])
    }

    static func promoteRelease() -> Value {
        stage(
            "Promote staging-<sha> to X.Y.Z and lock it", condition: azure(onRelease),
            steps: [
                .object([
                    "name": "az acr import: staging-<short sha> as X.Y.Z",
                    "run": """
                    version="${GITHUB_REF_NAME#v}"
                    if ! [[ "$version" =~ ^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$ ]]; then
                      echo "::error::$GITHUB_REF_NAME is not vX.Y.Z"
                      exit 1
                    fi
                    az acr import --name "${{ steps.registry.outputs.name }}" --source "${{ steps.registry.outputs.login }}/$REPOSITORY:staging-${{ steps.source.outputs.sha }}" --image "$REPOSITORY:$version"

                    """,
                ]),
                .object([
                    "name": "Lock X.Y.Z against overwrite and deletion",
                    "id": "tag",
                    "run": """
                    version="${GITHUB_REF_NAME#v}"
                    az acr repository update --name "${{ steps.registry.outputs.name }}" --image "$REPOSITORY:$version" --write-enabled false --delete-enabled false
                    echo "tag=$version" >> "$GITHUB_OUTPUT"

                    """,
                ]),
            ])
    }

    /// `.push`: substitute what Azure knows into the rendered manifests and apply them with
    /// `az aks command invoke`, which reaches the private API server through the AKS resource
    /// provider, signed in as the pipeline's identity (it needs the Cluster User role and
    /// Kubernetes RBAC on the namespace); no runner has to live in the VNet.
    static func deploy(
        _ workload: WorkloadModel, in environment: EnvironmentModel, paths: Paths,
        after stage: (job: String, condition: String, tag: String)
    ) -> Value {
        let cluster = environment.clusters.first { $0.name == workload.cluster }
        let group = cluster?.resourceGroup ?? environment.registryResourceGroup
        let subscription = group.subscription.map { " --subscription '\($0)'" } ?? ""
        var exports = [
            "export imageTag=\"\(stage.tag)\"",
            "export registryLoginServer=\"${{ steps.registry.outputs.login }}\"",
        ]
        var variables = ["imageTag", ImageReferences.registryVariable]
        if let identity = workload.identity {
            let name = WorkloadVariables.clientID(of: identity)
            exports.append("export \(name)=\"$(jq -r '.\(name).value' <<<\"$outputs\")\"")
            variables.append(name)
        }
        if !workload.secrets.isEmpty {
            exports.append("export keyVaultName=\"$(jq -r '.keyVaultName.value' <<<\"$outputs\")\"")
            exports.append("export tenantId=\"$(az account show --query tenantId --output tsv)\"")
            variables += [WorkloadVariables.keyVaultName, WorkloadVariables.tenantID]
        }
        let folder = "\(paths.output)/\(environment.name)/workloads/\(workload.name)"
        let substitute = """
            outputs="$(az deployment group show --name '\(environment.name)-cluster-\(workload.cluster)' --resource-group '\(group.name)'\(subscription) --query properties.outputs --output json)"
            \(exports.joined(separator: "\n"))
            echo "cluster=$(jq -r '.aksClusterName.value' <<<"$outputs")" >> "$GITHUB_OUTPUT"
            mkdir -p "$RUNNER_TEMP/manifests"
            for file in \(folder)/*.yaml; do
              envsubst '\(variables.map { "${\($0)}" }.joined(separator: " "))' < "$file" > "$RUNNER_TEMP/manifests/$(basename "$file")"
            done

            """
        let apply = """
            cd "$RUNNER_TEMP/manifests"
            result="$(az aks command invoke --resource-group '\(group.name)'\(subscription) --name "${{ steps.substitute.outputs.cluster }}" --file . --command 'kubectl create namespace \(workload.namespace) --dry-run=client --output yaml | kubectl apply --filename - && kubectl apply -k . && kubectl rollout status deployment/\(workload.name) --namespace \(workload.namespace) --timeout 300s' --output json)"
            jq -r '.logs' <<<"$result"
            test "$(jq -r '.exitCode' <<<"$result")" = 0

            """
        return .object([
            "name": .string("Deploy to \(environment.name) (az aks command invoke)"),
            "if": .string(stage.condition),
            "needs": .string(stage.job),
            "runs-on": .string(GitHubActions.runner),
            "environment": .string(environment.name),
            "concurrency": .object([
                "group": .string("deploy-\(environment.name)-\(workload.name)"), "cancel-in-progress": false,
            ]),
            "permissions": GitHubActions.oidcPermissions,
            "steps": .array([
                .object(["uses": .string(GitHubActions.checkout)]), GitHubActions.azureLogin, findRegistry,
                .object([
                    "name": "Substitute what only Azure knows into the manifests", "id": "substitute",
                    "run": .string(substitute),
                ]),
                .object([
                    "name": "Apply to the private cluster with az aks command invoke",
                    "run": .string(apply),
                ]),
            ]),
        ])
    }

    /// `.pull`: rewrite the tag input's default in the DSL file, regenerate `Output/`, and open a pull request. Flux applies
    /// the change after it is merged; nothing outside Git changes the cluster.
    static func bumpImageTag(
        _ workload: WorkloadModel, in environment: EnvironmentModel, paths: Paths,
        after stage: (job: String, condition: String, tag: String)
    ) -> Value {
        let input: String
        if case .input(let name, _) = workload.imageTag { input = name } else { input = "\(workload.name).tag" }
        let token = "${{ secrets.SLIPWAY_PR_TOKEN || github.token }}"
        let bump = """
            git config --global --add safe.directory "$GITHUB_WORKSPACE"
            tag="\(stage.tag)"
            branch="slipway/\(environment.name)-\(workload.name)-$tag"
            slipway set-input \(paths.dslFile) "\(input)=$tag"
            slipway generate \(paths.dslFile) --quiet
            git config user.name "slipway[bot]"
            git config user.email "slipway[bot]@users.noreply.github.com"
            git switch --create "$branch"
            git add -- \(paths.dslFile) \(paths.output) .github/workflows
            git commit --message "\(environment.name): run \(workload.name) $tag"
            git push --force origin "$branch"
            echo "branch=$branch" >> "$GITHUB_OUTPUT"
            echo "tag=$tag" >> "$GITHUB_OUTPUT"

            """
        let open = """
            const { branch, tag } = { branch: process.env.BRANCH, tag: process.env.TAG };
            const existing = await github.rest.pulls.list({ ...context.repo, head: `${context.repo.owner}:${branch}`, state: 'open' });
            if (existing.data.length === 0) {
              await github.rest.pulls.create({
                ...context.repo, head: branch, base: 'main',
                title: `\(environment.name): run \(workload.name) ${tag}`,
                body: `Bumps the input \\`\(input)\\` in \\`\(paths.dslFile)\\` to \\`${tag}\\` and regenerates Output/. Flux deploys it to \(environment.name) after merge.`,
              });
            }

            """
        return .object([
            "name": .string("Open a pull request that runs the new tag in \(environment.name)"),
            "if": .string(stage.condition),
            "needs": .string(stage.job),
            "runs-on": .string(GitHubActions.runner),
            "container": .object(["image": .string(GitHubActions.swiftImage)]),
            "permissions": .object(["contents": "write", "pull-requests": "write"]),
            "env": .object([
                "SLIPWAY_SOURCE_URL": "${{ vars.SLIPWAY_SOURCE_URL }}",
                "SLIPWAY_SOURCE_REF": "${{ vars.SLIPWAY_SOURCE_REF }}",
            ]),
            "steps": .array([
                .object([
                    "uses": .string(GitHubActions.checkout),
                    "with": .object(["ref": "main", "token": .string(token)]),
                ]),
                GitHubActions.buildSlipway,
                .object([
                    "name": .string("Bump \(input) and regenerate Output/"), "id": "bump", "run": .string(bump),
                ]),
                .object([
                    "name": "Open the pull request",
                    "uses": .string(GitHubActions.githubScript),
                    "env": .object([
                        "BRANCH": "${{ steps.bump.outputs.branch }}", "TAG": "${{ steps.bump.outputs.tag }}",
                    ]),
                    "with": .object(["github-token": .string(token), "script": .string(open)]),
                ]),
            ]),
        ])
    }
}

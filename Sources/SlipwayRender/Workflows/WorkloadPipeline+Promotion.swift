import SlipwayModel

/// The build and promotion jobs: build and test, `dev-<sha>`, `staging-<sha>`, and the locked `X.Y.Z`.
extension WorkloadPipeline {
    static func buildAndTest(_ workload: WorkloadModel) -> Value {
        var steps: [Value] = [GitHubActions.checkout()]
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
    static let checkoutHistory = GitHubActions.checkout([.init("fetch-depth", 0)])

    /// What the registry and source-version steps found, handed to a step as variables: a `run`
    /// script never expands `${{ … }}` itself, so no output can inject shell code.
    static let stageVariables: Value = .object([
        "REGISTRY_LOGIN": "${{ steps.registry.outputs.login }}",
        "REGISTRY_NAME": "${{ steps.registry.outputs.name }}",
        "SOURCE_SHA": "${{ steps.source.outputs.sha }}",
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
    ///
    /// A stage that calls the registry's data plane (a push, a tag lock) runs on `runner`: the
    /// registry's public network access is off, so only a runner inside the network reaches it.
    static func stage(
        _ name: String, condition: String, needs: String? = nil, runner: Value = .string(GitHubActions.runner),
        steps: [Value]
    ) -> Value {
        var fields: [Value.Field] = [.init("name", .string(name)), .init("if", .string(condition))]
        if let needs { fields.append(.init("needs", .string(needs))) }
        fields += [
            .init("runs-on", runner),
            .init("permissions", GitHubActions.oidcPermissions),
            .init("outputs", .object(["tag": "${{ steps.tag.outputs.tag }}"])),
            .init("steps", .array([checkoutHistory, GitHubActions.azureLogin, findRegistry, sourceVersion] + steps)),
        ]
        return .object(fields)
    }

    /// The self-hosted runner inside the network that the registry's data plane needs.
    static func networkRunner(_ environment: EnvironmentModel) -> Value {
        .array(["self-hosted", .string(PrivateAccess.runnerLabel(environment: environment.name))])
    }

    /// Builds on the runner inside the network and pushes through the private endpoint. (An ACR
    /// Tasks build, `az acr build`, runs on Azure's agents, which the registry's network rules
    /// keep out.)
    static func publishDev(_ environment: EnvironmentModel) -> Value {
        stage(
            "Build dev-<sha> and push it to the registry (runner in the network)", condition: azure(onMain),
            needs: "build-and-test", runner: networkRunner(environment),
            steps: [
                .object([
                    "name": "docker build and push: dev-<short sha>",
                    "id": "tag",
                    "env": stageVariables,
                    "run": """
                    tag="dev-$SOURCE_SHA"
                    image="$REGISTRY_LOGIN/$REPOSITORY:$tag"
                    az acr login --name "$REGISTRY_NAME"
                    docker build --file "$DOCKERFILE" --tag "$image" "$SOURCE_DIRECTORY"
                    docker push "$image"
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
                    "env": stageVariables,
                    "run": """
                    az acr import --name "$REGISTRY_NAME" --source "$REGISTRY_LOGIN/$REPOSITORY:dev-$SOURCE_SHA" --image "$REPOSITORY:staging-$SOURCE_SHA" --force
                    echo "tag=staging-$SOURCE_SHA" >> "$GITHUB_OUTPUT"

                    """,
                ])
            ])
    }

    /// `az acr import` is an ARM operation (trusted-services bypass); the lock is a data-plane call,
    /// so this stage runs on the runner inside the network.
    static func promoteRelease(_ environment: EnvironmentModel) -> Value {
        stage(
            "Promote staging-<sha> to X.Y.Z and lock it (runner in the network)", condition: azure(onRelease),
            runner: networkRunner(environment),
            steps: [
                .object([
                    "name": "az acr import: staging-<short sha> as X.Y.Z",
                    "env": stageVariables,
                    "run": """
                    version="${GITHUB_REF_NAME#v}"
                    if ! [[ "$version" =~ ^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$ ]]; then
                      echo "::error::$GITHUB_REF_NAME is not vX.Y.Z"
                      exit 1
                    fi
                    az acr import --name "$REGISTRY_NAME" --source "$REGISTRY_LOGIN/$REPOSITORY:staging-$SOURCE_SHA" --image "$REPOSITORY:$version"

                    """,
                ]),
                .object([
                    "name": "Lock X.Y.Z against overwrite and deletion",
                    "id": "tag",
                    "env": stageVariables,
                    "run": """
                    version="${GITHUB_REF_NAME#v}"
                    az acr repository update --name "$REGISTRY_NAME" --image "$REPOSITORY:$version" --write-enabled false --delete-enabled false
                    echo "tag=$version" >> "$GITHUB_OUTPUT"

                    """,
                ]),
            ])
    }
}

import SlipwayModel

/// The delivery jobs: `deploy` for `.push`, `bump-image-tag` for `.pull`.
extension WorkloadPipeline {
    /// `.push`: substitute what Azure knows into the rendered manifests and apply them with
    /// `az aks command invoke`, which reaches the private API server through the AKS resource
    /// provider, signed in as the pipeline's identity (it needs the Cluster User role and
    /// Kubernetes RBAC on the namespace); no runner has to live in the VNet.
    static func deploy(
        _ workload: WorkloadModel, in environment: EnvironmentModel, paths: Paths,
        after stage: (job: String, condition: String, tag: String)
    ) -> Value {
        let cluster = environment.cluster(named: workload.cluster)
        let group = cluster?.resourceGroup ?? environment.registryResourceGroup
        let subscription = group.subscription.map { " --subscription '\($0)'" } ?? ""
        // Required outputs are read with `jq -e`: a missing one fails the step instead of becoming
        // the string "null" in a manifest. Each variable is assigned, then exported, so a failed
        // command is not hidden behind `export` (SC2155).
        var reads = [
            "imageTag=\"$IMAGE_TAG\"",
            "\(ImageReferences.registryVariable)=\"$REGISTRY_LOGIN\"",
        ]
        var variables = ["imageTag", ImageReferences.registryVariable]
        if let identity = workload.identity {
            let name = WorkloadVariables.clientID(of: identity)
            reads.append("\(name)=\"$(jq -er '.\(name).value' <<<\"$outputs\")\"")
            variables.append(name)
        }
        if !workload.secrets.isEmpty {
            reads.append("keyVaultName=\"$(jq -er '.keyVaultName.value' <<<\"$outputs\")\"")
            reads.append("tenantId=\"$(az account show --query tenantId --output tsv)\"")
            variables += [WorkloadVariables.keyVaultName, WorkloadVariables.tenantID]
        }
        let folder = "\(paths.output)/\(environment.name)/workloads/\(workload.name)"
        // The cluster stamp's outputs: from its deployment, or from its stack with deployment stacks.
        let unit = "'\(environment.name)-cluster-\(workload.cluster)' --resource-group '\(group.name)'\(subscription)"
        let outputsCommand =
            environment.deployment.stack == nil
            ? "az deployment group show --name \(unit) --query properties.outputs --output json"
            : "az stack group show --name \(unit) --query outputs --output json"
        let substitute = """
            outputs="$(\(outputsCommand))"
            \(reads.joined(separator: "\n"))
            export \(variables.joined(separator: " "))
            cluster="$(jq -er '.aksClusterName.value' <<<"$outputs")"
            echo "cluster=$cluster" >> "$GITHUB_OUTPUT"
            mkdir -p "$RUNNER_TEMP/manifests"
            # envsubst takes the names of the variables to replace, literally.
            # shellcheck disable=SC2016
            names='\(variables.map { "${\($0)}" }.joined(separator: " "))'
            for file in \(folder)/*.yaml; do
              target="$RUNNER_TEMP/manifests/${file##*/}"
              envsubst "$names" < "$file" > "$target"
            done

            """
        let apply = """
            cd "$RUNNER_TEMP/manifests"
            result="$(az aks command invoke --resource-group '\(group.name)'\(subscription) --name "$CLUSTER" --file . --command 'kubectl create namespace \(workload.namespace) --dry-run=client --output yaml | kubectl apply --filename - && kubectl apply -k . && kubectl rollout status deployment/\(workload.name) --namespace \(workload.namespace) --timeout 300s' --output json)"
            jq -r '.logs' <<<"$result"
            jq -e '.exitCode == 0' <<<"$result" > /dev/null

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
                GitHubActions.checkout(), GitHubActions.azureLogin, findRegistry,
                .object([
                    "name": "Substitute what only Azure knows into the manifests", "id": "substitute",
                    "env": .object([
                        "IMAGE_TAG": .string(stage.tag), "REGISTRY_LOGIN": "${{ steps.registry.outputs.login }}",
                    ]),
                    "run": .string(substitute),
                ]),
                .object([
                    "name": "Apply to the private cluster with az aks command invoke",
                    "env": .object(["CLUSTER": "${{ steps.substitute.outputs.cluster }}"]),
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
        // The token that may push and open pull requests lives in the GitHub Environment
        // `slipway-tag-bump` and reaches only the two steps that use it; the checkout keeps none.
        let token = "${{ secrets.SLIPWAY_PR_TOKEN || github.token }}"
        let bump = """
            git config --global --add safe.directory "$GITHUB_WORKSPACE"
            branch="slipway/\(environment.name)-\(workload.name)-$TAG"
            slipway set-input \(paths.dslFile) "\(input)=$TAG"
            slipway generate \(paths.dslFile) --quiet
            git config user.name "slipway[bot]"
            git config user.email "slipway[bot]@users.noreply.github.com"
            git switch --create "$branch"
            git add -- \(paths.dslFile) \(paths.output) \(paths.workflows)
            git commit --message "\(environment.name): run \(workload.name) $TAG"
            echo "branch=$branch" >> "$GITHUB_OUTPUT"

            """
        // The token goes in an HTTP header for this one command, as actions/checkout would have
        // stored it, and is never written to .git/config.
        let push = """
            basic="$(printf 'x-access-token:%s' "$PUSH_TOKEN" | base64 -w0)"
            git -c "http.extraheader=AUTHORIZATION: basic $basic" push --force origin "$BRANCH"

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
            "environment": "slipway-tag-bump",
            "permissions": .object(["contents": "write", "pull-requests": "write"]),
            "env": .object(WorkflowSource.variables(paths.source) + [.init("TAG", .string(stage.tag))]),
            "steps": .array(
                [GitHubActions.checkout([.init("ref", "main")])]
                    + GitHubActions.buildSlipway(cached: false, source: paths.source) + [
                        .object([
                            "name": .string("Bump \(input) and regenerate Output/"), "id": "bump", "run": .string(bump),
                        ]),
                        .object([
                            "name": "Push the branch",
                            "env": .object(["PUSH_TOKEN": .string(token), "BRANCH": "${{ steps.bump.outputs.branch }}"]
                            ),
                            "run": .string(push),
                        ]),
                        .object([
                            "name": "Open the pull request",
                            "uses": .string(GitHubActions.githubScriptAction.uses),
                            "env": .object(["BRANCH": "${{ steps.bump.outputs.branch }}"]),
                            "with": .object(["github-token": .string(token), "script": .string(open)]),
                        ]),
                    ]),
        ])
    }
}

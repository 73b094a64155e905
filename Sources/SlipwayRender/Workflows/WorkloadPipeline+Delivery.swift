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

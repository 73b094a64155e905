import SlipwayModel

/// The deploy pipeline of one DSL file, derived from its environments and written to
/// `slipway-deploy-<file>.yml` by `generate` (and drift-checked by `check`, like the workload
/// pipelines):
///
/// - on every pull request and push: `check` builds the pinned Slipway (cached, keyed on the pin),
///   runs `slipway check` and, on pull requests, comments `slipway diff`;
/// - on pull requests, when the Azure variables are set: `preflight` runs each environment's
///   `deploy.sh validate` (`az bicep build` and `az deployment group validate` of every unit) and
///   `deploy.sh what-if`, neither of which creates anything;
/// - on `main`: one `deploy-<environment>` job per environment, in a GitHub Environment of that
///   name, after the environments it references (`needs`), signing in with OIDC;
/// - nightly (and by hand): one `drift-<environment>` job per environment runs `slipway drift` and
///   opens or updates the issue "Slipway drift: <environment>" when Azure differs from the output.
public enum EnvironmentPipeline {
    /// What the pipeline is rendered from.
    public struct Input: Sendable {
        /// The DSL file, relative to the repository root.
        public var dslFile: String
        /// The output folder, relative to the repository root (such as `Output`).
        public var output: String
        /// The file's environments in deploy order, each with the environments it needs first.
        public var environments: [(name: String, needs: [String])]
        public var source: WorkflowSource.Pin?

        public init(
            dslFile: String, output: String, environments: [(name: String, needs: [String])],
            source: WorkflowSource.Pin?
        ) {
            self.dslFile = dslFile
            self.output = output
            self.environments = environments
            self.source = source
        }
    }

    /// `slipway-deploy-<stem>.yml`, where the stem is the DSL file's name without `.swift` (or a
    /// directory program's folder name).
    public static func fileName(dslFile: String) -> String {
        let last = dslFile.split(separator: "/").last.map(String.init) ?? dslFile
        let stem = last.hasSuffix(".swift") ? String(last.dropLast(".swift".count)) : last
        return "slipway-deploy-\(stem).yml"
    }

    public static func render(_ input: Input) -> String {
        let names = input.environments.map(\.name).joined(separator: ", ")
        let header = """
            \(GeneratedFileMarker.line(source: input.dslFile, detail: "deploy pipeline of \(names)"))
            # Do not edit: `slipway generate` rewrites this file and `slipway check` reports any change.

            """
        return header + GitHubActions.annotate(YAMLPrinter.print(documents: [workflow(input)]))
    }

    static let credentials = "vars.AZURE_CLIENT_ID != ''"

    static func workflow(_ input: Input) -> Value {
        var jobs: [Value.Field] = [.init("check", check(input)), .init("preflight", preflight(input))]
        for environment in input.environments {
            jobs.append(.init(job(environment.name), deploy(environment, input: input)))
        }
        for environment in input.environments {
            jobs.append(.init("drift-\(environment.name)", drift(environment.name, input: input)))
        }
        return .object([
            "name": .string("slipway deploy (\(input.dslFile))"),
            "on": .object([
                "pull_request": .object([Value.Field]()),
                "push": .object(["branches": ["main"]]),
                // Drift is looked for nightly, outside the maintenance windows' usual evening hours.
                "schedule": .array([.object(["cron": "17 5 * * *"])]),
                "workflow_dispatch": .object([Value.Field]()),
            ]),
            "permissions": .object(["contents": "read"]),
            "env": .object(WorkflowSource.variables(input.source)),
            "jobs": .object(jobs),
        ])
    }

    static func job(_ environment: String) -> String { "deploy-\(environment)" }

    static func deployScript(_ environment: String, _ input: Input) -> String {
        "\(input.output)/\(environment)/deploy.sh"
    }

    static func check(_ input: Input) -> Value {
        .object([
            "name": "Check and diff",
            "if": "github.event_name == 'pull_request' || github.event_name == 'push'",
            "runs-on": .string(GitHubActions.runner),
            "container": .object(["image": .string(GitHubActions.swiftImage)]),
            "permissions": .object(["contents": "read", "pull-requests": "write"]),
            "steps": .array(
                [GitHubActions.checkout([.init("fetch-depth", 0)])]
                    + GitHubActions.buildSlipway(cached: true, source: input.source)
                    + [
                        .object([
                            "name": .string("\(input.output)/ is what the DSL renders"),
                            "run": .string("slipway check \(input.dslFile)"),
                        ]),
                        .object([
                            "name": "Diff against the base branch",
                            "if": "github.event_name == 'pull_request'",
                            "run": """
                            git config --global --add safe.directory "$GITHUB_WORKSPACE"
                            slipway diff --base "origin/$GITHUB_BASE_REF" --format markdown > "$RUNNER_TEMP/diff.md" || test $? -eq 1

                            """,
                        ]),
                        .object([
                            "name": "Comment the diff (skipped on forks, whose token is read-only)",
                            "if":
                                "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
                            "uses": .string(GitHubActions.githubScriptAction.uses),
                            "with": .object([
                                "script": """
                                const body = require('fs').readFileSync(process.env.RUNNER_TEMP + '/diff.md', 'utf8');
                                await github.rest.issues.createComment({ ...context.repo, issue_number: context.issue.number, body });

                                """
                            ]),
                        ]),
                    ]),
        ])
    }

    /// Real Bicep tooling on the pull request, where the compiler exists: every unit built and
    /// validated, then previewed. Both modes of `deploy.sh` only read; a stage that needs another
    /// deployed first says "not previewable until … is deployed".
    static func preflight(_ input: Input) -> Value {
        .object([
            "name": "Preflight: bicep build, validate and what-if",
            "if": .string("github.event_name == 'pull_request' && \(credentials)"),
            "needs": "check",
            "runs-on": .string(GitHubActions.runner),
            "permissions": GitHubActions.oidcPermissions,
            "steps": .array(
                [GitHubActions.checkout(), azureVariablesAreSet(for: "the preflight"), GitHubActions.azureLogin]
                    + input.environments.flatMap { environment in
                        [
                            Value.object([
                                "name": .string("Validate \(environment.name)"),
                                "run": .string("bash \(deployScript(environment.name, input)) validate"),
                            ]),
                            Value.object([
                                "name": .string("What-if \(environment.name)"),
                                "run": .string("bash \(deployScript(environment.name, input)) what-if"),
                            ]),
                        ]
                    }),
        ])
    }

    static func deploy(_ environment: (name: String, needs: [String]), input: Input) -> Value {
        let needs = ["check"] + environment.needs.map(job)
        return .object([
            "name": .string("Deploy \(environment.name)"),
            "if": "github.event_name == 'push' && github.ref == 'refs/heads/main'",
            "needs": needs.count == 1 ? .string(needs[0]) : .array(needs.map { .string($0) }),
            "runs-on": .string(GitHubActions.runner),
            "environment": .string(environment.name),
            "concurrency": .object([
                "group": .string("deploy-\(environment.name)"), "cancel-in-progress": false,
            ]),
            "permissions": GitHubActions.oidcPermissions,
            "steps": .array([
                GitHubActions.checkout(), azureVariablesAreSet(for: "environment \(environment.name)"),
                GitHubActions.azureLogin,
                .object([
                    "name": .string("Deploy \(environment.name)"),
                    "run": .string("bash \(deployScript(environment.name, input))"),
                ]),
            ]),
        ])
    }

    /// `slipway drift` against Azure, on the runner itself (which has the Azure CLI): Slipway is
    /// built in the Swift image with its standard library linked statically, so the binary runs
    /// outside it; drift reads only `slipway-model.json`, no DSL. Drift opens or updates one issue
    /// per environment; only this job may write issues.
    static func drift(_ environment: String, input: Input) -> Value {
        let title = "Slipway drift: \(environment)"
        let report = "$RUNNER_TEMP/drift-\(environment).md"
        return .object([
            "name": .string("Drift in \(environment)"),
            "if": .string(
                "(github.event_name == 'schedule' || github.event_name == 'workflow_dispatch') && \(credentials)"),
            "runs-on": .string(GitHubActions.runner),
            "environment": .string(environment),
            "permissions": .object(["contents": "read", "id-token": "write", "issues": "write"]),
            "steps": .array(
                [GitHubActions.checkout()] + WorkflowSource.requireVariables(input.source) + [
                    .object([
                        "name": "Build Slipway at the pinned source (static, in the Swift image)",
                        "run": .string(
                            """
                            source="$RUNNER_TEMP/slipway-source"
                            git init --quiet "$source"
                            git -C "$source" fetch --quiet --depth 1 "$SLIPWAY_SOURCE_URL" "$SLIPWAY_SOURCE_REF"
                            git -C "$source" checkout --quiet --force FETCH_HEAD
                            docker run --rm --volume "$source:/source" --workdir /source \(GitHubActions.swiftImage) swift build -c release --static-swift-stdlib --product slipway
                            echo "$source/.build/release" >> "$GITHUB_PATH"

                            """),
                    ]),
                    azureVariablesAreSet(for: "the drift check of \(environment)"), GitHubActions.azureLogin,
                    .object([
                        "name": .string("slipway drift \(environment)"),
                        "id": "drift",
                        "run": .string(
                            """
                            status=0
                            slipway drift \(environment) --output \(input.output) --format markdown > "\(report)" || status=$?
                            cat "\(report)"
                            [ "$status" -le 1 ] || exit "$status"
                            echo "drifted=$status" >> "$GITHUB_OUTPUT"

                            """),
                    ]),
                    .object([
                        "name": .string("Open or update the issue \"\(title)\""),
                        "if": "steps.drift.outputs.drifted == '1'",
                        "uses": .string(GitHubActions.githubScriptAction.uses),
                        "env": .object(["REPORT": .string(report), "TITLE": .string(title)]),
                        "with": .object([
                            "script": """
                            const body = require('fs').readFileSync(process.env.REPORT, 'utf8');
                            const title = process.env.TITLE;
                            const open = await github.paginate(github.rest.issues.listForRepo, { ...context.repo, state: 'open' });
                            const issue = open.find((item) => item.title === title && !item.pull_request);
                            if (issue) {
                              await github.rest.issues.update({ ...context.repo, issue_number: issue.number, body });
                            } else {
                              await github.rest.issues.create({ ...context.repo, title, body });
                            }

                            """
                        ]),
                    ]),
                ]),
        ])
    }

    /// Stops the job with one clear message naming every unset variable, before the sign-in fails
    /// with a less helpful one.
    static func azureVariablesAreSet(for purpose: String) -> Value {
        let names = ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID"]
        let checks = names.map { "[ -n \"$\($0)\" ] || missing=\"$missing \($0)\"" }.joined(separator: "\n")
        return .object([
            "name": "Azure variables are set",
            "env": .object(names.map { .init($0, .string("${{ vars.\($0) }}")) }),
            "run": .string(
                """
                missing=""
                \(checks)
                if [ -n "$missing" ]; then
                  echo "::error::Set the GitHub variables$missing for \(purpose) (an app registration with a federated credential for this repository; see the environment's README for the roles it needs)"
                  exit 1
                fi

                """),
        ])
    }
}

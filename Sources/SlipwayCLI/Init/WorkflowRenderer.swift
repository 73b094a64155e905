import SlipwayModel
import SlipwayRender

/// The GitHub Actions workflow `slipway init` writes: check and diff on pull requests (with
/// `what-if` when Azure credentials are configured), and one deploy job per environment on `main`,
/// in order, through GitHub Environments, signing in with OIDC.
enum WorkflowRenderer {
    static let swiftImage = GitHubActions.swiftImage

    static func render(environments: [String], sourceURL: String, sourceReference: String, dslFile: String) -> Value {
        let credentials = "vars.AZURE_CLIENT_ID != ''"
        let azureLogin = GitHubActions.azureLogin
        var jobs: [Value.Field] = [
            .init(
                "check",
                .object([
                    "name": "Check and diff",
                    "runs-on": .string(GitHubActions.runner),
                    "container": .object(["image": .string(swiftImage)]),
                    "permissions": .object(["contents": "read", "pull-requests": "write"]),
                    "steps": .array(
                        [GitHubActions.checkout([.init("fetch-depth", 0)])] + GitHubActions.buildSlipway(cached: true)
                            + [
                                .object([
                                    "name": "Output/ is what the DSL renders",
                                    "run": .string("slipway check \(dslFile)"),
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
                ])),
            .init(
                "what-if",
                .object([
                    "name": "Preview deployments (what-if)",
                    "if": .string("github.event_name == 'pull_request' && \(credentials)"),
                    "needs": "check",
                    "runs-on": .string(GitHubActions.runner),
                    "permissions": GitHubActions.oidcPermissions,
                    "steps": .array(
                        [GitHubActions.checkout(), azureLogin]
                            + environments.map { environment in
                                .object([
                                    "name": .string("What-if \(environment)"),
                                    "if": .string(credentials),
                                    "run": .string("bash Output/\(environment)/deploy.sh what-if"),
                                ])
                            }),
                ])),
        ]
        var previous = "check"
        for environment in environments {
            let job = "deploy-\(environment)"
            jobs.append(
                .init(
                    job,
                    .object([
                        "name": .string("Deploy \(environment)"),
                        "if": "github.event_name == 'push' && github.ref == 'refs/heads/main'",
                        "needs": .string(previous),
                        "runs-on": .string(GitHubActions.runner),
                        "environment": .string(environment),
                        "concurrency": .object(["group": .string("deploy-\(environment)"), "cancel-in-progress": false]
                        ),
                        "permissions": GitHubActions.oidcPermissions,
                        "steps": .array([
                            GitHubActions.checkout(), azureLogin,
                            .object([
                                "name": .string("Deploy \(environment)"),
                                "run": .string("bash Output/\(environment)/deploy.sh"),
                            ]),
                        ]),
                    ])))
            previous = job
        }
        return .object([
            "name": "slipway",
            "on": .object([
                "pull_request": .object([Value.Field]()),
                "push": .object(["branches": ["main"]]),
            ]),
            "permissions": .object(["contents": "read"]),
            "env": .object([
                "SLIPWAY_SOURCE_URL": .string(sourceURL), "SLIPWAY_SOURCE_REF": .string(sourceReference),
            ]),
            "jobs": .object(jobs),
        ])
    }
}

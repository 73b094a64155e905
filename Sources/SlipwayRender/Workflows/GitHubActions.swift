import SlipwayModel

/// Steps every Slipway workflow shares: pinned actions, the OIDC sign-in to Azure, and building
/// Slipway from a pinned source.
public enum GitHubActions {
    /// An action pinned by the full commit SHA of a release tag. A tag can be moved to other code;
    /// a commit cannot. The commits come from `../shared/reference/github-actions.md` (read from
    /// each action's repository); a test compares every generated `uses:` with that table.
    public struct PinnedAction: Sendable {
        public let name: String
        public let version: String
        public let commit: String

        /// The `uses:` value: `owner/repo@<commit>`; the printed workflow adds `# <version>`.
        public var uses: String { "\(name)@\(commit)" }
    }

    public static let checkoutAction = PinnedAction(
        name: "actions/checkout", version: "v7.0.1", commit: "3d3c42e5aac5ba805825da76410c181273ba90b1")
    public static let azureLoginAction = PinnedAction(
        name: "azure/login", version: "v3.0.1", commit: "f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca")
    public static let githubScriptAction = PinnedAction(
        name: "actions/github-script", version: "v8.0.0", commit: "ed597411d8f924073f98dfc5c65a23a2325f34cd")
    public static let cacheAction = PinnedAction(
        name: "actions/cache", version: "v5.0.5", commit: "27d5ce7f107fe9357f9df03efb73ab90386fccae")
    public static let pinnedActions = [checkoutAction, azureLoginAction, githubScriptAction, cacheAction]

    /// The container image the jobs that run Slipway use: an exact tag. No digest is pinned, because
    /// none can be verified where Slipway renders the workflow; the printed workflow says so.
    public static let swiftImage = "swift:6.3.1-bookworm"
    /// A pinned runner image, so a job does not change under the pipeline when GitHub moves a label.
    public static let runner = "ubuntu-24.04"

    /// A checkout that keeps no credentials in `.git/config` (`persist-credentials: false`): a later
    /// step cannot reuse the job's token by accident. A step that must push is handed a token itself.
    public static func checkout(_ options: [Value.Field] = []) -> Value {
        .object([
            .init("uses", .string(checkoutAction.uses)),
            .init("with", .object(options + [.init("persist-credentials", false)])),
        ])
    }

    /// Signs in with OpenID Connect: the workflow's token is exchanged for an Entra ID token of the
    /// app registration in `AZURE_CLIENT_ID`; no secret is stored. The job needs `id-token: write`.
    public static let azureLogin: Value = .object([
        "name": "Sign in to Azure with OIDC",
        "uses": .string(azureLoginAction.uses),
        "with": .object([
            "client-id": "${{ vars.AZURE_CLIENT_ID }}",
            "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
            "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
        ]),
    ])

    /// Builds Slipway at `SLIPWAY_SOURCE_URL`/`SLIPWAY_SOURCE_REF` (a commit or an exact tag; a
    /// fetch by commit works where a clone by `--branch` would not) and puts it on the `PATH`.
    /// With `cached`, the build is cached between runs, keyed on the pin and the toolchain image;
    /// a job that publishes (the release tag bump) builds without a cache, so no cache written
    /// elsewhere can reach what it pushes (zizmor's cache-poisoning audit).
    /// Without a committed pin (`source`), a first step checks that the GitHub variables are set.
    public static func buildSlipway(cached: Bool, source: WorkflowSource.Pin?) -> [Value] {
        WorkflowSource.requireVariables(source)
            + (cached ? [restoreSlipwayBuild, buildSlipwayStep] : [buildSlipwayStep])
    }

    static let restoreSlipwayBuild: Value =
        .object([
            "name": "Restore the Slipway build of this pin",
            "uses": .string(cacheAction.uses),
            "with": .object([
                "path": "~/.cache/slipway-source/.build",
                "key": .string("slipway-${{ env.SLIPWAY_SOURCE_REF }}-\(swiftImage)"),
            ]),
        ])

    static let buildSlipwayStep: Value =
        .object([
            "name": "Build Slipway at the pinned source",
            "run": """
            source="$HOME/.cache/slipway-source"
            git init --quiet "$source"
            git -C "$source" fetch --quiet --depth 1 "$SLIPWAY_SOURCE_URL" "$SLIPWAY_SOURCE_REF"
            git -C "$source" checkout --quiet --force FETCH_HEAD
            swift build -c release --package-path "$source"
            echo "$source/.build/release" >> "$GITHUB_PATH"

            """,
        ])

    /// The job permissions of a job that signs in to Azure.
    public static let oidcPermissions: Value = .object(["contents": "read", "id-token": "write"])

    /// The printed workflow with each pinned action's release as a comment after its commit, and
    /// the container image's exact-tag pin explained where it is used.
    public static func annotate(_ yaml: String) -> String {
        var text = yaml
        for action in pinnedActions {
            text = text.replacing("uses: \"\(action.uses)\"\n", with: "uses: \"\(action.uses)\" # \(action.version)\n")
        }
        return text.replacing(
            "image: \"\(swiftImage)\"\n",
            with: "image: \"\(swiftImage)\" # an exact tag; no digest can be verified when Slipway renders this\n")
    }
}

import SlipwayModel

/// Steps every Slipway workflow shares: pinned actions, the OIDC sign-in to Azure, and building
/// Slipway from a pinned source.
public enum GitHubActions {
    /// The container image the jobs that run Slipway use.
    public static let swiftImage = "swift:6.3.1-bookworm"
    /// A pinned runner image, so a job does not change under the pipeline when GitHub moves a label.
    public static let runner = "ubuntu-24.04"
    public static let checkout = "actions/checkout@v4"
    public static let githubScript = "actions/github-script@v7"

    /// Signs in with OpenID Connect: the workflow's token is exchanged for an Entra ID token of the
    /// app registration in `AZURE_CLIENT_ID`; no secret is stored. The job needs `id-token: write`.
    public static let azureLogin: Value = .object([
        "name": "Sign in to Azure with OIDC",
        "uses": "azure/login@v2",
        "with": .object([
            "client-id": "${{ vars.AZURE_CLIENT_ID }}",
            "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
            "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
        ]),
    ])

    /// Builds Slipway at `SLIPWAY_SOURCE_URL`/`SLIPWAY_SOURCE_REF` and puts it on the `PATH`.
    public static let buildSlipway: Value = .object([
        "name": "Build Slipway at the pinned source",
        "run": """
        git clone --depth 1 --branch "$SLIPWAY_SOURCE_REF" "$SLIPWAY_SOURCE_URL" "$RUNNER_TEMP/slipway"
        swift build -c release --package-path "$RUNNER_TEMP/slipway"
        echo "$RUNNER_TEMP/slipway/.build/release" >> "$GITHUB_PATH"

        """,
    ])

    /// The job permissions of a job that signs in to Azure.
    public static let oidcPermissions: Value = .object(["contents": "read", "id-token": "write"])
}

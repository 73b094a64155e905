// swift-tools-version: 6.0
import PackageDescription

// Pipeline: Slipway (DSL, what a DSL file imports) → SlipwayModel (resolved plain values, also the wire
// format of the result channel) → SlipwayRules (diagnostics) → SlipwayRender (Bicep/JSON/YAML syntax
// trees) → SlipwayWriter (atomic, deterministic). SlipwayCLI drives the stages; `slipway` is its entry.
let package = Package(
    name: "Slipway",
    platforms: [.macOS(.v13)],
    products: [
        // DSL programs link against this dynamic library. `swift run` does not rebuild it, so the CLI
        // checks it against the module it compiles with and rebuilds it when stale (see README).
        .library(name: "Slipway", type: .dynamic, targets: ["Slipway"]),
        .executable(name: "slipway", targets: ["slipway"]),
    ],
    targets: [
        // The few plain values DSL signatures need (Value, UnitKind, UnitSelector): re-exported by
        // Slipway, the only model types a DSL file sees. Slipway imports SlipwayModel `package`-only.
        .target(name: "SlipwayVocabulary"),
        .target(name: "SlipwayModel", dependencies: ["SlipwayVocabulary"]),
        .target(name: "Slipway", dependencies: ["SlipwayModel", "SlipwayVocabulary"]),
        // The property table's generator is a development-time script beside the data it writes.
        .target(
            name: "SlipwayRules", dependencies: ["SlipwayModel"],
            exclude: ["PropertyTable/generate-property-table.py"]),
        .target(name: "SlipwayRender", dependencies: ["SlipwayModel"]),
        .target(name: "SlipwayWriter", dependencies: ["SlipwayModel"]),
        // Seeded random valid environments: property-based tests and `slipway sample`.
        .target(name: "SlipwaySamples", dependencies: ["Slipway", "SlipwayModel"]),
        .target(
            name: "SlipwayCLI",
            dependencies: ["SlipwayModel", "SlipwayRules", "SlipwayRender", "SlipwayWriter", "SlipwaySamples"]
        ),
        // `slipway` depends on the DSL target so that `swift run slipway` rebuilds the Slipway module
        // whenever Sources/Slipway changes; the CLI then brings the dynamic library up to date.
        // The Swift runtime and FoundationEssentials are linked into the executable: a process that
        // loads them as shared libraries starts about 5 ms later here (10.5 ms against 5.3 ms for a
        // FoundationEssentials hello world), and a warm `generate` is little more than a start.
        // Only the executable: libSlipway.so and DSL programs keep the shared runtime, one per process.
        .executableTarget(
            name: "slipway", dependencies: ["SlipwayCLI", "Slipway"],
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib", "-l_FoundationCShims", "-l_FoundationCollections"], .when(platforms: [.linux]))
            ]
        ),
        // The CLI tests run the built `slipway` executable (`swift test` builds every target) but do
        // not link it: its static runtime would clash with the shared one the test runner loads.
        .testTarget(
            name: "SlipwayTests",
            dependencies: [
                "Slipway", "SlipwayModel", "SlipwayVocabulary", "SlipwayRules", "SlipwayRender", "SlipwayWriter",
                "SlipwayCLI",
                "SlipwaySamples",
            ],
            exclude: ["Fixtures"]
        ),
    ]
)

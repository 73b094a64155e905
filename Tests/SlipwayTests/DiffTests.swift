import Foundation
import Testing

@testable import SlipwayCLI

/// `slipway diff`: resolved-model comparison, risky changes, and the two modes.
@Suite struct DiffTests {
    /// The acceptance edit: one prod node subnet moves and prod's user pool VM size changes.
    static func editProd(_ repository: URL) throws {
        let file = repository.appendingPathComponent("Examples/dev-prod.swift")
        var source = try String(contentsOf: file, encoding: .utf8)
        source = source.replacing(
            #"Subnet.nodes("snet-nodes-\(index)", "10.\(octet).\(index * 4).0/22")"#,
            with:
                #"Subnet.nodes("snet-nodes-\(index)", "10.\(octet).\(name == "prod" && index == 0 ? 12 : index * 4).0/22")"#
        )
        source = source.replacing("userPoolSize: .standardD8dV5", with: "userPoolSize: \"Standard_D16d_v5\"")
        try source.write(to: file, atomically: false, encoding: .utf8)
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Support.fixtures.appendingPathComponent("Diff/\(name)"), encoding: .utf8)
    }

    @Test func reportsExactlyTheProdChangesWithTheVMSizeAsRisky() throws {
        let repository = try Support.scratchRepository()
        #expect(try Support.slipway(["diff", "Examples/dev-prod.swift"], in: repository).status == 0)
        try Self.editProd(repository)
        let text = try Support.slipway(["diff", "Examples/dev-prod.swift"], in: repository)
        #expect(text.status == 1)
        #expect(text.stdout == (try Self.fixture("prod-subnet-and-vm-size.txt")))
        #expect(!text.stdout.contains("\ndev ("))
        #expect(text.stdout.contains("! replaces node pool 'apps' of 'cluster'"))
        let markdown = try Support.slipway(["diff", "Examples/dev-prod.swift", "--format", "markdown"], in: repository)
        #expect(markdown.stdout == (try Self.fixture("prod-subnet-and-vm-size.md")))
    }

    @Test func baseModeComparesCommittedModelsWithoutRendering() throws {
        let repository = try Support.scratchRepository()
        func git(_ arguments: String...) throws {
            let run = try Support.run(
                URL(fileURLWithPath: "/usr/bin/git"),
                ["-c", "user.email=ci@example.com", "-c", "user.name=CI", "-c", "commit.gpgsign=false"] + arguments,
                in: repository)
            #expect(run.status == 0, "\(run.stderr)")
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-qm", "base")
        try Self.editProd(repository)
        #expect(try Support.slipway(["generate", "Examples/dev-prod.swift"], in: repository).status == 0)
        try git("commit", "-qam", "change prod")
        // The DSL file no longer matters: break it to prove nothing is compiled.
        try "this does not compile".write(
            to: repository.appendingPathComponent("Examples/dev-prod.swift"), atomically: false, encoding: .utf8)
        let run = try Support.slipway(["diff", "--base", "HEAD~1"], in: repository)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout == (try Self.fixture("prod-subnet-and-vm-size.txt")))
        let same = try Support.slipway(["diff", "--base", "HEAD"], in: repository)
        #expect(same.status == 0)
        #expect(same.stdout == "slipway diff: no changes\n")
    }

    @Test func fleetBundleChangesAreListedWithTheManifests() throws {
        let repository = try Support.scratchRepository()
        let file = repository.appendingPathComponent("Examples/fleet-registration.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        try source.replacing(#"["tier": "production"]"#, with: #"["tier": "gold"]"#)
            .write(to: file, atomically: false, encoding: .utf8)
        let run = try Support.slipway(["diff", "Examples/fleet-registration.swift"], in: repository)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stdout.hasSuffix(
                "fleet-registration (changed)\n  manifests (Flux and Fleet trees, push-workload folders):\n    changed fleet/bundles/apps/web/fleet.yaml\n"
            ))
    }

    // MARK: Risk classification on synthetic models

    static func model(_ resources: [String: [String: Any]], parameters: [String: Any] = [:]) -> ModelDiff.JSON {
        var resourceValues: [String: Any] = [:]
        for (symbol, value) in resources {
            resourceValues[symbol] = ["type": value["type"]!, "apiVersion": "1", "properties": value["properties"]!]
        }
        return [
            "units": [
                "cluster-aks": [
                    "file": "cluster-aks.bicep", "parameters": parameters, "resources": resourceValues,
                    "modules": [String: Any](),
                ]
            ]
        ]
    }

    @Test func securityLooseningAndDeletionsAreRisky() {
        let before = Self.model([
            "cluster": [
                "type": "Microsoft.ContainerService/managedClusters",
                "properties": [
                    "properties.disableLocalAccounts": true,
                    "properties.apiServerAccessProfile.authorizedIPRanges[0]": "203.0.113.0/24",
                ],
            ],
            "registry": [
                "type": "Microsoft.ContainerRegistry/registries",
                "properties": ["properties.publicNetworkAccess": "Disabled"],
            ],
            "endpoint": ["type": "Microsoft.Network/privateEndpoints", "properties": ["name": "pe"]],
        ])
        let after = Self.model([
            "cluster": [
                "type": "Microsoft.ContainerService/managedClusters",
                "properties": [
                    "properties.disableLocalAccounts": false,
                    "properties.apiServerAccessProfile.authorizedIPRanges[0]": "0.0.0.0/0",
                ],
            ],
            "registry": [
                "type": "Microsoft.ContainerRegistry/registries",
                "properties": ["properties.publicNetworkAccess": "Enabled"],
            ],
            "rules": ["type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "properties": ["name": "x"]],
        ])
        let risks = ModelDiff.environment(name: "prod", old: before, new: after).risks
        #expect(risks.contains { $0.hasPrefix("security: local accounts enabled on 'cluster'") })
        #expect(risks.contains { $0.hasPrefix("security: authorized IP ranges widened on 'cluster'") })
        #expect(risks.contains { $0.hasPrefix("security: public network access enabled on 'registry'") })
        #expect(
            risks.contains {
                $0.hasPrefix(
                    "leaves in Azure (incremental deployments delete nothing) Microsoft.Network/privateEndpoints@1 'endpoint'"
                ) && $0.contains("a private endpoint is removed")
            })
        #expect(risks.contains { $0.hasPrefix("security: adds firewall rule collection group 'rules'") })
        #expect(
            ModelDiff.environment(name: "prod", old: before, new: nil).risks.first?.hasPrefix("deletes environment")
                == true)
    }

    /// What a removal does follows the strategy; Kubernetes changes come in deploy order.
    @Test func removalsFollowTheStrategyAndUpgradesTheDeployOrder() {
        func pools(_ controlPlane: String, batch: String) -> [String: [String: Any]] {
            [
                "cluster": [
                    "type": "Microsoft.ContainerService/managedClusters",
                    "properties": [
                        "properties.agentPoolProfiles[system].orchestratorVersion": controlPlane,
                        "properties.agentPoolProfiles[apps].orchestratorVersion": controlPlane,
                    ],
                ],
                "batchPool": [
                    "type": "Microsoft.ContainerService/managedClusters/agentPools",
                    "properties": ["name": "batch", "properties.orchestratorVersion": batch],
                ],
                "vault": ["type": "Microsoft.KeyVault/vaults", "properties": ["name": "kv"]],
            ]
        }
        var before = Self.model(pools("1.33.5", batch: "1.32.9"), parameters: ["kubernetesVersion": "1.33.5"])
        var after = Self.model(pools("1.34.2", batch: "1.33.5"), parameters: ["kubernetesVersion": "1.34.2"])
        var units = after["units"] as! [String: Any]
        var unit = units["cluster-aks"] as! [String: Any]
        var resources = unit["resources"] as! [String: Any]
        resources["vault"] = nil
        unit["resources"] = resources
        units["cluster-aks"] = unit
        after["units"] = units
        after["deployOrder"] = ["hub", "cluster-aks"]
        for (action, verb) in [("detachAll", "detaches (leaves in Azure, unmanaged)"), ("deleteResources", "deletes")] {
            before["deployment"] = ["strategy": "stack", "actionOnUnmanage": action]
            after["deployment"] = ["strategy": "stack", "actionOnUnmanage": action]
            let risks = ModelDiff.environment(name: "prod", old: before, new: after).risks
            #expect(risks.contains("\(verb) Microsoft.KeyVault/vaults@1 'vault' (cluster-aks.bicep)"), "\(risks)")
            #expect(
                risks.contains(
                    "upgrades Kubernetes, in deploy order: cluster-aks: control plane 1.33.5 → 1.34.2, then pools apps, system with it, then pool batch 1.32.9 → 1.33.5"
                ), "\(risks)")
        }
        // Leaving stacks behind for incremental deployments says what to do with the stacks.
        var back = after
        back["deployment"] = ["strategy": "incremental"]
        #expect(
            ModelDiff.environment(name: "prod", old: before, new: back).risks.contains {
                $0.hasPrefix(
                    "changes how deploy.sh deploys: {\"actionOnUnmanage\":\"deleteResources\",\"strategy\":\"stack\"} → {\"strategy\":\"incremental\"}"
                )
                    && $0.hasSuffix("delete each with az stack group delete --action-on-unmanage detachAll first")
            })
        // A removed unit under a stack: deploy.sh deletes its stack with the unmanage action.
        let gone = ModelDiff.environment(
            name: "prod", old: before, new: ["units": [String: Any](), "deployment": after["deployment"]!])
        #expect(
            gone.risks.contains(
                "deletes deployment unit 'cluster-aks': deploy.sh deletes its stack with --action-on-unmanage deleteResources (cluster-aks.bicep)"
            ), "\(gone.risks)")
    }

    /// A pool's OS, priority or pod subnet cannot change in place: AKS needs a new pool.
    @Test func osPriorityAndPodSubnetChangesReplaceThePool() {
        func model(_ os: String, _ priority: String, _ pods: String) -> ModelDiff.JSON {
            Self.model([
                "cluster": [
                    "type": "Microsoft.ContainerService/managedClusters",
                    "properties": [
                        "properties.agentPoolProfiles[apps].osType": os,
                        "properties.agentPoolProfiles[apps].scaleSetPriority": priority,
                        "properties.agentPoolProfiles[apps].podSubnetID": pods,
                    ],
                ]
            ])
        }
        let base = model("Linux", "Regular", "=podsA.id")
        for (changed, key) in [
            (model("Windows", "Regular", "=podsA.id"), "osType"),
            (model("Linux", "Spot", "=podsA.id"), "scaleSetPriority"),
            (model("Linux", "Regular", "=podsB.id"), "podSubnetID"),
        ] {
            let risks = ModelDiff.environment(name: "prod", old: base, new: changed).risks
            #expect(
                risks.contains {
                    $0.hasPrefix("replaces node pool 'apps' of 'cluster': properties.agentPoolProfiles[apps].\(key)")
                },
                "\(risks)")
        }
    }

    @Test func narrowingIsNotRiskyButShrinkingIs() {
        func risks(_ old: String, _ new: String, key: String) -> [String] {
            ModelDiff.environment(
                name: "e",
                old: Self.model(["vnet": ["type": "Microsoft.Network/virtualNetworks", "properties": [key: old]]]),
                new: Self.model(["vnet": ["type": "Microsoft.Network/virtualNetworks", "properties": [key: new]]])
            ).risks
        }
        let space = "properties.addressSpace.addressPrefixes[0]"
        #expect(risks("10.0.0.0/16", "10.0.0.0/15", key: space).isEmpty)
        #expect(
            risks("10.0.0.0/16", "10.0.0.0/17", key: space).first?.hasPrefix("shrinks or moves address space") == true)
        let subnet = "properties.subnets[nodes].properties.addressPrefix"
        #expect(risks("10.0.0.0/24", "10.0.0.0/23", key: subnet).isEmpty)
        #expect(
            risks("10.0.0.0/24", "10.0.0.0/25", key: subnet).first?.hasPrefix("shrinks or moves subnet nodes") == true)
    }
}

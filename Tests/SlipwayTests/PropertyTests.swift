import Foundation
import SlipwayModel
import SlipwayRender
import SlipwayRules
import SlipwaySamples
import Testing

/// Property-based tests over seeded random valid environments (a small sample runs in `swift test`;
/// `slipway sample --count 1000` renders the large case for conformance).
@Suite struct PropertyTests {
    static let seeds: [UInt64] = [1, 7, 42]

    static func sample(seed: UInt64, count: Int = 8) -> [EnvironmentModel] {
        var sampler = EnvironmentSampler(seed: seed)
        return sampler.environments(count: count).map(\.resolvedModel)
    }

    @Test(arguments: seeds)
    func generatedEnvironmentsValidateClean(seed: UInt64) {
        let environments = Self.sample(seed: seed)
        let diagnostics = Validator.validate(environments)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
    }

    @Test func generatorCoversTheCasesThatMatter() {
        let environments = Self.seeds.flatMap { Self.sample(seed: $0) }
        #expect(environments.filter { $0.hub != nil }.count >= 2, "several hubs")
        #expect(environments.contains { $0.hub == nil && !$0.hubReferences.isEmpty }, "a shared hub")
        #expect(environments.contains { $0.spokes.count >= 2 }, "several spokes")
        #expect(environments.contains { $0.clusters.count >= 2 }, "several clusters")
        let clusters = environments.flatMap(\.clusters)
        #expect(clusters.contains { $0.network.pluginMode == "overlay" })
        #expect(clusters.contains { $0.network.pluginMode == nil })
        #expect(clusters.contains { $0.apiServer.privateCluster })
        let workloads = environments.flatMap(\.workloads)
        #expect(workloads.contains { $0.delivery == .pull } && workloads.contains { $0.delivery == .push })
        #expect(workloads.contains { !$0.secrets.isEmpty })
        #expect(Set(workloads.map(\.stage)).count == 3, "every promotion stage")
        // Prefixes at their limits: /26 firewall subnets and node subnets sized to their pools.
        #expect(environments.compactMap(\.hub).allSatisfy { $0.subnets.contains { $0.prefix.text.hasSuffix("/26") } })
        #expect(
            environments.flatMap(\.spokes).flatMap(\.subnets).contains {
                $0.role == .nodes && $0.prefix.text.hasSuffix("/23")
            })
    }

    @Test(arguments: seeds)
    func renderingIsDeterministicAndKeepsTheInvariants(seed: UInt64) throws {
        let environments = Self.sample(seed: seed)
        for environment in environments {
            let files = try EnvironmentRenderer.render(environment, among: environments, fluxPathPrefix: "Output")
            #expect(try files == EnvironmentRenderer.render(environment, among: environments, fluxPathPrefix: "Output"))
            // One template and one parameter file per unit.
            #expect((files["hub.bicep"] != nil) == (environment.hub != nil))
            for spoke in environment.spokes {
                #expect(
                    files["spoke-\(spoke.name).bicep"] != nil
                        && files[environment.parameterFormat.fileName(of: "spoke-\(spoke.name)")] != nil)
            }
            for cluster in environment.clusters {
                let template = try #require(files["cluster-\(cluster.name).bicep"])
                // Every Flux path points at a rendered directory with a kustomization.yaml, and a
                // cluster with Flux has at least one.
                let paths = template.split(separator: "\n").filter { $0.contains("path: './Output/") }
                #expect(paths.isEmpty == (cluster.flux == nil), "\(cluster.name)")
                for line in paths {
                    let path = String(line.split(separator: "'")[1].dropFirst("./Output/\(environment.name)/".count))
                    #expect(files["\(path)/kustomization.yaml"] != nil, "\(path) is not rendered")
                }
            }
            // Parameter files supply exactly the template's parameters.
            for (path, template) in files where path.hasSuffix(".bicep") && !path.hasPrefix("modules/") {
                let declared = Set(
                    template.split(separator: "\n").filter { $0.hasPrefix("param ") }.map {
                        String($0.split(separator: " ")[1])
                    })
                let unit = String(path.dropLast(".bicep".count))
                let parameters = try #require(files[environment.parameterFormat.fileName(of: unit)])
                #expect(Set(try DeployOrderTests.parameterValues(parameters).keys) == declared, "\(path)")
            }
            // deploy.sh deploys each unit once, each after the units whose resources it references.
            let script = try #require(files["deploy.sh"])
            let deployments = script.split(separator: "\n").filter(DeployOrderTests.isDeployment)
            #expect(
                deployments.count
                    == files.keys.filter { $0.hasSuffix(".parameters.json") || $0.hasSuffix(".bicepparam") }.count)
            #expect(try DeployOrderTests.violations(files) == [], "\(environment.name)")
        }
    }

    // MARK: Mutations

    enum Mutation: CaseIterable {
        case shiftSubnetOutside, shrinkVNet, renameRegistryReference, renameSubnetReference, overlapSpokes,
            moveDNSServiceIP, hostBits, latestTag, foreignServiceAccount
    }

    /// Applies `mutation` to one environment, returning the code it must produce (nil: not applicable).
    static func apply(
        _ mutation: Mutation, to environments: inout [EnvironmentModel], using random: inout SeededGenerator
    )
        -> String?
    {
        if mutation == .latestTag || mutation == .foreignServiceAccount {
            let candidates = environments.indices.filter { !environments[$0].workloads.isEmpty }
            guard let index = candidates.randomElement(using: &random) else { return nil }
            if mutation == .latestTag {
                environments[index].workloads[0].imageTag = .input(name: "web.tag", value: "latest")
                environments[index].workloads[0].delivery = .pull
                return "WKL004"
            }
            environments[index].workloads[0].serviceAccount = "other"
            return "WKL006"
        }
        let candidates = environments.indices.filter { !environments[$0].spokes.isEmpty }
        guard let index = candidates.randomElement(using: &random) else { return nil }
        var environment = environments[index]
        let spokeIndex = Int.random(in: 0..<environment.spokes.count, using: &random)
        defer { environments[index] = environment }
        switch mutation {
        case .shiftSubnetOutside:
            environment.spokes[spokeIndex].subnets[0].prefix = "172.31.255.0/28"
            return "NET002"
        case .shrinkVNet:
            let first = environment.spokes[spokeIndex].subnets[0].prefix.text
            environment.spokes[spokeIndex].addressSpace = AddressPrefix(String(first.split(separator: "/")[0]) + "/29")
            return "NET002"
        case .renameRegistryReference:
            guard let cluster = environment.clusters.indices.randomElement(using: &random) else { return nil }
            environment.clusters[cluster].registry = "acrrenamed"
            return "REF001"
        case .renameSubnetReference:
            guard let cluster = environment.clusters.indices.randomElement(using: &random) else { return nil }
            environment.clusters[cluster].nodeSubnet?.subnet = "snet-renamed"
            return "REF001"
        case .overlapSpokes:
            guard let other = environments.indices.first(where: { $0 != index && !environments[$0].spokes.isEmpty })
            else { return nil }
            environment.spokes[spokeIndex].addressSpace = environments[other].spokes[0].addressSpace
            return "NET004"
        case .moveDNSServiceIP:
            guard let cluster = environment.clusters.indices.randomElement(using: &random) else { return nil }
            environment.clusters[cluster].network.dnsServiceIP = "172.17.0.10"
            return "NET006"
        case .hostBits:
            let prefix = environment.spokes[spokeIndex].subnets[0].prefix.text
            environment.spokes[spokeIndex].subnets[0].prefix = AddressPrefix(prefix.replacing(".0/", with: ".1/"))
            return "NET001"
        case .latestTag, .foreignServiceAccount:
            return nil  // handled above, on an environment with a workload
        }
    }

    @Test(arguments: Mutation.allCases)
    func singleMutationsProduceTheExpectedCode(mutation: Mutation) {
        var random = SeededGenerator(seed: 99)
        var applied = 0
        for seed in Self.seeds {
            var environments = Self.sample(seed: seed)
            guard let code = Self.apply(mutation, to: &environments, using: &random) else { continue }
            applied += 1
            let codes = Set(Validator.validate(environments).map(\.code))
            #expect(codes.contains(code), "\(mutation) on seed \(seed) gave \(codes.sorted())")
        }
        #expect(applied > 0, "\(mutation) never applied")
    }
}

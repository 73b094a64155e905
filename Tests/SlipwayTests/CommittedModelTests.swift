import Foundation
import Testing

/// `generate` and `check` compare with the committed model (here the output on disk, outside Git):
/// a control plane that skips a minor fails, and a cluster removed from the DSL is retired by
/// `deploy.sh` run after run until the DSL declares it again.
@Suite struct CommittedModelTests {
    func edit(_ repository: URL, _ change: (String) -> String) throws {
        let file = repository.appendingPathComponent("Examples/dev-prod.swift")
        try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aSkippedMinorFailsCheckAgainstTheCommittedModel() throws {
        let repository = try Support.scratchRepository()
        try edit(repository) { $0.replacing("kubernetesVersion: \"1.34.2\")", with: "kubernetesVersion: \"1.36.1\")") }
        let check = try Support.slipway(["check", "Examples/dev-prod.swift"], in: repository)
        #expect(check.status == 5, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "error: [AKS017] cluster 'aks-prod-0' moves from Kubernetes 1.34.2 to 1.36.1, skipping 1 minor (committed: Output/prod/slipway-model.json)"
            ), "\(check.stderr)")
        // dev's channel renders MAJOR.MINOR, which is what was committed.
        #expect(check.stderr.contains("cluster 'aks-dev-0' moves from Kubernetes 1.34 to 1.36.1"), "\(check.stderr)")
        // One minor at a time passes.
        try edit(repository) { $0.replacing("\"1.36.1\"", with: "\"1.35.1\"") }
        let step = try Support.slipway(["generate", "Examples/dev-prod.swift"], in: repository)
        #expect(step.status == 0, "\(step.stderr)")
        #expect(!step.stderr.contains("AKS017"))
    }

    @Test func aRemovedClusterIsRetiredUntilDeclaredAgain() throws {
        let repository = try Support.scratchRepository()
        try edit(repository) { $0.replacing("clusterCount: 2", with: "clusterCount: 1") }
        #expect(try Support.slipway(["generate", "Examples/dev-prod.swift"], in: repository).status == 0)
        let script = try String(
            contentsOf: repository.appendingPathComponent("Output/prod/deploy.sh"), encoding: .utf8)
        #expect(script.contains("retire 'cluster-aks-prod-1' 'rg-prod'"), "\(script)")
        let model = try String(
            contentsOf: repository.appendingPathComponent("Output/prod/slipway-model.json"), encoding: .utf8)
        #expect(model.contains("\"retiredUnits\": {\n    \"cluster-aks-prod-1\": {\n      \"name\": \"rg-prod\""))
        // The next run keeps it (the committed model now lists it as retired): check passes.
        let check = try Support.slipway(["check", "Examples/dev-prod.swift"], in: repository)
        #expect(check.status == 0, "\(check.stderr)")
        // Declared again, it is no longer retired.
        try edit(repository) { $0.replacing("clusterCount: 1", with: "clusterCount: 2") }
        #expect(try Support.slipway(["generate", "Examples/dev-prod.swift"], in: repository).status == 0)
        let again = try String(
            contentsOf: repository.appendingPathComponent("Output/prod/deploy.sh"), encoding: .utf8)
        #expect(!again.contains("retire "))
    }

    @Test func aDamagedCommittedModelStopsTheRun() throws {
        let repository = try Support.scratchRepository()
        try "{ not json".write(
            to: repository.appendingPathComponent("Output/prod/slipway-model.json"), atomically: true, encoding: .utf8)
        let run = try Support.slipway(["check", "Examples/dev-prod.swift"], in: repository)
        #expect(run.status == 6, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "Output/prod/slipway-model.json is not a Slipway model, so upgrades and removed units cannot be checked against it"
            ), "\(run.stderr)")
    }
}

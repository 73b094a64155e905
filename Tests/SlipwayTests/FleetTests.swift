import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// Rancher Fleet: rendered manager objects and bundles, and the Fleet rules.
@Suite struct FleetTests {
    static let source = (try? String(contentsOfFile: #filePath, encoding: .utf8)) ?? ""

    static func line(_ marker: String) -> Int {
        Support.line(markedBy: marker, in: source)
    }

    static func cluster(_ name: String) -> AKSCluster {
        AKSCluster(name, kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
        }
        .network(
            .azureCNIOverlay(
                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                outbound: .loadBalancer)
        )
        .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
    }

    static func environment(
        ttl: String = "240h", clientID: String = "prod-4f1c9e2a7b5d4c8e9a01d3b6f2e8c7a5", dependency: String = "base"
    ) -> Environment {
        Environment("fleet", location: .eastUS) {
            cluster("aks-manager")
            cluster("aks-dev").fleet(.agentInitiated(labels: ["env": "dev"]))
            cluster("aks-prod").fleet(.agentInitiated(labels: ["env": "prod"], clientID: clientID))  // ⟵ FLT-prod
            cluster("aks-edge").fleet(.managerInitiated(labels: ["env": "prod"]))
            FleetManager(on: "aks-manager") {
                ClusterGroup("dev", matching: ["env": "dev"])
                ClusterGroup("prod", matching: ["env": "prod"])
                ClusterGroup("qa", matching: ["env": "qa"])  // ⟵ FLT003
                GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("prod")]) {
                    FleetBundle("base", defaultNamespace: "web")
                    FleetBundle("web", defaultNamespace: "web").dependsOn(dependency)  // ⟵ FLT004
                        .customize("prod", for: .clusterGroup("prod"), namespace: "web-prod")
                }
            }
            .tokenTTL(ttl)  // ⟵ FLT001
        }
    }

    @Test func managerObjectsAndBundlesAreRendered() throws {
        let model = Self.environment().resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(files["fleet/manager/clusterregistrationtoken-aks-dev.yaml"]?.contains("ttl: 240h") == true)
        let prod = try #require(files["fleet/manager/cluster-aks-prod.yaml"])
        #expect(prod.contains("clientID: prod-4f1c9e2a7b5d4c8e9a01d3b6f2e8c7a5"))
        #expect(prod.contains("labels:\n    env: prod"))
        #expect(files["fleet/manager/cluster-aks-edge.yaml"]?.contains("kubeConfigSecret: kubeconfig-aks-edge") == true)
        #expect(files["fleet/manager/cluster-aks-dev.yaml"] == nil)
        let repo = try #require(files["fleet/manager/gitrepo-apps.yaml"])
        #expect(repo.contains("    - Output/fleet/fleet/bundles/apps/web"))
        #expect(repo.contains("clusterGroup: prod"))
        let web = try #require(files["fleet/bundles/apps/web/fleet.yaml"])
        #expect(web.contains("name: apps-web\ndefaultNamespace: web\ndependsOn:\n  - name: apps-base"))
        #expect(web.contains("namespace: web-prod"))
        let kustomization = try #require(files["fleet/manager/kustomization.yaml"])
        #expect(kustomization.contains("- gitrepo-apps.yaml"))
        // No token, kubeconfig or CA data is ever rendered.
        for content in files.values {
            #expect(
                !content.contains("kubeconfig:") && !content.contains("apiServerCA:") && !content.contains("\ntoken:"))
        }
    }

    @Test func helmAndKustomizeBundlesRenderFleetOptions() throws {
        let environment = Environment("fleet", location: .eastUS) {
            Self.cluster("aks-manager")
            Self.cluster("aks-dev").fleet(.agentInitiated(labels: ["env": "dev"]))
            FleetManager(on: "aks-manager") {
                ClusterGroup("dev", matching: ["env": "dev"])
                GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("dev")]) {
                    FleetBundle("base", defaultNamespace: "web") { Manifest.namespace("web") }.kustomize()
                    FleetBundle("metrics", defaultNamespace: "monitoring")
                        .helm(
                            chart: "kube-state-metrics", repository: "https://charts.example.com", version: "5.25.1",
                            values: ["replicas": 2])
                    FleetBundle("bare", defaultNamespace: "monitoring")
                        .helm(chart: "podinfo", repository: "https://charts.example.com", version: "6.7.0")
                }
            }
        }
        let model = environment.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let base = try #require(files["fleet/bundles/apps/base/fleet.yaml"])
        #expect(base.hasSuffix("kustomize:\n  dir: \".\"\n"))
        let kustomization = try #require(files["fleet/bundles/apps/base/kustomization.yaml"])
        #expect(kustomization.contains("kind: Kustomization\nresources:\n  - namespace-web.yaml\n"))
        let metrics = try #require(files["fleet/bundles/apps/metrics/fleet.yaml"])
        #expect(
            metrics.contains(
                "helm:\n  chart: kube-state-metrics\n  repo: \"https://charts.example.com\"\n  version: \"5.25.1\"\n"
                    + "  releaseName: metrics\n  values:\n    replicas: 2\n"))
        let bare = try #require(files["fleet/bundles/apps/bare/fleet.yaml"])
        #expect(bare.hasSuffix("  releaseName: bare\n"))
        #expect(!bare.contains("values"))
    }

    func diagnostics(_ environment: Environment) -> [Diagnostic] { Validator.validate([environment.resolved()]) }

    @Test func exampleShapeValidatesWithOneUnmatchedGroupWarning() {
        #expect(diagnostics(Self.environment()).map(\.code) == ["FLT003"])
        #expect(diagnostics(Self.environment()).first?.site.line == Self.line("FLT003"))
    }

    @Test func flt003CanBeSuppressedOnTheGroupAndTheRepo() {
        let environment = Environment("quiet", location: .eastUS) {
            Self.cluster("aks-manager")
            FleetManager(on: "aks-manager") {
                ClusterGroup("qa", matching: ["env": "qa"]).suppress("FLT003", because: "qa clusters join next sprint")
                GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("qa")]) {}
            }
        }
        let found = diagnostics(environment).filter { $0.code == "FLT003" }
        #expect(found.map(\.message) == ["a target of GitRepo 'apps' matches no registered cluster"])
        let quiet = Environment("quiet", location: .eastUS) {
            Self.cluster("aks-manager")
            FleetManager(on: "aks-manager") {
                ClusterGroup("qa", matching: ["env": "qa"]).suppress("FLT003", because: "qa clusters join next sprint")
                GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("qa")]) {}
                    .suppress("FLT003", because: "qa clusters join next sprint")
            }
        }
        #expect(diagnostics(quiet).filter { $0.code == "FLT003" }.isEmpty)
    }

    /// A credential in Git is an error, which no suppression silences.
    @Test func sec002HelmValuesWithACredentialAreAnErrorEvenSuppressed() {
        func environment(suppressed: Bool) -> Environment {
            let repo = GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("dev")]) {
                FleetBundle("db", defaultNamespace: "db")
                    .helm(
                        chart: "postgresql", repository: "https://charts.example.com", version: "16.0.0",
                        values: ["auth": ["password": "hunter2"]])
            }
            return Environment("helm", location: .eastUS) {
                Self.cluster("aks-manager")
                Self.cluster("aks-dev").fleet(.agentInitiated(labels: ["env": "dev"]))
                FleetManager(on: "aks-manager") {
                    ClusterGroup("dev", matching: ["env": "dev"])
                    suppressed ? repo.suppress("SEC002", because: "a throwaway test database") : repo
                }
            }
        }
        let found = diagnostics(environment(suppressed: false)).filter { $0.code == "SEC002" }
        #expect(
            found.map(\.message) == [
                "Helm value 'auth.password' of Fleet bundle 'db' of GitRepo 'apps' is a literal credential, rendered into Git"
            ])
        #expect(found.first?.severity == .error)
        #expect(diagnostics(environment(suppressed: true)).filter { $0.code == "SEC002" }.count == 1)
    }

    @Test func setBasedSelectorsFollowKubernetesSemanticsAndRender() throws {
        func admits(_ requirement: LabelRequirement, _ labels: [String: String]) -> Bool {
            FleetRules.admits(LabelSelectorModel(matchLabels: [:], matchExpressions: [requirement.model]), labels)
        }
        #expect(admits(.label("env", in: ["dev", "qa"]), ["env": "qa"]))
        #expect(!admits(.label("env", in: ["dev", "qa"]), [:]))
        #expect(admits(.label("env", notIn: ["prod"]), [:]))
        #expect(!admits(.label("env", notIn: ["prod"]), ["env": "prod"]))
        #expect(admits(.hasLabel("gpu"), ["gpu": ""]) && !admits(.hasLabel("gpu"), [:]))
        #expect(admits(.lacksLabel("gpu"), [:]) && !admits(.lacksLabel("gpu"), ["gpu": "a100"]))

        let environment = Environment("sets", location: .eastUS) {
            Self.cluster("aks-manager")
            Self.cluster("aks-dev").fleet(.agentInitiated(labels: ["env": "dev"]))
            FleetManager(on: "aks-manager") {
                ClusterGroup("gpu", matching: [:], where: [.hasLabel("gpu")])  // ⟵ FLT003-set
                GitRepo(
                    "apps", repository: "https://github.com/contoso/apps",
                    targets: [.clusters(labelled: [:], where: [.label("env", in: ["dev", "qa"])])]
                ) {}
            }
        }
        let found = diagnostics(environment).filter { $0.code == "FLT003" }
        #expect(found.map(\.site.line) == [Self.line("FLT003-set")])
        let model = environment.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(
            files["fleet/manager/clustergroup-gpu.yaml"]?.contains(
                "selector:\n    matchExpressions:\n      - key: gpu\n        operator: Exists\n")
                == true)
        #expect(
            files["fleet/manager/gitrepo-apps.yaml"]?.contains(
                "      clusterSelector:\n        matchExpressions:\n          - key: env\n            operator: In\n            values:\n              - dev\n              - qa\n"
            ) == true)
    }

    @Test func flt001TokenTTLMustBeAGoDuration() throws {
        let found = diagnostics(Self.environment(ttl: "10d")).filter { $0.code == "FLT001" }
        #expect(found.count == 1)
        #expect(found.first?.message == "token ttl '10d' is not a Go duration Fleet accepts")
        #expect(found.first?.site.line == Self.line("FLT001"))
        #expect(FleetRules.isGoDuration("1h30m") && !FleetRules.isGoDuration("2w") && !FleetRules.isGoDuration("30"))
    }

    @Test func flt002WeakClientIDIsAWarning() throws {
        let found = diagnostics(Self.environment(clientID: "prod")).filter { $0.code == "FLT002" }
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.site.line == Self.line("FLT-prod"))
    }

    @Test func flt004UnknownBundleDependency() throws {
        let found = diagnostics(Self.environment(dependency: "missing")).filter { $0.code == "FLT004" }
        #expect(found.first?.message == "bundle 'web' depends on 'missing', which GitRepo 'apps' does not declare")
        #expect(found.first?.site.line == Self.line("FLT004"))
    }

    @Test func flt009HelmChartsArePinned() throws {
        func helmProblem(_ repository: String, _ version: String) -> String? {
            FleetRules.helmProblem(
                FleetHelmModel(chart: "c", repository: repository, version: version, releaseName: "c", values: [:]))
        }
        #expect(helmProblem("https://charts.example.com", "5.25.1") == nil)
        #expect(helmProblem("oci://registry.example.com/charts", "v1.2.3-rc.1") == nil)
        #expect(helmProblem("https://charts.example.com", "^5.0.0") != nil)
        #expect(helmProblem("https://charts.example.com", "latest") != nil)
        #expect(helmProblem("https://charts.example.com", "5.25") != nil)
        #expect(helmProblem("http://charts.example.com", "5.25.1")?.contains("not an https://") == true)
        let environment = Environment("helm", location: .eastUS) {
            Self.cluster("aks-manager")
            FleetManager(on: "aks-manager") {
                GitRepo("apps", repository: "https://github.com/contoso/apps", targets: [.clusterGroup("dev")]) {
                    FleetBundle("metrics", defaultNamespace: "monitoring")
                        .helm(chart: "ksm", repository: "https://charts.example.com", version: "5.x")  // ⟵ FLT009
                }
            }
        }
        let found = diagnostics(environment).filter { $0.code == "FLT009" }
        #expect(found.count == 1)
        #expect(
            found.first?.message
                == "Helm chart 'ksm' of bundle 'metrics' has version '5.x', which is not an exact version"
        )
        #expect(found.first?.site.line == Self.line("FLT009"))
        let manager = Environment("helm", location: .eastUS) {
            Self.cluster("aks-manager")
            FleetManager(on: "aks-manager").chartVersion("0.16")  // ⟵ FLT009-manager
        }
        let unpinned = diagnostics(manager).filter { $0.code == "FLT009" }
        #expect(unpinned.map(\.message) == ["Fleet chart version '0.16' is not an exact version"])
        #expect(unpinned.first?.site.line == Self.line("FLT009-manager"))
    }

    @Test func flt005To007Registrations() throws {
        let twice = Environment("twice", location: .eastUS) {
            Self.cluster("aks-manager")
            Self.cluster("aks-a").fleet(.agentInitiated(clientID: "a7f3c9e1b5d2480f9c6e"))
            Self.cluster("aks-b").fleet(.agentInitiated(clientID: "a7f3c9e1b5d2480f9c6e"))  // ⟵ FLT005
            FleetManager(on: "aks-manager")
        }
        let found = diagnostics(twice).filter { $0.code == "FLT005" }
        #expect(found.first?.site.line == Self.line("FLT005"))
        let both = Environment("both", location: .eastUS) {
            Self.cluster("aks-manager")
            Self.cluster("aks-a").gitOps(FluxConfiguration(repository: "https://github.com/contoso/x") {})
                .fleet(.agentInitiated(labels: ["env": "dev"]))  // ⟵ FLT006
            FleetManager(on: "aks-manager")
        }
        #expect(diagnostics(both).filter { $0.code == "FLT006" }.first?.site.line == Self.line("FLT006"))
        let orphan = Environment("orphan", location: .eastUS) {
            Self.cluster("aks-a").fleet(.agentInitiated(labels: ["env": "dev"]))  // ⟵ FLT007
        }
        let flt007 = diagnostics(orphan).filter { $0.code == "FLT007" }
        #expect(
            flt007.first?.message == "cluster 'aks-a' registers with Fleet but environment 'orphan' has no FleetManager"
        )
        #expect(flt007.first?.site.line == Self.line("FLT007"))
    }

    static func networked(firewall: Bool) -> Environment {
        func spoke(_ name: String, _ octet: Int) -> SpokeNetwork {
            SpokeNetwork(name, addressSpace: "10.\(octet).0.0/16") {
                Subnet.nodes("snet-nodes", "10.\(octet).0.0/22")
                Subnet.apiServer("snet-api", "10.\(octet).4.0/28")
            }
        }
        let hub = HubNetwork("vnet-hub", addressSpace: "10.60.0.0/24") { Subnet.azureFirewall("10.60.0.0/26") }
        return Environment("net", location: .eastUS) {
            if firewall { hub.firewall("fw-hub", publicIPs: 1) } else { hub }
            spoke("vnet-manager", 61)
            spoke("vnet-edge", 62)
            cluster("aks-manager").nodes(in: .spoke("vnet-manager", "snet-nodes"))
            cluster("aks-edge").nodes(in: .spoke("vnet-edge", "snet-nodes"))
                .privateAPIServer(in: .spoke("vnet-edge", "snet-api"))
                .fleet(.managerInitiated(labels: ["env": "edge"]))  // ⟵ FLT008
            FleetManager(on: "aks-manager") { ClusterGroup("edge", matching: ["env": "edge"]) }
        }
    }

    @Test func existingManagerGetsAgentStepsAndAFirewallRuleByName() throws {
        func environment(url: String) -> Environment {
            Environment("ext", location: .eastUS) {
                HubNetwork("vnet-hub", addressSpace: "10.60.0.0/24") { Subnet.azureFirewall("10.60.0.0/26") }
                    .firewall("fw-hub", publicIPs: 1)
                SpokeNetwork("vnet-dev", addressSpace: "10.61.0.0/16") { Subnet.nodes("snet-nodes", "10.61.0.0/22") }
                Self.cluster("aks-dev").nodes(in: .spoke("vnet-dev", "snet-nodes"))
                    .fleet(.agentInitiated(labels: ["env": "dev"]))
                FleetManager(apiServerURL: url) { ClusterGroup("dev", matching: ["env": "dev"]) }  // ⟵ FLT007-url
            }
        }
        let model = environment(url: "https://fleet.contoso.example:6443").resolved()
        #expect(Validator.validate([model]).filter { $0.severity == .error }.isEmpty)
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let deploy = try #require(files["deploy.sh"])
        #expect(deploy.contains(": \"${FLEET_MANAGER_KUBECONFIG:?set FLEET_MANAGER_KUBECONFIG"))
        #expect(deploy.contains("  kubectl --context \"$manager_context\" apply -k \"$here/fleet/manager\"\n"))
        #expect(deploy.contains("  manager_url='https://fleet.contoso.example:6443'\n"))
        #expect(deploy.contains("--kube-context 'aks-dev' -n cattle-fleet-system upgrade --install"))
        #expect(deploy.contains("  helm repo add fleet https://rancher.github.io/fleet-helm-charts/ --force-update\n"))
        #expect(!deploy.contains("fleet/fleet-crd"))  // the other team's manager is already installed
        let readme = try #require(files["README.md"])
        #expect(
            readme.contains(
                "- manager: run by another team at https://fleet.contoso.example:6443; set `FLEET_MANAGER_KUBECONFIG`"))
        let hub = try #require(files["hub.bicep"])
        #expect(hub.contains("destinationFqdns: [\n") && hub.contains("'fleet.contoso.example'"))
        #expect(hub.contains("'6443'"))
        let bad = Validator.validate([environment(url: "http://fleet.contoso.example").resolved()])
            .filter { $0.code == "FLT007" }
        #expect(bad.map(\.site.line) == [Self.line("FLT007-url")])
    }

    @Test func flt008ManagerInitiatedNeedsANetworkPath() throws {
        let unreachable = diagnostics(Self.networked(firewall: false)).filter { $0.code == "FLT008" }
        #expect(unreachable.count == 1)
        #expect(unreachable.first?.site.line == Self.line("FLT008"))
        #expect(diagnostics(Self.networked(firewall: true)).filter { $0.code == "FLT008" }.isEmpty)
        // With a firewall, the hub lets the manager reach the edge API server and the agents reach the manager.
        let model = Self.networked(firewall: true).resolved()
        let hub = try #require(
            try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")["hub.bicep"])
        #expect(hub.contains("name: 'manager-to-registered-api'"))
        #expect(hub.contains("name: 'agents-to-manager-api'"))
        #expect(hub.contains("'10.62.4.0/28'"))
    }
}

import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway

/// Small scenarios rendered in process and compared with golden trees under
/// `Fixtures/Scenarios/<name>/`. Record with `SLIPWAY_RECORD=1 swift test`.
@Suite struct ScenarioTests {
    static func spoke(_ name: String, octet: Int) -> SpokeNetwork {
        SpokeNetwork(name, addressSpace: "10.\(octet).0.0/16") {
            Subnet.nodes("snet-nodes", "10.\(octet).0.0/22")
            Subnet.privateEndpoints("snet-endpoints", "10.\(octet).4.0/28")
            Subnet.apiServer("snet-api", "10.\(octet).5.0/28")
        }
    }

    static let minimal = Environment("minimal", location: .eastUS2) {
        LogAnalyticsWorkspace("la-minimal")
        spoke("vnet-minimal", octet: 10)
        AKSCluster("aks-minimal", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
        }
        .nodes(in: .spoke("vnet-minimal", "snet-nodes"))
        .network(
            .azureCNIOverlay(
                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                outbound: .loadBalancer)
        )
        .authorizedIPRanges(["203.0.113.0/24"])
    }
    .diagnostics(to: "la-minimal")

    static let privateCluster = Environment("private-cluster", location: .westEurope) {
        LogAnalyticsWorkspace("la-hub", in: .hub)
        LogAnalyticsWorkspace("la-private")
        HubNetwork("vnet-hub", addressSpace: "10.100.0.0/24") {
            Subnet.azureFirewall("10.100.0.0/26")
        }
        .firewall("fw-hub", publicIPs: 1)
        .diagnostics(to: "la-hub")
        spoke("vnet-private", octet: 20)
        ContainerRegistry("acrprivate").privateEndpoint(in: .spoke("vnet-private", "snet-endpoints"))
            .resolvable(from: ["vnet-hub"])
        AKSCluster("aks-private", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...5).maxPods(50).labels(["tier": "apps"])
        }
        .nodes(in: .spoke("vnet-private", "snet-nodes"))
        .privateAPIServer(in: .spoke("vnet-private", "snet-api"))
        .entraID(
            tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: ["11111111-1111-1111-1111-111111111111"]
        )
        .monitoring(to: "la-private")
        .pullsImages(from: "acrprivate")
        .gitOps(
            FluxConfiguration(repository: "https://github.com/contoso/private", branch: "main") {
                Kustomization("base") { Manifest.namespace("apps") }
                Kustomization("apps") {
                    Manifest.configMap("settings", namespace: "apps", data: ["registry": "${registry}"])
                }
                .dependsOn("base")
                .substitute("registry", .loginServer(of: "acrprivate"))
                .substitute("kubelet", .kubeletClientID)
            })
    }
    .diagnostics(to: "la-private")
    .resourceGroup(for: .hub, "rg-connectivity", subscription: "22222222-2222-2222-2222-222222222222")

    static let severalSpokes = Environment("several-spokes", location: .northEurope) {
        LogAnalyticsWorkspace("la-multi")
        HubNetwork("vnet-hub", addressSpace: "10.100.0.0/24") {
            Subnet.azureFirewall("10.100.0.0/26")
            Subnet.gateway("10.100.0.64/27")
        }
        .firewall("fw-multi")
        spoke("vnet-a", octet: 30)
        spoke("vnet-b", octet: 31).resourceGroup("rg-team-b")
        spoke("vnet-c", octet: 32).peered(with: "vnet-hub")
    }
    .diagnostics(to: "la-multi")

    static let scenarios: [String: Environment] = [
        "minimal": minimal, "private-cluster": privateCluster, "several-spokes": severalSpokes,
    ]

    @Test(arguments: ["minimal", "private-cluster", "several-spokes"])
    func rendersGolden(name: String) throws {
        let environment = try #require(Self.scenarios[name])
        let model = environment.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let golden = Support.fixtures.appendingPathComponent("Scenarios/\(name)")
        if ProcessInfo.processInfo.environment["SLIPWAY_RECORD"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            for (path, content) in files {
                let url = golden.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            }
        }
        let recorded = Support.tree(golden).mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(Set(files.keys) == Set(recorded.keys), "files differ from \(golden.path)")
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            #expect(content == recorded[path], "\(name)/\(path) differs from its golden file")
        }
    }

    @Test func renderingIsDeterministicAndOrderIndependentForWorkspaces() throws {
        let model = Self.privateCluster.resolved()
        let first = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let second = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        #expect(first == second)
        for content in first.values {
            #expect(!content.contains("\r"))
            #expect(content.hasSuffix("\n"))
            #expect(!content.contains("/work/") && !content.contains("/tmp/") && !content.contains("/root/"))
        }
    }

    @Test func secondSubscriptionScopesCrossGroupReferences() throws {
        let model = Self.privateCluster.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let spoke = try #require(files["spoke-vnet-private.bicep"])
        #expect(spoke.contains("scope: resourceGroup('22222222-2222-2222-2222-222222222222', 'rg-connectivity')"))
        let script = try #require(files["deploy.sh"])
        #expect(
            script.contains("--resource-group 'rg-connectivity' --subscription '22222222-2222-2222-2222-222222222222'"))
    }

    @Test func propertyOverridesAndRawResourcesReachTheTemplate() throws {
        let env = Environment("escape", location: .eastUS) {
            LogAnalyticsWorkspace("la").property("properties.features.immediatePurgeDataOn30Days", true)
            RawResource(
                "actionGroup", type: "Microsoft.Insights/actionGroups", apiVersion: "2023-01-01", name: "ag-ops",
                in: .registry,
                body: .object([
                    "location": "global", "properties": .object(["groupShortName": "ops", "enabled": true]),
                ]))
        }
        let model = env.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let registry = try #require(files["registry.bicep"])
        #expect(try #require(files["monitoring.bicep"]).contains("immediatePurgeDataOn30Days: true"))
        #expect(registry.contains("resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {"))
        #expect(registry.contains("groupShortName: 'ops'"))
    }

    @Test func privateRepositoryTokenComesOnlyFromAKeyVaultReference() throws {
        let vault = "/subscriptions/0/resourceGroups/rg-bootstrap/providers/Microsoft.KeyVault/vaults/kv-bootstrap"
        let env = Environment("private-git", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .gitOps(
                FluxConfiguration(repository: "ssh://git@github.com/contoso/private.git") {
                    Kustomization("apps")
                }
                .sshCredentials(privateKeySecret: "flux-deploy-key", knownHosts: "github.com ssh-ed25519 AAAAC3Nz"))
        }
        .secrets(fromVault: vault)
        let model = env.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let template = try #require(files["cluster-aks.bicep"])
        #expect(template.contains("@secure()\nparam gitSshPrivateKey string"))
        #expect(template.contains("sshPrivateKey: base64(gitSshPrivateKey)"))
        let parameters = try #require(files["cluster-aks.parameters.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(parameters.utf8)) as? [String: Any])
        let all = try #require(json["parameters"] as? [String: Any])
        let key = try #require(all["gitSshPrivateKey"] as? [String: Any])
        #expect(key["value"] == nil)
        let reference = try #require(key["reference"] as? [String: Any])
        #expect(reference["secretName"] as? String == "flux-deploy-key")
        #expect((reference["keyVault"] as? [String: Any])?["id"] as? String == vault)
    }

    @Test func sharedPrivateDNSZoneIsReferencedNotCreated() throws {
        let env = Environment("shared-dns", location: .eastUS) {
            ExistingPrivateDNSZone("privatelink.azurecr.io", resourceGroup: "rg-dns", subscription: "33")
            Self.spoke("vnet-spoke", octet: 40)
            ContainerRegistry("acrshared").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
        }
        let model = env.resolved()
        let registry = try #require(
            try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")["registry.bicep"])
        #expect(
            registry.contains(
                "resource registryPrivateDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {\n  name: 'privatelink.azurecr.io'\n  scope: resourceGroup('33', 'rg-dns')"
            ))
        #expect(!registry.contains("virtualNetworkLinks"))
        #expect(registry.contains("privateDnsZoneId: registryPrivateDnsZone.id"))
    }

    @Test func registryImagesAreSubstitutedWithTheLoginServer() throws {
        let env = Environment("images", location: .eastUS) {
            ContainerRegistry("acrimages")
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .pullsImages(from: "acrimages")
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/apps") {
                    Kustomization("tools") {
                        Manifest(
                            apiVersion: "v1", kind: "Pod", name: "kured", namespace: "kube-system",
                            body: .object([
                                "spec": .object([
                                    "containers": .array([
                                        .object(["name": "kured", "image": .registryImage("kubereboot/kured:1.15.0")])
                                    ])
                                ])
                            ]))
                    }
                })
        }
        .bootstrapImages(["ghcr.io/kubereboot/kured:1.15.0"])
        let model = env.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let pod = try #require(files["clusters/aks/tools/pod-kured.yaml"])
        #expect(pod.contains("image: \"${registryLoginServer}/kubereboot/kured:1.15.0\""))
        let cluster = try #require(files["cluster-aks.bicep"])
        #expect(
            cluster.contains(
                "registryLoginServer: '${acrimagesRegistryFullName}${environment().suffixes.acrLoginServer}'"))
        let script = try #require(files["deploy.sh"])
        #expect(
            script.contains(
                "az acr import --name \"${login_server%%.*}\" --source 'ghcr.io/kubereboot/kured:1.15.0' --image 'kubereboot/kured:1.15.0' --force"
            ))
    }

    @Test func baselineManifestsAreDataAUserCanChange() throws {
        let manifests = BaselineManifests.all(workloadNamespace: "shop", workload: "storefront")
        let kinds = manifests.map { "\($0.model.kind)/\($0.model.name)" }
        #expect(
            kinds == [
                "Namespace/cluster-baseline-settings", "Namespace/shop", "NetworkPolicy/allow-only-ingress-to-workload",
                "ConfigMap/container-azm-ms-agentconfig", "ConfigMap/ama-metrics-settings-configmap",
                "ConfigMap/ama-metrics-prometheus-config", "ConfigMap/ama-metrics-prometheus-config-node",
            ])
        let policy = try #require(manifests.first { $0.model.kind == "NetworkPolicy" })
        #expect(policy.model.namespace == "shop")
        #expect(policy.model.body["spec"]?["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"] == "storefront")
        let agent = try #require(manifests.first { $0.model.name == "container-azm-ms-agentconfig" })
        guard case .string(let scraping)? = agent.model.body["data"]?["prometheus-data-collection-settings"] else {
            Issue.record("no scraping settings")
            return
        }
        #expect(scraping.contains("monitor_kubernetes_pods_namespaces = [\"shop\",\"cluster-baseline-settings\"]"))
    }
}

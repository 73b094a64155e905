import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// HelmRepository, OCIRepository and HelmRelease in the Flux tree: rendered objects, the pinned
/// extension with helm-controller, the firewall's source hosts, and FLX004/FLX006/FLX007.
@Suite struct HelmTests {
    static func environment(@ManifestBuilder infrastructure: () -> [Manifest]) -> EnvironmentModel {
        let sources = infrastructure()
        return Environment("helm", location: .eastUS2) {
            LogAnalyticsWorkspace("la-helm")
            HubNetwork("vnet-hub", addressSpace: "10.200.0.0/24") {
                Subnet.azureFirewall("10.200.0.0/26")
            }
            .firewall("fw-helm")
            SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
                Subnet.nodes("snet-nodes", "10.240.0.0/22")
            }
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
            .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/platform") {
                    Kustomization("infrastructure") { for source in sources { source } }
                        .wait().timeout("10m").retryInterval("1m")
                    Kustomization("apps") {
                        Manifest.namespace("apps")
                        HelmRelease(
                            "podinfo", namespace: "apps", chart: "podinfo", version: "6.9.2",
                            from: .helmRepository("podinfo")
                        )
                        .values(["replicaCount": 2, "ingress": ["enabled": false]])
                        .remediation(installRetries: 5, upgradeRetries: 2)
                        HelmRelease("redis", namespace: "apps", chartFrom: .ociRepository("redis"))
                            .dependsOn("podinfo")
                    }
                    .dependsOn("infrastructure")
                })
        }
        .diagnostics(to: "la-helm").resolved()
    }

    static func standardSources() -> [Manifest] {
        [
            HelmRepository("podinfo", url: "https://stefanprodan.github.io/podinfo").manifest,
            OCIRepository("redis", url: "oci://registry-1.docker.io/bitnamicharts/redis", tag: "21.2.5").manifest,
        ]
    }

    func messages(_ code: String, _ model: EnvironmentModel) -> [String] {
        Validator.validate([model]).filter { $0.code == code }.map(\.message)
    }

    @Test func helmReleasesRenderWithTheAPIVersionsOfThePinnedExtension() throws {
        let model = Self.environment(infrastructure: Self.standardSources)
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let release = try #require(files["clusters/aks/apps/helmrelease-podinfo.yaml"])
        #expect(
            release == """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  interval: 10m
                  releaseName: podinfo
                  targetNamespace: apps
                  storageNamespace: apps
                  chart:
                    spec:
                      chart: podinfo
                      version: "6.9.2"
                      sourceRef:
                        kind: HelmRepository
                        name: podinfo
                        namespace: flux-system
                  install:
                    remediation:
                      retries: 5
                  upgrade:
                    cleanupOnFail: true
                    remediation:
                      retries: 2
                      strategy: rollback
                  values:
                    ingress:
                      enabled: false
                    replicaCount: 2

                """)
        let oci = try #require(files["clusters/aks/infrastructure/ocirepository-redis.yaml"])
        #expect(oci.contains("apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\n"))
        #expect(oci.contains("  ref:\n    tag: \"21.2.5\"\n"))
        #expect(
            oci.contains(
                "    mediaType: \"application/vnd.cncf.helm.chart.content.v1.tar+gzip\"\n    operation: copy\n"))
        let redis = try #require(files["clusters/aks/apps/helmrelease-redis.yaml"])
        #expect(redis.contains("  chartRef:\n    kind: OCIRepository\n    name: redis\n    namespace: flux-system\n"))
        #expect(redis.contains("  dependsOn:\n    - name: podinfo\n"))
        // The extension is pinned, and helm-controller runs because the tree releases charts.
        let cluster = try #require(files["cluster-aks.bicep"])
        #expect(
            cluster.contains("    autoUpgradeMinorVersion: false\n    releaseTrain: 'Stable'\n    version: '1.23.0'\n"))
        #expect(cluster.contains("'helm-controller.enabled': 'true'"))
        // Kustomization timeout and retry interval reach the fluxConfigurations resource.
        #expect(
            cluster.contains(
                "        timeoutInSeconds: 600\n        syncIntervalInSeconds: 300\n        retryIntervalInSeconds: 60\n"
            ))
        // The hub firewall lets the node subnets fetch from the sources' hosts and their redirects.
        let hub = try #require(files["hub.bicep"])
        #expect(
            hub.contains(
                """
                            name: 'chart-sources'
                """))
        for host in [
            "production.cloudflare.docker.com", "registry-1.docker.io", "stefanprodan.github.io",
        ] {
            #expect(hub.contains("              '\(host)'\n"), "\(host)")
        }
    }

    @Test func flx006RefusesRangesAndLatest() {
        #expect(HelmRules.isExact("1.2.3") && HelmRules.isExact("v1.2.3-rc.1") && HelmRules.isExact("1.2.3+build.5"))
        for version in ["^1.2.3", "~1.2", ">=1.0.0", "1.x", "*", "latest", "1.2", ""] {
            #expect(!HelmRules.isExact(version), "\(version)")
        }
        let model = Self.environment {
            HelmRepository("podinfo", url: "https://stefanprodan.github.io/podinfo")
            OCIRepository("redis", url: "oci://registry-1.docker.io/bitnamicharts/redis", tag: "latest")
        }
        #expect(messages("FLX006", model) == ["OCIRepository 'redis' follows tag 'latest', which is not one release"])
        let digest = Self.environment {
            HelmRepository("podinfo", url: "https://stefanprodan.github.io/podinfo")
            OCIRepository("redis", url: "oci://registry-1.docker.io/bitnamicharts/redis", digest: "sha256:abc")
        }
        #expect(messages("FLX006", digest) == ["OCIRepository 'redis' has digest 'sha256:abc', which is malformed"])
    }

    @Test func flx006RefusesARangedChartVersion() {
        var model = Self.environment(infrastructure: Self.standardSources)
        let release = HelmRelease(
            "ranged", namespace: "apps", chart: "podinfo", version: "^6.9", from: .helmRepository("podinfo"))
        model.clusters[0].flux!.kustomizations[1].manifests.append(release.model)
        #expect(
            messages("FLX006", model) == [
                "HelmRelease 'ranged' asks for chart version '^6.9', which is not one release; the cluster would move when the repository publishes"
            ])
    }

    @Test func flx007RefusesAnUndeclaredChartSource() {
        let model = Self.environment {
            HelmRepository("charts", url: "https://stefanprodan.github.io/podinfo")
        }
        #expect(
            messages("FLX007", model) == [
                "HelmRelease 'podinfo' takes its chart from HelmRepository 'podinfo', which the Flux tree of cluster 'aks' does not declare",
                "HelmRelease 'redis' takes its chart from OCIRepository 'redis', which the Flux tree of cluster 'aks' does not declare",
            ])
    }

    /// Under the extension's multi-tenancy lockdown a release and its source share `flux-system`,
    /// and the chart reaches its namespace through targetNamespace.
    @Test func releasesAndSourcesLiveInTheExtensionsNamespace() {
        let release = HelmRelease("podinfo", namespace: "apps", chartFrom: .ociRepository("podinfo")).model
        #expect(release.namespace == "flux-system")
        #expect(release.body["spec"]?["targetNamespace"] == .string("apps"))
        #expect(release.body["spec"]?["storageNamespace"] == .string("apps"))
        #expect(release.body["spec"]?["chartRef"]?["namespace"] == .string("flux-system"))
        #expect(HelmRepository("podinfo", url: "https://example.com/charts").model.namespace == "flux-system")
    }

    @Test func flx007RefusesAnUndeclaredTargetNamespaceAndRelease() {
        var model = Self.environment(infrastructure: Self.standardSources)
        // The namespace is declared in 'apps', which 'infrastructure' does not depend on.
        model.clusters[0].flux!.kustomizations[0].manifests.append(
            HelmRelease("early", namespace: "apps", chartFrom: .ociRepository("redis")).model)
        model.clusters[0].flux!.kustomizations[1].manifests.append(
            HelmRelease("system", namespace: "kube-system", chartFrom: .ociRepository("redis"))
                .dependsOn("missing").model)
        #expect(
            messages("FLX007", model) == [
                "HelmRelease 'early' installs into namespace 'apps', which neither kustomization 'infrastructure' nor one it depends on declares; Helm does not create it, so the install fails",
                "HelmRelease 'system' depends on HelmRelease 'missing', which the Flux tree of cluster 'aks' does not declare; it would wait forever",
            ])
    }

    @Test func flx008AsksForTheImageRegistriesOfAReleaseBehindTheFirewall() throws {
        var model = Self.environment(infrastructure: Self.standardSources)
        #expect(
            Validator.validate([model]).filter { $0.code == "FLX008" }.map(\.message) == [
                "HelmRelease 'podinfo' of cluster 'aks' pulls its chart's images through the hub firewall, which allows only the registries it knows; the pods stay in ImagePullBackOff if the chart's registry is not one of them",
                "HelmRelease 'redis' of cluster 'aks' pulls its chart's images through the hub firewall, which allows only the registries it knows; the pods stay in ImagePullBackOff if the chart's registry is not one of them",
            ])
        // Listed registries silence it and reach the firewall, with the hosts they redirect to.
        let manifests = model.clusters[0].flux!.kustomizations[1].manifests
        model.clusters[0].flux!.kustomizations[1].manifests = manifests.map { manifest in
            guard manifest.isHelmRelease else { return manifest }
            var listed = manifest
            listed.annotations[ManifestModel.imageHostsAnnotation] = "ghcr.io"
            return listed
        }
        #expect(Validator.validate([model]).filter { $0.code == "FLX008" }.isEmpty)
        let hub = try #require(EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")["hub.bicep"])
        #expect(
            hub.contains(
                "            name: 'chart-images'\n"))
        #expect(hub.contains("              'pkg-containers.githubusercontent.com'\n"))
        #expect(
            HelmRelease("x", namespace: "apps", chartFrom: .ociRepository("x")).imageHosts("quay.io").model.imageHosts
                == [
                    "quay.io", "cdn01.quay.io", "cdn02.quay.io", "cdn03.quay.io",
                ])
    }

    @Test func flx004NamesTheMalformedDuration() {
        var model = Self.environment(infrastructure: Self.standardSources)
        let broken = Kustomization("broken").timeout("ten minutes").retryInterval("0s")
        model.clusters[0].flux!.kustomizations.append(broken.model)
        #expect(
            messages("FLX004", model) == [
                "kustomization 'broken' has a malformed timeout 'ten minutes'",
                "kustomization 'broken' has a malformed retry interval '0s'",
            ])
    }
}

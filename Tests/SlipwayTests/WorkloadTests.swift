import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// Workloads: rendered manifests, the cluster stamp's identities, the Flux wiring, the pipelines
/// (tag scheme, promotion, lock, OIDC, push against pull) and the WKL rules.
@Suite struct WorkloadTests {
    static let source = (try? String(contentsOfFile: #filePath, encoding: .utf8)) ?? ""

    static func line(_ marker: String) -> Int {
        Support.line(markedBy: marker, in: source)
    }

    static func cluster() -> AKSCluster {
        AKSCluster("aks-apps", kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 2...4)
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        .network(
            .azureCNIOverlay(
                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                outbound: .loadBalancer)
        )
        .pullsImages(from: "acrapps")
        .keyVault("kv-apps", privateEndpointIn: .spoke("vnet-spoke", "snet-endpoints"))
        .ingressController(
            domain: "contoso.com", host: "apps", internalLoadBalancerIP: "10.240.4.4",
            subnet: .spoke("vnet-spoke", "snet-ingress"), namespace: "web", serviceAccount: "traefik",
            certificateSecret: "ingress-certificate"
        )
        .federatedIdentity("id-web", subject: "system:serviceaccount:web:web")
        .gitOps(
            FluxConfiguration(repository: "https://github.com/contoso/platform", branch: "main") {
                Kustomization("namespaces") { Manifest.namespace("web") }
            })
    }

    static func web(_ delivery: Delivery) -> Workload {
        Workload("web", on: "aks-apps", namespace: "web")
            .source("apps/web", test: "make test")
            .image("web/site", tag: .input("web.tag", default: "1.2.3"))
            .port(8080)
            .probes(liveness: .http("/livez", port: 8080), readiness: .http("/readyz", port: 8080))
            .resources(requests: .init(cpu: "100m", memory: "128Mi"), limits: .init(cpu: "500m", memory: "256Mi"))
            .ingress(host: "web.aks-ingress.contoso.com")
            .workloadIdentity("id-web")
            .secrets([.secret("web-settings", file: "settings.json")])
            .delivery(delivery, stage: .release)
    }

    static func environment(_ workloads: [Workload]) -> Environment {
        Environment("apps", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
                Subnet.nodes("snet-nodes", "10.240.0.0/22")
                Subnet.internalLoadBalancers("snet-ingress", "10.240.4.0/28")
                Subnet.privateEndpoints("snet-endpoints", "10.240.4.32/28")
            }
            ContainerRegistry("acrapps").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
            cluster()
            for workload in workloads { workload }
        }
        .secrets(
            fromVault:
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-boot/providers/Microsoft.KeyVault/vaults/kv-boot"
        )
    }

    static func render(_ workloads: [Workload]) throws -> (model: EnvironmentModel, files: [String: String]) {
        let model = environment(workloads).resolved()
        return (model, try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output"))
    }

    static func pipeline(_ delivery: Delivery) throws -> String {
        let model = environment([web(delivery)]).resolved()
        let files = WorkloadPipeline.render(model, paths: .init(dslFile: "environments.swift", output: "Output"))
        return try #require(files["slipway-apps-web.yml"])
    }

    /// The body of one job: from its key to the next top-level job key.
    static func job(_ name: String, in workflow: String) -> String {
        guard let start = workflow.range(of: "\n  \(name):\n") else { return "" }
        let rest = workflow[start.upperBound...]
        let end = rest.range(of: #"\n  [a-z-]+:\n"#, options: .regularExpression)?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    // MARK: Manifests

    @Test func pullWorkloadRendersIntoTheFluxTreeWithBaselineSecurity() throws {
        let (_, files) = try Self.render([Self.web(.pull)])
        let directory = "clusters/aks-apps/workload-web"
        let deployment = try #require(files["\(directory)/deployment-web.yaml"])
        #expect(deployment.contains("image: \"${registryLoginServer}/web/site:1.2.3\""))
        #expect(deployment.contains("readOnlyRootFilesystem: true"))
        #expect(deployment.contains("allowPrivilegeEscalation: false"))
        #expect(deployment.contains("runAsNonRoot: true"))
        #expect(deployment.contains("limits:\n              cpu: 500m\n              memory: 256Mi"))
        #expect(deployment.contains("livenessProbe:\n            httpGet:\n              path: /livez"))
        #expect(deployment.contains("readinessProbe:\n            httpGet:\n              path: /readyz"))
        #expect(deployment.contains("preStop:\n              sleep:\n                seconds: 10"))
        #expect(deployment.contains("terminationGracePeriodSeconds: 30"))
        #expect(deployment.contains("azure.workload.identity/use: \"true\""))
        #expect(deployment.contains("secretProviderClass: web-secrets"))
        #expect(!deployment.contains("hostPath"))
        let account = try #require(files["\(directory)/serviceaccount-web.yaml"])
        #expect(account.contains("azure.workload.identity/client-id: \"${idWebClientId}\""))
        let ingress = try #require(files["\(directory)/ingress-web.yaml"])
        #expect(ingress.contains("ingressClassName: traefik-internal"))
        #expect(ingress.contains("tls:\n    - hosts:\n        - web.aks-ingress.contoso.com"))
        #expect(ingress.contains("traefik.ingress.kubernetes.io/router.entrypoints: websecure"))
        let spc = try #require(files["\(directory)/secretproviderclass-web-secrets.yaml"])
        #expect(spc.contains("clientID: \"${idWebClientId}\""))
        #expect(spc.contains("objectName: web-settings"))
        #expect(files["\(directory)/poddisruptionbudget-web.yaml"]?.contains("maxUnavailable: 1") == true)
        #expect(files["\(directory)/service-web.yaml"]?.contains("targetPort: http") == true)
        let kustomization = try #require(files["\(directory)/kustomization.yaml"])
        for file in [
            "deployment-web.yaml", "ingress-web.yaml", "poddisruptionbudget-web.yaml",
            "secretproviderclass-web-secrets.yaml", "service-web.yaml", "serviceaccount-web.yaml",
        ] {
            #expect(kustomization.contains("- \(file)"))
        }
        #expect(files.keys.contains { $0.hasPrefix("workloads/") } == false)
    }

    @Test func clusterStampCarriesTheIdentityAndFluxTheSubstitutions() throws {
        let (_, files) = try Self.render([Self.web(.pull)])
        let stamp = try #require(files["cluster-aks-apps.bicep"])
        #expect(stamp.contains("resource idWebIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@"))
        #expect(stamp.contains("subject: 'system:serviceaccount:web:web'"))
        #expect(stamp.contains("output idWebClientId string = idWebIdentity.properties.clientId"))
        // The identity reads the vault because its workload mounts secrets.
        #expect(stamp.contains("resource idWebIdentityKeyVaultSecretsUser"))
        #expect(stamp.contains("'workload-web': {\n        path: './Output/apps/clusters/aks-apps/workload-web'"))
        #expect(stamp.contains("idWebClientId: idWebIdentity.properties.clientId"))
        #expect(stamp.contains("keyVaultName: keyVault.name"))
        #expect(stamp.contains("'ingress-controller': {"))
    }

    @Test func ingressControllerServesHttpsFromKeyVaultOnTheInternalLoadBalancer() throws {
        let (_, files) = try Self.render([])
        let directory = "clusters/aks-apps/ingress-controller"
        let service = try #require(files["\(directory)/service-traefik-ingress-service.yaml"])
        #expect(service.contains("service.beta.kubernetes.io/azure-load-balancer-internal: \"true\""))
        #expect(service.contains("service.beta.kubernetes.io/azure-load-balancer-ipv4: \"10.240.4.4\""))
        #expect(service.contains("port: 443"))
        let spc = try #require(files["\(directory)/secretproviderclass-aks-ingress-tls-secret-csi-akv.yaml"])
        #expect(spc.contains("clientID: \"${ingressControllerClientId}\""))
        #expect(
            spc.contains(
                "objectName: traefik-ingress-internal-aks-ingress-tls\n            objectType: secret\n            objectAlias: tls.pem"
            ))
        #expect(!spc.contains("objectType: cert"))
        let deployment = try #require(files["\(directory)/deployment-traefik-ingress-controller.yaml"])
        #expect(deployment.contains("--providers.kubernetesingress.namespaces=web"))
        #expect(deployment.contains("--entryPoints.websecure.http.tls=true"))
        #expect(deployment.contains("readOnlyRootFilesystem: true"))
        #expect(files["\(directory)/role-traefik-ingress-controller.yaml"]?.contains("namespace: web") == true)
    }

    @Test func environmentReadmeShowsTheWorkloadAndWhatTheOperatorSupplies() throws {
        let (_, files) = try Self.render([Self.web(.push)])
        let readme = try #require(files["README.md"])
        #expect(readme.contains("  workload_web[\"workload web (web)\"]"))
        #expect(readme.contains("  aks_aks_apps -->|\"pipeline applies\"| workload_web"))
        #expect(
            readme.contains(
                "nothing to import: the cluster stamp writes the ingress certificate and key (`*.aks-ingress.contoso.com`, from bootstrap secret `ingress-certificate`) into the cluster's Key Vault as secret `traefik-ingress-internal-aks-ingress-tls` through ARM"
            ))
        #expect(
            readme.contains(
                "- workload `web` on `aks-apps` (`push`, runs `X.Y.Z` tags): pipeline `slipway-apps-web.yml` (in `.github/workflows/`, or the folder `slipway.json` names); Key Vault secrets `web-settings` in the cluster's vault"
            ))
    }

    @Test func pushWorkloadRendersAFolderTheDeployJobApplies() throws {
        let (_, files) = try Self.render([Self.web(.push)])
        let deployment = try #require(files["workloads/web/deployment-web.yaml"])
        #expect(deployment.contains("image: \"${registryLoginServer}/web/site:${imageTag}\""))
        #expect(files["workloads/web/kustomization.yaml"] != nil)
        #expect(files.keys.contains { $0.hasPrefix("clusters/aks-apps/workload-web/") } == false)
        #expect(files["cluster-aks-apps.bicep"]?.contains("'workload-web'") == false)
    }

    // MARK: Pipelines

    @Test func tagsFollowThePromotionTableAndNeverLatest() throws {
        let workflow = try Self.pipeline(.pull)
        #expect(!workflow.contains("latest"))
        let dev = Self.job("publish-dev", in: workflow)
        #expect(
            dev.contains(
                "if: \"github.event_name == 'push' && github.ref == 'refs/heads/main' && vars.AZURE_CLIENT_ID != ''\""))
        // <short sha> is the source version: the last commit that changed the source folder, 7 hex digits.
        #expect(
            dev.contains("sha=\"$(git log -1 --format=%H -- \"$SOURCE_DIRECTORY\")\"\n          echo \"sha=${sha::7}\"")
        )
        #expect(dev.contains("fetch-depth: 0"))
        #expect(dev.contains("tag=\"dev-$SOURCE_SHA\""))
        #expect(dev.contains("SOURCE_SHA: \"${{ steps.source.outputs.sha }}\""))
        // The push is a registry data-plane call: it runs on the team's runner inside the network.
        #expect(dev.contains("runs-on:\n      - self-hosted\n      - slipway-apps"))
        #expect(dev.contains("image=\"$REGISTRY_LOGIN/$REPOSITORY:$tag\""))
        #expect(dev.contains("docker build --file \"$DOCKERFILE\" --tag \"$image\" \"$SOURCE_DIRECTORY\"\n"))
        #expect(dev.contains("docker push \"$image\""))
        let staging = Self.job("promote-staging", in: workflow)
        #expect(staging.contains("github.ref == 'refs/heads/staging'"))
        #expect(
            staging.contains(
                "--source \"$REGISTRY_LOGIN/$REPOSITORY:dev-$SOURCE_SHA\" --image \"$REPOSITORY:staging-$SOURCE_SHA\""
            ))
        let release = Self.job("promote-release", in: workflow)
        #expect(release.contains("startsWith(github.ref, 'refs/tags/v')"))
        #expect(release.contains("version=\"${GITHUB_REF_NAME#v}\""))
        #expect(
            release.contains(
                "$REPOSITORY:staging-$SOURCE_SHA\" --image \"$REPOSITORY:$version\""))
        #expect(release.contains("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$"))
        #expect(workflow.contains("tags:\n      - \"v*.*.*\""))
        // Only source changes build on branches, so a merged tag bump cannot start another build and bump.
        #expect(
            workflow.contains(
                "    paths:\n      - \"apps/web/**\"\n      - \".github/workflows/slipway-apps-web.yml\"\n"))
    }

    @Test func promotionReTagsAndNeverRebuilds() throws {
        let workflow = try Self.pipeline(.pull)
        for name in ["promote-staging", "promote-release"] {
            let job = Self.job(name, in: workflow)
            #expect(job.contains("az acr import"))
            #expect(!job.contains("az acr build") && !job.contains("docker build"))
        }
        // The only builds: the unpushed check and the dev build on main.
        #expect(workflow.components(separatedBy: "docker build --file").count == 3)
        #expect(!workflow.contains("az acr build"))
        #expect(Self.job("build-and-test", in: workflow).contains(#"run: "docker build --file \"$DOCKERFILE\"#))
        #expect(Self.job("build-and-test", in: workflow).contains("run: \"make test\""))
    }

    @Test func releaseTagsAreLocked() throws {
        let release = Self.job("promote-release", in: try Self.pipeline(.push))
        #expect(
            release.contains(
                "az acr repository update --name \"$REGISTRY_NAME\" --image \"$REPOSITORY:$version\" --write-enabled false --delete-enabled false"
            ))
        let lock = try #require(release.range(of: "Lock X.Y.Z"))
        let importStep = try #require(release.range(of: "az acr import"))
        #expect(importStep.lowerBound < lock.lowerBound)
        // The job hands X.Y.Z on (to deploy or to the tag bump) only from the lock step, once it is locked.
        let output = try #require(release.range(of: "id: tag"))
        #expect(lock.lowerBound < output.lowerBound)
        let bump = Self.job("bump-image-tag", in: try Self.pipeline(.pull))
        #expect(bump.contains("TAG: \"${{ needs.promote-release.outputs.tag }}\""))
    }

    @Test func azureJobsSignInWithOIDCAndNothingElseGetsATokenScope() throws {
        for delivery in [Delivery.push, .pull] {
            let workflow = try Self.pipeline(delivery)
            #expect(workflow.contains("\npermissions:\n  contents: read\n"))
            #expect(!workflow.contains("client-secret") && !workflow.contains("creds:"))
            for name in ["publish-dev", "promote-staging", "promote-release"] + (delivery == .push ? ["deploy"] : []) {
                let job = Self.job(name, in: workflow)
                #expect(
                    job.contains("uses: \"azure/login@\(GitHubActions.azureLoginAction.commit)\" # v3.0.1"),
                    "\(name) signs in")
                #expect(
                    job.contains("permissions:\n      contents: read\n      id-token: write"), "\(name) asks for OIDC")
            }
            #expect(!Self.job("build-and-test", in: workflow).contains("id-token"))
        }
    }

    @Test func pushDeploysAndPullOpensATagBumpPullRequest() throws {
        let push = try Self.pipeline(.push)
        let pull = try Self.pipeline(.pull)
        let deploy = Self.job("deploy", in: push)
        #expect(deploy.contains("needs: promote-release"))
        #expect(deploy.contains("environment: apps"))
        #expect(deploy.contains("az aks command invoke --resource-group 'rg-apps'"))
        #expect(deploy.contains("kubectl apply -k ."))
        #expect(deploy.contains("for file in Output/apps/workloads/web/*.yaml"))
        #expect(
            deploy.contains("names='${imageTag} ${registryLoginServer} ${idWebClientId} ${keyVaultName} ${tenantId}'"))
        #expect(deploy.contains("envsubst \"$names\" < \"$file\" > \"$target\""))
        // Required outputs fail the step when missing, instead of becoming "null" in a manifest.
        #expect(deploy.contains("idWebClientId=\"$(jq -er '.idWebClientId.value' <<<\"$outputs\")\""))
        #expect(deploy.contains("export imageTag registryLoginServer idWebClientId keyVaultName tenantId"))
        #expect(deploy.contains("jq -e '.exitCode == 0' <<<\"$result\" > /dev/null"))
        #expect(Self.job("bump-image-tag", in: push).isEmpty)
        #expect(!push.contains("pulls.create"))

        let bump = Self.job("bump-image-tag", in: pull)
        #expect(bump.contains("needs: promote-release"))
        #expect(bump.contains("permissions:\n      contents: write\n      pull-requests: write"))
        #expect(bump.contains("slipway set-input environments.swift \"web.tag=$TAG\""))
        // The token that pushes lives in a GitHub Environment and reaches two steps only.
        #expect(bump.contains("environment: slipway-tag-bump"))
        #expect(bump.components(separatedBy: "secrets.SLIPWAY_PR_TOKEN").count == 3)
        #expect(bump.contains("PUSH_TOKEN: \"${{ secrets.SLIPWAY_PR_TOKEN || github.token }}\""))
        #expect(bump.contains("github-token: \"${{ secrets.SLIPWAY_PR_TOKEN || github.token }}\""))
        #expect(bump.contains("persist-credentials: false"))
        #expect(!bump.contains("token: \"${{ secrets.SLIPWAY_PR_TOKEN || github.token }}\"\n        persist"))
        #expect(bump.contains("git add -- environments.swift Output .github/workflows"))
        #expect(bump.contains("github.rest.pulls.create"))
        #expect(Self.job("deploy", in: pull).isEmpty)
        #expect(!pull.contains("az aks command invoke") && !pull.contains("kubectl"))
    }

    @Test func workflowsAreMarkedAsGenerated() throws {
        let workflow = try Self.pipeline(.pull)
        #expect(GeneratedFileMarker.owner(of: workflow) == "environments.swift")
        #expect(GeneratedFileMarker.owner(of: "name: ci\n") == nil)
    }

    @Test func theStageDecidesWhichJobTheDeliveryFollows() throws {
        let model = Self.environment([Self.web(.push).delivery(.push, stage: .development)]).resolved()
        let workflow = try #require(
            WorkloadPipeline.render(model, paths: .init(dslFile: "e.swift", output: "Output"))["slipway-apps-web.yml"])
        let deploy = Self.job("deploy", in: workflow)
        #expect(deploy.contains("needs: publish-dev"))
        #expect(deploy.contains("IMAGE_TAG: \"${{ needs.publish-dev.outputs.tag }}\""))
    }

    // MARK: Rules

    func codes(_ workloads: [Workload]) -> [String] {
        Validator.validate([Self.environment(workloads).resolved()]).map(\.code).filter { $0.hasPrefix("WKL") }
    }

    @Test func theReferenceShapeValidates() {
        for delivery in [Delivery.pull, .push] {
            let found = Validator.validate([Self.environment([Self.web(delivery)]).resolved()])
            #expect(found.filter { $0.severity == .error }.map(\.formatted) == [])
        }
    }

    @Test func wkl001ImageFromOutsideTheRegistryAndAllowList() {
        let workload = Self.web(.pull)
            .image("ghcr.io/contoso/web", tag: .input("web.tag", default: "1.2.3"))  // ⟵ WKL001
        let found = Validator.validate([Self.environment([workload]).resolved()])
        #expect(found.map(\.code).filter { $0.hasPrefix("WKL") } == ["WKL001"])
        #expect(found.first { $0.code == "WKL001" }?.site.line == Self.line("WKL001"))
        #expect(codes([Self.web(.pull).image("mcr.microsoft.com/dotnet/samples", tag: "1.2.3")]) == [])
    }

    @Test func wkl002UnknownClusterOrPullWithoutFlux() {
        #expect(codes([Workload("web", on: "aks-nowhere", namespace: "web")]) == ["WKL002"])
    }

    @Test func wkl003MissingProbeOrLimit() {
        let noProbes = Self.web(.pull).probes(liveness: .http("/livez", port: 8080))
        #expect(codes([noProbes]) == ["WKL003"])
        let noLimit = Self.web(.pull).resources(requests: .init(cpu: "100m", memory: "128Mi"), limits: .init(cpu: "1"))
        let found = Validator.validate([Self.environment([noLimit]).resolved()]).filter { $0.code == "WKL003" }
        #expect(found.map(\.message) == ["workload 'web' has no memory limit"])
    }

    @Test func wkl003LimitsAboveTheBaselinePolicyAreDenied() throws {
        let environment = Environment("apps", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
                Subnet.nodes("snet-nodes", "10.240.0.0/22")
            }
            ContainerRegistry("acrapps")
            Self.cluster().policies(.baseline())
            Self.web(.pull).resources(
                requests: .init(cpu: "100m", memory: "128Mi"), limits: .init(cpu: "1", memory: "1Gi"))
        }
        let found = Validator.validate([environment.resolved()]).filter { $0.code == "WKL003" }.map(\.message)
        #expect(
            found == [
                "workload 'web' asks for a CPU limit of 1, above the 500m that cluster 'aks-apps''s resource-limit policy admits",
                "workload 'web' asks for a memory limit of 1Gi, above the 256Mi that cluster 'aks-apps''s resource-limit policy admits",
            ])
        #expect(Quantity.value(of: "500m") == 0.5)
        #expect(Quantity.value(of: "256Mi") == 268_435_456)
        #expect(Quantity.value(of: "lots") == nil)
    }

    @Test func wkl004LatestMovingOrWrongStageTags() {
        func tag(_ value: String, _ stage: PromotionStage = .release) -> [String] {
            codes([
                Self.web(.pull).image("web/site", tag: .input("web.tag", default: value)).delivery(.pull, stage: stage)
            ])
        }
        #expect(tag("latest") == ["WKL004"])
        #expect(tag("") == ["WKL004"])
        #expect(tag("stable") == ["WKL004"])
        #expect(tag("1.2") == ["WKL004"])
        #expect(tag("01.2.3") == ["WKL004"])
        #expect(tag("dev-1a2b3c4") == ["WKL004"])
        #expect(tag("dev-1a2b3c4", .development) == [])
        #expect(tag("staging-1a2b3c4", .staging) == [])
        #expect(tag("staging-1A2B3C4", .staging) == ["WKL004"])
        #expect(tag("1.2.3") == [])
        // A push workload's tag is the pipeline's, so the DSL tag is not judged.
        #expect(codes([Self.web(.push).image("web/site")]) == [])
    }

    @Test func wkl005PullTagFixedInTheDSL() {
        #expect(codes([Self.web(.pull).image("web/site", tag: "1.2.3")]) == ["WKL005"])
    }

    @Test func wkl006SubjectMustMatchTheServiceAccount() {
        let workload = Self.web(.pull)
            .workloadIdentity("id-web", serviceAccount: "site")  // ⟵ WKL006
        let found = Validator.validate([Self.environment([workload]).resolved()])
        #expect(found.map(\.code).filter { $0.hasPrefix("WKL") } == ["WKL006"])
        #expect(found.first { $0.code == "WKL006" }?.site.line == Self.line("WKL006"))
        #expect(
            found.first { $0.code == "WKL006" }?.message.contains("runs as 'system:serviceaccount:web:site'") == true)
        #expect(codes([Self.web(.pull).workloadIdentity("id-missing")]) == ["WKL006"])
    }

    @Test func wkl007IngressHostOutsideTheDomain() {
        let found = Validator.validate([
            Self.environment([Self.web(.pull).ingress(host: "web.contoso.org")]).resolved()  // ⟵ WKL007
        ])
        #expect(found.map(\.code).filter { $0.hasPrefix("WKL") } == ["WKL007"])
        #expect(found.first { $0.code == "WKL007" }?.site.line == Self.line("WKL007"))
    }

    @Test func wkl010KubernetesNames() {
        #expect(codes([Workload("Web_App", on: "aks-apps", namespace: "web").delivery(.push)]).contains("WKL010"))
        #expect(codes([Self.web(.pull).port(9090, name: "metrics-endpoint-x")]) == ["WKL010"])
        #expect(WorkloadRules.isDNSLabel("web-1") && !WorkloadRules.isDNSLabel("-web") && !WorkloadRules.isDNSLabel(""))
    }

    @Test func wkl009AndWkl007ConflictsBetweenWorkloads() {
        let api = Workload("api", on: "aks-apps", namespace: "web")
            .image("web/api", tag: .input("api.tag", default: "1.0.0"))
            .port(8080)
            .probes(liveness: .http("/livez", port: 8080), readiness: .http("/readyz", port: 8080))
            .resources(requests: .init(cpu: "100m", memory: "128Mi"), limits: .init(cpu: "500m", memory: "256Mi"))
            .ingress(host: "web.aks-ingress.contoso.com")
        let found = Validator.validate([Self.environment([Self.web(.pull), api]).resolved()])
        #expect(
            found.map(\.message).contains(
                "workloads 'web' and 'api' both serve web.aks-ingress.contoso.com/ on cluster 'aks-apps'"))
        let clash = Environment("apps", location: .eastUS) {
            ContainerRegistry("acrapps")
            AKSCluster("aks-apps", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .pullsImages(from: "acrapps")
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/platform") {
                    Kustomization("workload-api") { Manifest.namespace("web") }
                })
            api.ingress(host: "api.example.com").delivery(.pull)
        }
        #expect(
            Validator.validate([clash.resolved()]).filter { $0.code == "WKL009" }.map(\.message) == [
                "kustomization 'workload-api' of cluster 'aks-apps' has the name of one Slipway renders for it"
            ])
    }

    @Test func sec002LiteralCredentialsInWorkloadEnvironment() {
        let workload = Self.web(.pull).environment([
            "DB_PASSWORD": "hunter2", "SETTINGS_SECRET_FILE": "/mnt/secrets-store/settings.json", "LOG_LEVEL": "info",
        ])
        let found = Validator.validate([Self.environment([workload]).resolved()]).filter { $0.code == "SEC002" }
        #expect(
            found.map(\.message) == [
                "environment variable 'DB_PASSWORD' of workload 'web' is a literal credential, rendered into Git"
            ])
        #expect(found.first?.severity == .error)
    }

    @Test func wkl012PullWorkloadNeedsItsNamespaceCreated() {
        let elsewhere = Workload("api", on: "aks-apps", namespace: "payments")
            .image("web/api", tag: .input("api.tag", default: "1.0.0"))
            .port(8080)
            .probes(liveness: .http("/livez", port: 8080), readiness: .http("/readyz", port: 8080))
            .resources(requests: .init(cpu: "100m", memory: "128Mi"), limits: .init(cpu: "500m", memory: "256Mi"))
        #expect(codes([elsewhere]) == ["WKL012"])
        // Pushed workloads create their namespace in the deploy job.
        #expect(codes([elsewhere.delivery(.push)]) == [])
    }

    @Test func wkl011PreStopWaitWithinTheGracePeriod() {
        let workload = Self.web(.pull).termination(gracePeriodSeconds: 10, preStopSleepSeconds: 10)  // ⟵ WKL011
        let found = Validator.validate([Self.environment([workload]).resolved()]).filter { $0.code == "WKL011" }
        #expect(found.map(\.site.line) == [Self.line("WKL011")])
        #expect(codes([Self.web(.pull).termination(gracePeriodSeconds: 45, preStopSleepSeconds: 15)]) == [])
    }

    @Test func wkl007IngressNeedsTheControllerDeliveredByFlux() {
        let environment = Environment("apps", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
                Subnet.nodes("snet-nodes", "10.240.0.0/22")
                Subnet.internalLoadBalancers("snet-ingress", "10.240.4.0/28")
            }
            ContainerRegistry("acrapps")
            AKSCluster("aks-apps", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .pullsImages(from: "acrapps")
            .ingressController(
                domain: "contoso.com", host: "apps", internalLoadBalancerIP: "10.240.4.4",
                subnet: .spoke("vnet-spoke", "snet-ingress"), namespace: "web", serviceAccount: "traefik",
                certificateSecret: "ingress-certificate"
            )
            .federatedIdentity("id-web", subject: "system:serviceaccount:web:web")
            Self.web(.push).secrets([])
        }
        let found = Validator.validate([environment.resolved()]).filter { $0.code == "WKL007" }
        #expect(
            found.map(\.message).contains { $0.contains("has no Flux configuration to deliver its ingress controller") }
        )
    }

    @Test func wkl008RootAndWkl009Duplicates() {
        #expect(codes([Self.web(.pull).runAsUser(0)]) == ["WKL008"])
        #expect(Set(codes([Self.web(.pull), Self.web(.push)])) == ["WKL009", "WKL007"])
    }
}

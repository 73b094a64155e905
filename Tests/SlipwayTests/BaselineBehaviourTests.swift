import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRender

/// The rendered baseline works once deployed: each item of the deploy-ready review (Traefik's SNI
/// and trusted IPs, one replica per node, upgrade channels with their schedules, storage drivers,
/// Key Vault steps, Defender, the Entra tenant, subnet policies, the GitOps repository, private
/// access) asserted on what is written, not on the renderer's intent.
@Suite struct BaselineBehaviourTests {
    static let folder = Support.root.appendingPathComponent("Output/aks-baseline")
    static let cluster = "cluster-aks-bu0001a0008.bicep"
    static let ingress = "clusters/aks-bu0001a0008/ingress-controller"

    static func file(_ path: String, in folder: URL = folder) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// The value of `key: value` on the first line of `text` that has it, without quotes.
    static func value(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("\(key): ") {
                return String(content.dropFirst(key.count + 2)).trimmingCharacters(
                    in: CharacterSet(charactersIn: "'\""))
            }
        }
        return nil
    }

    // MARK: a, b: Traefik behind the Application Gateway

    /// Application Gateway connects with the backend host as SNI; with sniStrict Traefik answers
    /// only with a certificate listed under tls.certificates whose names match it.
    @Test func traefikHoldsACertificateForTheHostTheGatewayUsesAsSNI() throws {
        let bicep = try Self.file(Self.cluster)
        // The gateway's backend: `<host>.aks-ingress.<domain>`, with pickHostNameFromBackendAddress.
        #expect(bicep.contains("fqdn: 'bu0001a0008-00.aks-ingress.${ingressDomainName}'"))
        #expect(bicep.contains("pickHostNameFromBackendAddress: true"))
        let parameters = try Self.file("cluster-aks-bu0001a0008.parameters.json")
        #expect(parameters.contains("\"ingressDomainName\": {\n      \"value\": \"contoso.com\""))
        let sni = "bu0001a0008-00.aks-ingress.contoso.com"
        // The certificate is `*.aks-ingress.<domain>` (README, bootstrap secret): it covers one label.
        let wildcard = "aks-ingress.contoso.com"
        #expect(sni.hasSuffix(".\(wildcard)") && !sni.dropLast(wildcard.count + 1).contains("."))
        // Traefik lists that certificate, from the file the CSI driver mounts, and strict SNI is on.
        let configuration = try Self.file("\(Self.ingress)/configmap-traefik-ingress-controller-config.yaml")
        let certificates = try #require(configuration.range(of: "    tls:\n      certificates:\n"))
        let entry = configuration[certificates.upperBound...].prefix { $0 != "o" }
        #expect(entry.contains("- certFile: /certs/tls.pem\n"))
        #expect(entry.contains("keyFile: /certs/tls.pem\n"))
        #expect(configuration.contains("sniStrict: true"))
        let provider = try Self.file("\(Self.ingress)/secretproviderclass-aks-ingress-tls-secret-csi-akv.yaml")
        #expect(provider.contains("objectType: secret\n            objectAlias: tls.pem"))
        let deployment = try Self.file("\(Self.ingress)/deployment-traefik-ingress-controller.yaml")
        #expect(deployment.contains("mountPath: /certs"))
        // The workload's ingress host is that host.
        let ingress = try Self.file("clusters/aks-bu0001a0008/workload-aspnetapp/ingress-aspnetapp.yaml")
        #expect(ingress.contains("- \(sni)") || ingress.contains("host: \(sni)"))
    }

    @Test func traefikTrustsForwardedHeadersOnlyFromTheGatewaySubnet() throws {
        let spoke = try Self.file("spoke-vnet-spoke-BU0001A0008-00.parameters.json")
        #expect(spoke.contains("\"10.240.5.0/24\""))
        let deployment = try Self.file("\(Self.ingress)/deployment-traefik-ingress-controller.yaml")
        #expect(deployment.contains("\"--entryPoints.websecure.forwardedHeaders.trustedIPs=10.240.5.0/24\""))
        #expect(!deployment.contains("forwardedHeaders.insecure"))
    }

    // MARK: c: one replica per node

    @Test func ingressAndWorkloadRequireANodeEach() throws {
        for path in [
            "\(Self.ingress)/deployment-traefik-ingress-controller.yaml",
            "clusters/aks-bu0001a0008/workload-aspnetapp/deployment-aspnetapp.yaml",
        ] {
            let deployment = try Self.file(path)
            let affinity = try #require(deployment.range(of: "      affinity:\n        podAntiAffinity:\n"))
            let block = deployment[affinity.upperBound...].prefix(600)
            #expect(block.hasPrefix("          requiredDuringSchedulingIgnoredDuringExecution:\n"), "\(path)")
            #expect(block.contains("topologyKey: kubernetes.io/hostname"), "\(path)")
            // The selector is the pod's own: the labels of the template.
            let selector = try #require(deployment.range(of: "  selector:\n    matchLabels:\n"))
            let first = deployment[selector.upperBound...].split(separator: "\n").first!
            #expect(block.contains(first.trimmingCharacters(in: .whitespaces)), "\(path)")
        }
    }

    // MARK: d, e: upgrades and storage

    /// In every environment: a channel comes with its schedule, and a channel that moves the
    /// version leaves only MAJOR.MINOR in the parameters.
    @Test func everyUpgradeChannelComesWithItsSchedule() throws {
        var clusters = 0
        for (path, data) in Support.tree(Support.root.appendingPathComponent("Output"))
        where path.contains("/cluster-") && !path.contains("/modules/") && path.hasSuffix(".bicep") {
            let text = String(decoding: data, as: UTF8.self)
            clusters += 1
            let channel = try #require(Self.value("upgradeChannel", in: text))
            let nodeOS = try #require(Self.value("nodeOSUpgradeChannel", in: text))
            #expect(
                text.contains("name: 'aksManagedAutoUpgradeSchedule'") == (channel != "none"), "\(path)")
            #expect(
                text.contains("name: 'aksManagedNodeOSUpgradeSchedule'") == !["None", "Unmanaged"].contains(nodeOS),
                "\(path)")
        }
        #expect(clusters == 13)
        // The baseline: as the reference, no cluster channel and node images weekly.
        let bicep = try Self.file(Self.cluster)
        #expect(Self.value("upgradeChannel", in: bicep) == "none")
        #expect(Self.value("nodeOSUpgradeChannel", in: bicep) == "NodeImage")
        // With a channel, the parameters carry MAJOR.MINOR, and both schedules are in the window.
        let model = Environment("upgrades", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .autoUpgrade(cluster: "patch")
            .maintenanceWindow("Sunday", startingAt: "02:00", hours: 4)
        }.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let parameters = try #require(files["cluster-aks.parameters.json"])
        #expect(parameters.contains("\"kubernetesVersion\": {\n      \"value\": \"1.34\""))
        let stamp = try #require(files["cluster-aks.bicep"])
        #expect(stamp.contains("upgradeChannel: 'patch'"))
        #expect(stamp.contains("name: 'aksManagedAutoUpgradeSchedule'"))
        #expect(stamp.contains("name: 'aksManagedNodeOSUpgradeSchedule'"))
        #expect(stamp.components(separatedBy: "dayOfWeek: 'Sunday'").count == 3)
        #expect(try #require(files["README.md"]).contains("cluster auto-upgrade `patch`"))
    }

    @Test func storageDriversAreOffAsInTheReference() throws {
        let bicep = try Self.file(Self.cluster)
        for driver in ["blobCSIDriver", "diskCSIDriver", "fileCSIDriver", "snapshotController"] {
            #expect(bicep.contains("\(driver): {\n        enabled: false"), "\(driver)")
        }
    }

    // MARK: f: Key Vault

    /// The certificate reaches the private vault through ARM; the README asks for no data-plane
    /// step and says how to recover a soft-deleted vault.
    @Test func theIngressCertificateArrivesThroughTheControlPlane() throws {
        let bicep = try Self.file(Self.cluster)
        #expect(bicep.contains("publicNetworkAccess: 'Disabled'"))
        let secret = try #require(bicep.range(of: "resource ingressTlsSecret 'Microsoft.KeyVault/vaults/secrets@"))
        let body = bicep[secret.upperBound...].prefix(400)
        #expect(body.contains("name: 'traefik-ingress-internal-aks-ingress-tls'"))
        #expect(body.contains("value: ingressTlsCertificate"))
        #expect(body.contains("contentType: 'application/x-pem-file'"))
        let parameters = try Self.file("cluster-aks-bu0001a0008.parameters.json")
        #expect(parameters.contains("\"ingressTlsCertificate\": {\n      \"reference\": {"))
        let readme = try Self.file("README.md")
        #expect(!readme.contains("keyvault certificate import") && !readme.contains("import the ingress certificate"))
        #expect(readme.contains("nothing to import"))
        #expect(readme.contains("az keyvault recover --name <that name> --location eastus"))
        #expect(readme.contains("purge protection is on and soft delete keeps a deleted vault for 7 days"))
    }

    // MARK: g, h, i

    @Test func defenderWritesToAWorkspaceThatAcceptsItsKeys() throws {
        let bicep = try Self.file(Self.cluster)
        #expect(bicep.contains("logAnalyticsWorkspaceResourceId: defenderWorkspace.id"))
        let defender = try #require(
            bicep.range(of: "resource defenderWorkspace 'Microsoft.OperationalInsights/workspaces@"))
        #expect(bicep[defender.upperBound...].prefix(700).contains("disableLocalAuth: false"))
        // Every other workspace keeps local authentication off.
        let monitoring = try Self.file("monitoring.bicep")
        #expect(monitoring.contains("disableLocalAuth: true") && !monitoring.contains("disableLocalAuth: false"))
    }

    @Test func privateLinkServicePoliciesFollowTheReference() throws {
        let spoke = try Self.file("spoke-vnet-spoke-BU0001A0008-00.bicep")
        var policies: [String: String] = [:]
        var subnet: String?
        for line in spoke.split(separator: "\n") {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("name: 'snet-") { subnet = Self.value("name", in: content) }
            if let subnet, content.hasPrefix("privateLinkServiceNetworkPolicies: ") {
                policies[subnet] = Self.value("privateLinkServiceNetworkPolicies", in: content)
            }
        }
        #expect(
            policies == [
                "snet-clusternodes": "Disabled", "snet-clusteringressservices": "Disabled",
                "snet-privatelinkendpoints": "Enabled", "snet-applicationgateway": "Disabled",
                "snet-privatecluster": "Disabled",
            ])
    }

    // MARK: k, and the race of part 3

    @Test func fluxPullsTheRepositoryThatHoldsThisOutput() throws {
        let parameters = try Self.file("cluster-aks-bu0001a0008.parameters.json")
        #expect(!parameters.contains("github.com/mspnp/aks-baseline"))
        let script = try Self.file("deploy.sh")
        #expect(script.contains("'./Output/aks-baseline/clusters/aks-bu0001a0008/cluster-manifests'"))
    }

    @Test func theGatewayWaitsUntilTheVaultResolvesPrivately() throws {
        let bicep = try Self.file(Self.cluster)
        let gateway = try #require(
            bicep.range(of: "resource applicationGateway 'Microsoft.Network/applicationGateways@"))
        let rest = bicep[gateway.upperBound...]
        let end = try #require(rest.range(of: "\n}\n"))
        let dependsOn = try #require(rest[..<end.lowerBound].range(of: "  dependsOn: ["))
        let list = rest[dependsOn.upperBound..<end.lowerBound]
        for symbol in [
            "keyVaultPrivateEndpoint", "keyVaultPrivateEndpointZoneGroup",
            "keyVaultPrivateDnsZoneVnetSpokeBU0001A000800Link",
        ] {
            #expect(list.contains("    \(symbol)\n"), "\(symbol)")
        }
    }

    // MARK: part 3: every step runs from where it says

    /// Registry, Key Vault and API server have public access off: no generated step calls their
    /// data plane from outside the network. A workflow job that does runs on the self-hosted runner
    /// inside it; `deploy.sh` stops before it talks to a private API server it cannot reach, and
    /// uses `az aks command invoke` only where run command is on.
    @Test func noGeneratedStepCallsAPrivateDataPlaneFromOutside() throws {
        let dataPlane = [
            "az acr login", "docker push", "az acr repository", "az acr build", "az keyvault secret",
            "az keyvault certificate", "az keyvault key",
        ]
        for (path, data) in Support.tree(Support.root.appendingPathComponent("Examples/workflows")) {
            let text = String(decoding: data, as: UTF8.self)
            for job in text.components(separatedBy: "\n  ").dropFirst() where job.contains("runs-on") {
                let reaches = dataPlane.filter { job.contains($0) }
                if !reaches.isEmpty {
                    #expect(job.contains("runs-on:\n      - self-hosted\n      - slipway-"), "\(path): \(reaches)")
                }
                if job.contains("az aks command invoke") {
                    let environment = try #require(path.split(separator: "-").dropFirst().first)
                    let clusters = Support.tree(Support.root.appendingPathComponent("Output/\(environment)")).filter {
                        $0.key.hasPrefix("cluster-") && $0.key.hasSuffix(".bicep")
                    }
                    #expect(
                        clusters.values.contains {
                            String(decoding: $0, as: UTF8.self).contains("disableRunCommand: false")
                        },
                        "\(path)")
                }
            }
        }
        for (path, data) in Support.tree(Support.root.appendingPathComponent("Output"))
        where path.hasSuffix("deploy.sh") || path.hasSuffix("README.md") {
            let text = String(decoding: data, as: UTF8.self)
            // The operator's own bootstrap vault is outside the environment; Slipway's vaults are private.
            let bootstrap = text.firstRange(of: /providers\/Microsoft.KeyVault\/vaults\/([a-z0-9-]+)`/).map {
                "--vault-name " + String(text[$0].dropFirst("providers/Microsoft.KeyVault/vaults/".count).dropLast())
            }
            for line in text.split(separator: "\n") {
                for call in ["az keyvault secret", "az keyvault certificate", "az acr repository", "docker push"]
                where line.contains(call) {
                    #expect(bootstrap.map { line.contains($0) } == true, "\(path): \(line)")
                }
            }
            guard path.hasSuffix("deploy.sh") else { continue }
            // Each helm or kubectl call against a private cluster follows its reachability check.
            let lines = text.split(separator: "\n").map(String.init)
            for (index, line) in lines.enumerated() where line.contains("helm --kube-context ") {
                let context = line.split(separator: " ")[2]
                #expect(
                    lines[..<index].contains { $0.contains("kubectl --context \(context) version --request-timeout") }
                        || !Self.isPrivate(
                            cluster: String(context).replacingOccurrences(of: "'", with: ""), folder: path),
                    "\(path): \(line)")
            }
        }
    }

    static func isPrivate(cluster: String, folder path: String) -> Bool {
        let environment = path.split(separator: "/").first.map(String.init) ?? ""
        let bicep = try? String(
            contentsOf: Support.root.appendingPathComponent("Output/\(environment)/cluster-\(cluster).bicep"),
            encoding: .utf8)
        return bicep?.contains("enablePrivateCluster: true") ?? false
    }
}

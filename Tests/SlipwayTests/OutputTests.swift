import Foundation
import SlipwayModel
import Testing

@testable import SlipwayRender

/// The committed `Output/` is the golden tree of the shipped examples.
@Suite(.serialized) struct OutputTests {
    static let output = Support.root.appendingPathComponent("Output")

    @Test func committedOutputMatchesTheExamples() throws {
        let run = try Support.slipway(["check", "Examples/aks-baseline.swift", "Examples/dev-prod.swift"])
        #expect(run.status == 0, "drift:\n\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("3 environment(s) match Output/"))
    }

    /// Acceptance: the baseline creates at least these resource types.
    @Test func baselineCreatesTheRequiredResourceTypes() throws {
        let types = declaredTypes(in: Self.output.appendingPathComponent("aks-baseline"))
        let required = [
            "Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
            "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/routeTables",
            "Microsoft.Network/publicIPAddresses", "Microsoft.Network/ipGroups", "Microsoft.Network/azureFirewalls",
            "Microsoft.Network/firewallPolicies", "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
            "Microsoft.Network/bastionHosts", "Microsoft.ContainerRegistry/registries",
            "Microsoft.Network/privateEndpoints", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
            "Microsoft.Network/privateDnsZones", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
            "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/diagnosticSettings",
            "Microsoft.ContainerService/managedClusters", "Microsoft.Authorization/roleAssignments",
            "Microsoft.KubernetesConfiguration/extensions", "Microsoft.KubernetesConfiguration/fluxConfigurations",
        ]
        for type in required {
            #expect(types.contains(type), "Output/aks-baseline declares no \(type)")
        }
    }

    /// Types declared with `resource … '<type>@<version>' =` (not `existing`), across every .bicep file.
    func declaredTypes(in folder: URL) -> Set<String> {
        var types: Set<String> = []
        for (path, data) in Support.tree(folder) where path.hasSuffix(".bicep") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("resource ") {
                guard !line.contains("' existing ="), let open = line.firstIndex(of: "'"),
                    let at = line[open...].firstIndex(of: "@")
                else { continue }
                types.insert(String(line[line.index(after: open)..<at]))
            }
        }
        return types
    }

    /// Acceptance: every Flux path resolves from the repository root to a rendered directory with a
    /// kustomization.yaml.
    @Test func everyFluxPathResolvesFromTheRepositoryRoot() throws {
        var paths: [String] = []
        for (path, data) in Support.tree(Self.output) where path.hasSuffix(".bicep") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
            where line.trimmingCharacters(in: .whitespaces).hasPrefix("path: './") {
                paths.append(String(line.split(separator: "'")[1]))
            }
        }
        #expect(paths.count >= 5)
        for path in paths {
            #expect(path.hasPrefix("./Output/"))
            let kustomization = Support.root.appendingPathComponent(path).appendingPathComponent("kustomization.yaml")
            #expect(FileManager.default.fileExists(atPath: kustomization.path), "\(path) does not resolve")
        }
    }

    @Test func everyRenderedTypeIsPinnedAndPreviewsHaveReasons() throws {
        let pinned = Set(APIVersions.table.map { "\($0.type)@\($0.version)" })
        for entry in APIVersions.table where entry.version.hasSuffix("-preview") {
            #expect(entry.previewReason?.isEmpty == false, "\(entry.type) uses a preview without a reason")
        }
        for (path, data) in Support.tree(Self.output) where path.hasSuffix(".bicep") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("resource ") {
                let typeAndVersion = line.split(separator: "'")[1]
                #expect(
                    pinned.contains(String(typeAndVersion)), "\(path): \(typeAndVersion) is not in the pinned table")
            }
        }
    }

    @Test func parameterFilesCarryNoSecretsAndSupplyEveryParameter() throws {
        for (path, data) in Support.tree(Self.output) where path.hasSuffix(".parameters.json") {
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["$schema"] as? String == ParametersRenderer.schema)
            #expect(json["contentVersion"] as? String == "1.0.0.0")
            let parameters = try #require(json["parameters"] as? [String: Any])
            let bicepPath = path.replacing(".parameters.json", with: ".bicep")
            let bicep = String(decoding: try #require(Support.tree(Self.output)[bicepPath]), as: UTF8.self)
            let declared = bicep.split(separator: "\n").filter { $0.hasPrefix("param ") }.map {
                String($0.split(separator: " ")[1])
            }
            #expect(Set(parameters.keys) == Set(declared), "\(path) does not match \(bicepPath)")
            let text = String(decoding: data, as: UTF8.self).lowercased()
            for secretWord in ["password", "secret\"", "privatekey", "-----begin"] {
                #expect(!text.contains(secretWord), "\(path) looks like it holds a secret")
            }
        }
    }

    @Test func baselineSecurityDefaults() throws {
        let tree = Support.tree(Self.output.appendingPathComponent("aks-baseline"))
        let registry = String(decoding: try #require(tree["registry.bicep"]), as: UTF8.self)
        #expect(registry.contains("adminUserEnabled: false"))
        #expect(registry.contains("publicNetworkAccess: 'Disabled'"))
        #expect(registry.contains("networkRuleBypassOptions: 'AzureServices'"))
        #expect(registry.contains("name: 'privatelink.azurecr.io'"))
        let cluster = String(decoding: try #require(tree["cluster-aks-bu0001a0008.bicep"]), as: UTF8.self)
        #expect(cluster.contains("disableLocalAccounts: true"))
        #expect(cluster.contains("enablePrivateCluster: true"))
        #expect(cluster.contains("enableVnetIntegration: true"))
        #expect(cluster.contains("outboundType: 'userDefinedRouting'"))
        #expect(cluster.contains("networkPluginMode: 'overlay'"))
        #expect(cluster.contains("workloadIdentity: {\n        enabled: true"))
        // Key Vault: RBAC, no public access, default deny, soft delete and purge protection.
        for property in [
            "enableRbacAuthorization: true", "publicNetworkAccess: 'Disabled'", "defaultAction: 'Deny'",
            "enableSoftDelete: true", "enablePurgeProtection: true", "bypass: 'AzureServices'",
        ] {
            #expect(cluster.contains(property), "Key Vault lacks \(property)")
        }
        // The API server's own private zone, managed by the control-plane identity.
        #expect(cluster.contains("privateDNSZone: apiServerPrivateDnsZone.id"))
        #expect(cluster.contains("name: 'privatelink.eastus.azmk8s.io'"))
        #expect(cluster.contains("disableRunCommand: true"))
        // Security profile and add-ons.
        #expect(cluster.contains("imageCleaner: {\n        enabled: true"))
        #expect(cluster.contains("azureKeyVaultKms: {\n        enabled: false"))
        #expect(cluster.contains("kubeDashboard: {\n        enabled: false"))
        // Azure RBAC when the cluster's tenant is the subscription's, else the admin groups (as the reference).
        #expect(cluster.contains("var isUsingAzureRBAC = subscription().tenantId == entraTenantId"))
        #expect(cluster.contains("enableAzureRBAC: isUsingAzureRBAC"))
        #expect(cluster.contains("adminGroupObjectIDs: isUsingAzureRBAC ? [] : clusterAdminGroupObjectIds"))
        #expect(
            cluster.contains(
                "resource clusterAdminRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for i in range(0, length(clusterAdminGroupObjectIds)): if (isUsingAzureRBAC) {"
            ))
        #expect(cluster.contains("dnsServiceIP: dnsServiceIP"))
        // The WAF runs in prevention mode with the OWASP rules.
        #expect(cluster.contains("mode: 'Prevention'"))
        #expect(cluster.contains("ruleSetType: 'OWASP'"))
        // Certificates are secure parameters fed by Key Vault references only.
        #expect(cluster.contains("@secure()\nparam ingressTlsCertificate string"))
        #expect(cluster.contains("@secure()\nparam applicationGatewayListenerCertificate string"))
        #expect(cluster.contains("@secure()\nparam applicationGatewayTrustedBackendCertificate string"))
        let parameters = String(
            decoding: try #require(tree["cluster-aks-bu0001a0008.parameters.json"]), as: UTF8.self)
        #expect(parameters.contains("\"secretName\": \"app-gateway-listener-certificate\""))
        #expect(parameters.contains("\"secretName\": \"aks-ingress-controller-certificate\""))
        let spoke = String(
            decoding: try #require(tree["spoke-vnet-spoke-BU0001A0008-00.parameters.json"]), as: UTF8.self)
        for literal in ["10.240.0.0/16", "10.240.0.0/22", "10.240.4.32/28"] {
            #expect(spoke.contains("\"\(literal)\""))
        }
    }

    /// Each environment explains itself: topology, address plan, deploy order, operator inputs.
    @Test func environmentReadmesExplainTheEnvironment() throws {
        let readme = try String(
            contentsOf: Self.output.appendingPathComponent("aks-baseline/README.md"), encoding: .utf8)
        #expect(readme.contains("```mermaid\nflowchart LR\n"))
        #expect(readme.contains("spoke_vnet_spoke_BU0001A0008_00 -->|\"peering\"| hub_vnet_eastus_hub"))
        #expect(readme.contains("aks_aks_bu0001a0008 -->|\"0.0.0.0/0\"| fw_fw_eastus"))
        #expect(readme.contains("| `vnet-spoke-BU0001A0008-00` | `snet-clusternodes` | `10.240.0.0/22` | 1019 |"))
        #expect(readme.contains("- `vnet-eastus-hub` 10.200.0.0/24: `10.200.0.96/27`, `10.200.0.192/26`"))
        #expect(readme.contains("- secret `app-gateway-listener-certificate`"))
        #expect(
            readme.contains("https://github.com/contoso/aks-baseline-platform branch `main`; public, no credentials"))
        // The deploy order is the script's own commands, in order.
        let script = try String(
            contentsOf: Self.output.appendingPathComponent("aks-baseline/deploy.sh"), encoding: .utf8)
        let deployments = script.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("az deployment group")
        }.count
        #expect(readme.components(separatedBy: "az deployment group create").count - 1 == deployments)
        // The diagram keeps to a strict subset: sanitised IDs, quoted labels, --> and -.-> edges.
        let diagram = try #require(readme.split(separator: "```mermaid\n").last?.split(separator: "```").first)
        for line in diagram.split(separator: "\n").dropFirst() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "end" { continue }
            let ok =
                text.wholeMatch(of: /subgraph [A-Za-z0-9_]+\["[^"]*"\]/) != nil
                || text.wholeMatch(of: /[A-Za-z0-9_]+(\["[^"]*"\]|\(\("[^"]*"\)\))/) != nil
                || text.wholeMatch(of: /[A-Za-z0-9_]+ (-->|-\.->)(\|"[^"]*"\|)? [A-Za-z0-9_]+/) != nil
            #expect(ok, "outside the Mermaid subset: \(text)")
        }
    }
}

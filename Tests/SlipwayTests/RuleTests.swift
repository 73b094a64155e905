import SlipwayModel
import SlipwayRules
import Testing

@testable import Slipway

/// One test per rule: each triggers the rule and asserts the code, the message and the line.
@Suite struct RuleTests {
    func diagnostics(_ environments: Environment...) -> [Diagnostic] {
        Validator.validate(environments.map { $0.resolved() })
    }

    @Test func cleanEnvironmentHasNoDiagnostics() {
        let env = Environment("clean", location: .eastUS) {
            LogAnalyticsWorkspace("la")
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") { Subnet.nodes("snet-nodes", "10.1.0.0/22") }
        }
        .diagnostics(to: "la")
        #expect(diagnostics(env).isEmpty)
    }

    @Test func malformedCIDRAndHostBits() {
        let line = #line + 2
        let env = Environment("net001", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("bad", "10.1.0/22")
                Subnet.nodes("host-bits", "10.1.4.1/24")
            }
        }
        let found = diagnostics(env)
        #expect(found.map(\.code) == ["NET001", "NET001"])
        #expect(found[0].message == "subnet 'bad': '10.1.0/22' is not an IPv4 CIDR")
        #expect(found[0].site.line == line + 1)
        #expect(found[1].message == "subnet 'host-bits': '10.1.4.1/24' has host bits set")
        #expect(found[1].note == "use the network address 10.1.4.0/24")
        #expect(found[1].site.line == line + 2)
    }

    @Test func subnetOutsideItsVNet() {
        let line = #line + 2
        let env = Environment("net002", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.2.0.0/22")
            }
        }
        let found = diagnostics(env)
        #expect(found.map(\.code) == ["NET002"])
        #expect(found.first?.message == "subnet 'snet-nodes' 10.2.0.0/22 is outside VNet 'vnet-spoke' 10.1.0.0/16")
        #expect(found.first?.site.line == line + 1)
        #expect(found.first?.site.column == 29)
    }

    @Test func overlappingSubnets() {
        let line = #line + 4
        let env = Environment("net003", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.1.3.0/28")
            }
        }
        let found = diagnostics(env)
        #expect(found.map(\.code) == ["NET003"])
        #expect(
            found.first?.message
                == "subnet 'snet-endpoints' 10.1.3.0/28 overlaps subnet 'snet-nodes' 10.1.0.0/22 in VNet 'vnet-spoke'")
        #expect(found.first?.site.line == line)
    }

    @Test func spokeOverlapsHubAndOtherEnvironments() {
        let spokeLine = #line + 5
        let env = Environment("net004", location: .eastUS) {
            HubNetwork("hub", addressSpace: "10.240.0.0/24") {
                Subnet.azureFirewall("10.240.0.0/26")
            }
            SpokeNetwork("aks", addressSpace: "10.240.0.0/16") {
                Subnet.nodes("snet-nodes", "10.240.4.0/22")
            }
        }
        let other = Environment("other", location: .eastUS) {
            SpokeNetwork("other-spoke", addressSpace: "10.240.128.0/17") {
                Subnet.nodes("snet-nodes", "10.240.128.0/22")
            }
        }
        let found = diagnostics(env, other).filter { $0.code == "NET004" }
        #expect(found.count == 2)
        #expect(found.contains { $0.message == "spoke 'aks' 10.240.0.0/16 overlaps hub 'hub' 10.240.0.0/24" })
        #expect(
            found.contains {
                $0.message
                    == "spoke 'other-spoke' 10.240.128.0/17 overlaps spoke 'aks' 10.240.0.0/16 of environment 'net004'"
            })
        #expect(found.first { $0.message.hasPrefix("spoke 'aks'") }?.site.line == spokeLine)
    }

    @Test func danglingReferences() {
        let clusterLine = #line + 5
        let env = Environment("ref001", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
            }
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-missing"))
            .pullsImages(from: "acrmissing")
            .monitoring(to: "la-missing")
        }
        let found = diagnostics(env)
        #expect(found.allSatisfy { $0.code == "REF001" && $0.site.line == clusterLine })
        #expect(
            Set(found.map(\.message)) == [
                "subnet 'vnet-spoke/snet-missing' is not declared in environment 'ref001'",
                "registry 'acrmissing' is not declared in environment 'ref001'",
                "workspace 'la-missing' is not declared in environment 'ref001'",
            ])
    }

    @Test func duplicateEnvironmentNames() {
        let first = Environment("twin", location: .eastUS) {}
        let line = #line + 1
        let second = Environment("twin", location: .eastUS) {}
        let found = diagnostics(first, second)
        #expect(found.map(\.code) == ["ENV001"])
        #expect(found.first?.site.line == line)
        #expect(found.first?.message.hasPrefix("environment 'twin' is declared twice") == true)
    }

    @Test func invalidRegistryName() {
        let line = #line + 2
        let env = Environment("nam001", location: .eastUS) {
            ContainerRegistry("acr-with-dashes")
        }
        let found = diagnostics(env)
        #expect(found.map(\.code) == ["NAM001"])
        #expect(found.first?.site.line == line)
        #expect(found.first?.message.contains("'acr-with-dashes' is invalid") == true)
    }

    @Test func diagnosticsAreSortedAndFormatted() {
        let diagnostic = Diagnostic(
            .error, "NET004", "spoke 'aks' 10.240.0.0/16 overlaps hub 'hub' 10.240.0.0/24", note: "fix it",
            at: SourceLocation(fileID: "m/prod.swift", filePath: "Examples/prod.swift", line: 42, column: 9))
        #expect(
            diagnostic.formatted == """
                Examples/prod.swift:42:9: error: [NET004] spoke 'aks' 10.240.0.0/16 overlaps hub 'hub' 10.240.0.0/24
                Examples/prod.swift:42:9: note: fix it
                """)
        #expect(
            diagnostic.githubAnnotation
                == "::error file=Examples/prod.swift,line=42,col=9,title=NET004::spoke 'aks' 10.240.0.0/16 overlaps hub 'hub' 10.240.0.0/24 (fix it)"
        )
    }

    @Test func privateRepositoryNeedsASecretsVault() {
        let line = #line + 6
        let env = Environment("sec001", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/private") {
                    Kustomization("apps")
                }
                .httpsCredentials(user: "git", tokenSecret: "pat"))
        }
        let found = diagnostics(env)
        #expect(found.map(\.code) == ["SEC001"])
        #expect(found.first?.site.line == line)
        #expect(found.first?.message.contains("has no secrets vault") == true)

        let malformed = diagnostics(env.secrets(fromVault: "kv-bootstrap"))
        #expect(malformed.map(\.code) == ["SEC001"])
        #expect(malformed.first?.message == "secrets vault 'kv-bootstrap' is not a Key Vault resource ID")
    }

    @Test func imagesOnlyFromTheRegistryOrTheAllowList() {
        let line = #line + 10
        let env = Environment("img001", location: .eastUS) {
            ContainerRegistry("acrimages")
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .pullsImages(from: "acrimages")
            .gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/apps") {
                    Kustomization("apps") {
                        Manifest(
                            apiVersion: "v1", kind: "Pod", name: "mixed", namespace: "apps",
                            body: .object([
                                "spec": .object([
                                    "containers": .array([
                                        .object(["name": "own", "image": .registryImage("kubereboot/kured:1.15.0")]),
                                        .object(["name": "mcr", "image": "mcr.microsoft.com/dotnet/samples:aspnetapp"]),
                                        .object(["name": "hub", "image": "docker.io/library/traefik:v3.4"]),
                                        .object(["name": "ghcr", "image": "ghcr.io/kubereboot/kured:1.15.0"]),
                                    ])
                                ])
                            ]))
                    }
                })
        }
        let found = diagnostics(env)
        #expect(found.map(\.code) == ["IMG001"])
        #expect(
            found.first?.message
                == "Pod 'mixed' uses image 'ghcr.io/kubereboot/kured:1.15.0' from outside the environment's registry and the allow-list"
        )
        #expect(found.first?.site.line == line)
        #expect(diagnostics(env.allowImages(from: ["ghcr.io/kubereboot/"])).isEmpty)
    }
}

import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRules

/// Common user mistakes, each with the first diagnostic it gives: code, line, column and message,
/// recorded in `Fixtures/mistakes.expected` (`SLIPWAY_RECORD=1 swift test` rewrites it). The DSL
/// layer may be rebuilt underneath; these must not move.
@Suite struct MistakeGoldenTests {
    static func cluster(_ name: String = "aks") -> AKSCluster {
        AKSCluster(name, kubernetesVersion: "1.34.2") {
            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
        }
        .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
        .network(
            .azureCNIOverlay(
                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                outbound: .loadBalancer)
        )
        .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 4)
    }

    static func spoke(_ space: String = "10.1.0.0/16", nodes: String = "10.1.0.0/22") -> SpokeNetwork {
        SpokeNetwork("vnet-spoke", addressSpace: space) {
            Subnet.nodes("snet-nodes", nodes)
            Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28")
            Subnet.apiServer("snet-api", "10.1.5.0/28")
        }
    }

    static func environment(_ name: String = "mistake", @EnvironmentBuilder _ content: () -> EnvironmentContents)
        -> Environment
    {
        Environment(name, location: .eastUS, content)
    }

    /// Each mistake by name. Keep the order: new ones go at the end.
    static let mistakes: [(String, @Sendable () -> [Environment])] = [
        (
            "overlapping spokes",
            {
                [
                    environment {
                        spoke(); SpokeNetwork("vnet-b", addressSpace: "10.1.128.0/17") {}
                    }
                ]
            }
        ),
        ("subnet outside its VNet", { [environment { spoke(nodes: "10.9.0.0/22") }] }),
        (
            "overlapping subnets",
            {
                [
                    environment {
                        SpokeNetwork("vnet-a", addressSpace: "10.1.0.0/16") {
                            Subnet("snet-a", "10.1.0.0/24")
                            Subnet("snet-b", "10.1.0.128/25")
                        }
                    }
                ]
            }
        ),
        ("host bits set", { [environment { SpokeNetwork("vnet-a", addressSpace: "10.1.0.1/16") {} }] }),
        ("malformed CIDR", { [environment { SpokeNetwork("vnet-a", addressSpace: "10.1.0/16") {} }] }),
        (
            "DNS service IP outside the service range",
            {
                [
                    environment {
                        spoke()
                        cluster().network(
                            .azureCNIOverlay(
                                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.17.0.10",
                                outbound: .loadBalancer))
                    }
                ]
            }
        ),
        (
            "pod range overlapping the VNet",
            {
                [
                    environment {
                        spoke()
                        cluster().network(
                            .azureCNIOverlay(
                                podCIDR: "10.1.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                                outbound: .loadBalancer))
                    }
                ]
            }
        ),
        (
            "firewall subnet too small",
            {
                [
                    environment {
                        HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") { Subnet.azureFirewall("10.0.0.0/27") }
                    }
                ]
            }
        ),
        (
            "two hubs",
            {
                [
                    environment {
                        HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {}
                        HubNetwork("vnet-hub-2", addressSpace: "10.2.0.0/24") {}
                    }
                ]
            }
        ),
        (
            "firewall without its subnet",
            { [environment { HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {}.firewall("fw") }] }
        ),
        (
            "Bastion without its subnet",
            { [environment { HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {}.bastion("ab") }] }
        ),
        ("registry name with dashes", { [environment { ContainerRegistry("acr-with-dashes") }] }),
        ("invalid environment name", { [environment("1-bad") { LogAnalyticsWorkspace("la-x") }] }),
        (
            "duplicate environment",
            {
                [
                    environment("twice") { LogAnalyticsWorkspace("la-a") },
                    environment("twice") { LogAnalyticsWorkspace("la-b") },
                ]
            }
        ),
        (
            "dangling workspace",
            {
                [
                    environment {
                        spoke(); cluster().monitoring(to: "la-missing")
                    }
                ]
            }
        ),
        (
            "dangling subnet",
            {
                [
                    environment {
                        spoke(); cluster().nodes(in: .spoke("vnet-spoke", "snet-missing"))
                    }
                ]
            }
        ),
        (
            "dangling registry",
            {
                [
                    environment {
                        spoke(); cluster().pullsImages(from: "acrmissing")
                    }
                ]
            }
        ),
        (
            "registry endpoint in a node subnet",
            {
                [
                    environment {
                        spoke()
                        ContainerRegistry("acrok").privateEndpoint(in: .spoke("vnet-spoke", "snet-nodes"))
                    }
                ]
            }
        ),
        (
            "basic registry with an endpoint",
            {
                [
                    environment {
                        spoke()
                        ContainerRegistry("acrok").sku(.basic).privateEndpoint(
                            in: .spoke("vnet-spoke", "snet-endpoints"))
                    }
                ]
            }
        ),
        (
            "malformed Kubernetes version",
            {
                [
                    environment {
                        spoke()
                        AKSCluster("aks", kubernetesVersion: "latest") {
                            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                        }
                    }
                ]
            }
        ),
        (
            "no system pool",
            {
                [
                    environment {
                        AKSCluster("aks", kubernetesVersion: "1.34.2") {
                            NodePool.user("apps", vmSize: .standardD2dV5, autoscale: 1...3)
                        }
                    }
                ]
            }
        ),
        (
            "system pool that scales to zero",
            {
                [
                    environment {
                        AKSCluster("aks", kubernetesVersion: "1.34.2") {
                            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 0...3)
                        }
                    }
                ]
            }
        ),
        (
            "malformed max surge",
            {
                [
                    environment {
                        AKSCluster("aks", kubernetesVersion: "1.34.2") {
                            NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3).maxSurge("lots")
                        }
                    }
                ]
            }
        ),
        (
            "user-defined routing without a firewall",
            {
                [
                    environment {
                        spoke()
                        cluster().network(
                            .azureCNIOverlay(
                                podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
                    }
                ]
            }
        ),
        (
            "private API server in a plain subnet",
            {
                [
                    environment {
                        spoke(); cluster().privateAPIServer(in: .spoke("vnet-spoke", "snet-nodes"))
                    }
                ]
            }
        ),
        (
            "no sign-in left",
            {
                [
                    environment {
                        spoke(); cluster().entraIDIntegration(false)
                    }
                ]
            }
        ),
        (
            "unknown upgrade channel",
            {
                [
                    environment {
                        spoke(); cluster().autoUpgrade(cluster: "weekly")
                    }
                ]
            }
        ),
        (
            "maintenance window too short",
            {
                [
                    environment {
                        spoke(); cluster().maintenanceWindow("Monday", startingAt: "01:00", hours: 2)
                    }
                ]
            }
        ),
        (
            "Flux dependency that does not exist",
            {
                [
                    environment {
                        spoke()
                        cluster().gitOps(
                            FluxConfiguration(repository: "https://github.com/contoso/platform") {
                                Kustomization("apps") { Manifest.namespace("apps") }.dependsOn("base")
                            })
                    }
                ]
            }
        ),
        (
            "Flux dependency cycle",
            {
                [
                    environment {
                        spoke()
                        cluster().gitOps(
                            FluxConfiguration(repository: "https://github.com/contoso/platform") {
                                Kustomization("a").dependsOn("b")
                                Kustomization("b").dependsOn("a")
                            })
                    }
                ]
            }
        ),
        (
            "malformed Flux interval",
            {
                [
                    environment {
                        spoke()
                        cluster().gitOps(
                            FluxConfiguration(repository: "https://github.com/contoso/platform") {
                                Kustomization("apps").interval("1d")
                            })
                    }
                ]
            }
        ),
        (
            "password in a property",
            {
                [
                    environment {
                        spoke(); cluster().property("properties.windowsProfile.adminPassword", "hunter2")
                    }
                ]
            }
        ),
        (
            "misspelled property",
            {
                [
                    environment {
                        spoke(); cluster().property("properties.autoUpgradeProfile.upgradeChanel", "patch")
                    }
                ]
            }
        ),
        (
            "ingress controller without a vault",
            {
                [
                    environment {
                        spoke()
                        cluster().ingressController(
                            domain: "contoso.com", host: "apps", internalLoadBalancerIP: "10.1.0.10",
                            subnet: .spoke("vnet-spoke", "snet-nodes"), namespace: "web", serviceAccount: "traefik",
                            certificateSecret: "tls")
                    }
                ]
            }
        ),
    ]

    static let expectedFile = Support.fixtures.appendingPathComponent("mistakes.expected")

    /// `name<TAB>line:column<TAB>severity [CODE] message` of the first diagnostic.
    static func firstDiagnostics() -> [String] {
        mistakes.map { name, build in
            let found = Validator.validate(build().map { $0.resolved() })
            guard let first = found.first(where: { $0.severity == .error }) ?? found.first else {
                return "\(name)\tnone"
            }
            let file = URL(fileURLWithPath: first.site.filePath).lastPathComponent
            // Paths in messages are as swiftc was given them; here that is this file's absolute path.
            let message = first.message.replacingOccurrences(of: Support.root.path + "/", with: "")
            return
                "\(name)\t\(file):\(first.site.line):\(first.site.column)\t\(first.severity.rawValue) [\(first.code)] \(message)"
        }
    }

    @Test func everyMistakeGivesItsRecordedFirstDiagnostic() throws {
        let lines = Self.firstDiagnostics()
        #expect(lines.count >= 30)
        if ProcessInfo.processInfo.environment["SLIPWAY_RECORD"] == "1" {
            try (lines.joined(separator: "\n") + "\n").write(to: Self.expectedFile, atomically: false, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.expectedFile, encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            #expect(line == want)
        }
        // Every mistake is found: none passes silently.
        #expect(!lines.contains { $0.hasSuffix("\tnone") })
    }
}

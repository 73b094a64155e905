import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRules

/// One test per rule: each triggers the rule and asserts the code, the message and the exact line.
/// Lines are found by the `// ⟵ MARK` comments in this file, so edits above a test do not break it.
@Suite struct RuleTests {
    static let source = (try? String(contentsOfFile: #filePath, encoding: .utf8)) ?? ""

    /// The line that ends with the marker comment `// ⟵ <marker>`.
    static func line(_ marker: String) -> Int {
        Support.line(markedBy: marker, in: source)
    }

    func diagnostics(_ environments: Environment...) -> [Diagnostic] {
        Validator.validate(environments.map { $0.resolved() })
    }

    /// The only diagnostic of `code`, failing when there is not exactly one.
    func single(_ code: String, in found: [Diagnostic]) throws -> Diagnostic {
        let matching = found.filter { $0.code == code }
        #expect(matching.count == 1, "\(found.map(\.formatted))")
        return try #require(matching.first)
    }

    static func spoke(_ name: String = "vnet-spoke", _ space: String = "10.1.0.0/16") -> SpokeNetwork {
        SpokeNetwork(name, addressSpace: space) {
            Subnet.nodes("snet-nodes", "10.1.0.0/22")
            Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28")
            Subnet.apiServer("snet-api", "10.1.5.0/28")
            Subnet("snet-general", "10.1.6.0/24")
        }
    }

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
        .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
    }

    @Test func cleanEnvironmentHasNoDiagnostics() {
        let env = Environment("clean", location: .eastUS) {
            LogAnalyticsWorkspace("la-clean")
            Self.spoke()
            Self.cluster()
        }
        .diagnostics(to: "la-clean")
        #expect(diagnostics(env).isEmpty)
    }

    // MARK: Networks

    /// The index NET005 asks agrees with a scan over every range, on nested, adjacent and
    /// disjoint ranges and on random ones.
    @Test func rangeIndexAgreesWithAScan() throws {
        let texts = ["10.0.0.0/8", "10.1.0.0/16", "172.16.0.0/24", "172.16.1.0/24", "192.168.0.0/30", "0.0.0.0/32"]
        let ranges = texts.compactMap { CIDR(parsing: $0) }
        let index = RangeIndex(ranges)
        var state: UInt64 = 42
        var queries = [
            "10.2.3.0/24", "172.16.0.255/32", "172.16.2.0/24", "11.0.0.0/8", "0.0.0.0/0", "255.255.255.255/32",
        ]
        .compactMap { CIDR(parsing: $0) }
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            queries.append(CIDR(address: UInt32(truncatingIfNeeded: state >> 32), length: Int(state >> 27 & 31) + 1))
        }
        for query in queries {
            #expect(index.overlapsAny(query) == ranges.contains { $0.overlaps(query) }, "\(query)")
        }
        #expect(!RangeIndex([]).overlapsAny(ranges[0]))
    }

    @Test func net001MalformedCIDRAndHostBits() throws {
        let env = Environment("net001", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("bad", "10.1.0/22")  // ⟵ NET001-a
                Subnet.nodes("hostbits", "10.1.4.1/24")  // ⟵ NET001-b
            }
        }
        let found = diagnostics(env).filter { $0.code == "NET001" }
        #expect(found.count == 2)
        #expect(found[0].message == "subnet 'bad': '10.1.0/22' is not an IPv4 CIDR")
        #expect(found[0].site.line == Self.line("NET001-a"))
        #expect(found[1].message == "subnet 'hostbits': '10.1.4.1/24' has host bits set")
        #expect(found[1].note == "use the network address 10.1.4.0/24")
        #expect(found[1].site.line == Self.line("NET001-b"))
    }

    @Test func net002SubnetOutsideItsVNet() throws {
        let env = Environment("net002", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.2.0.0/22")  // ⟵ NET002
            }
        }
        let found = try single("NET002", in: diagnostics(env))
        #expect(found.message == "subnet 'snet-nodes' 10.2.0.0/22 is outside VNet 'vnet-spoke' 10.1.0.0/16")
        #expect(found.site.line == Self.line("NET002"))
        // The column of the call's `(`: `Subnet.nodes(` starts at column 17.
        #expect(found.site.column == 29)
    }

    @Test func net003OverlappingSubnets() throws {
        let env = Environment("net003", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.1.3.0/28")  // ⟵ NET003
            }
        }
        let found = try single("NET003", in: diagnostics(env))
        #expect(
            found.message
                == "subnet 'snet-endpoints' 10.1.3.0/28 overlaps subnet 'snet-nodes' 10.1.0.0/22 in VNet 'vnet-spoke'")
        #expect(found.site.line == Self.line("NET003"))
    }

    @Test func net004OverlapsAcrossPeeredVNetsAndEnvironments() throws {
        let env = Environment("net004", location: .eastUS) {
            HubNetwork("hub", addressSpace: "10.240.0.0/24") { Subnet.azureFirewall("10.240.0.0/26") }
            SpokeNetwork("aks", addressSpace: "10.240.0.0/16") {  // ⟵ NET004
                Subnet.nodes("snet-nodes", "10.240.4.0/22")
            }
        }
        let other = Environment("other", location: .eastUS) {
            SpokeNetwork("other-spoke", addressSpace: "10.240.128.0/17") {  // ⟵ NET004-b
                Subnet.nodes("snet-nodes", "10.240.128.0/22")
            }
        }
        let found = diagnostics(env, other).filter { $0.code == "NET004" }
        #expect(found.count == 2)
        #expect(found[0].message == "spoke 'aks' 10.240.0.0/16 overlaps hub 'hub' 10.240.0.0/24")
        #expect(found[0].site.line == Self.line("NET004"))
        #expect(
            found[1].message
                == "spoke 'other-spoke' 10.240.128.0/17 overlaps spoke 'aks' 10.240.0.0/16 of environment 'net004'")
        #expect(found[1].site.line == Self.line("NET004-b"))
    }

    @Test func net005PodOrServiceRangeOverlapsAVNet() throws {
        let env = Environment("net005", location: .eastUS) {
            Self.spoke()
            Self.cluster()
                .network(  // ⟵ NET005
                    .azureCNIOverlay(podCIDR: "10.1.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
        }
        let found = diagnostics(env).filter { $0.code == "NET005" }
        #expect(found.first?.message == "pod CIDR 10.1.0.0/16 of cluster 'aks' overlaps VNet 'vnet-spoke' 10.1.0.0/16")
        #expect(found.first?.site.line == Self.line("NET005"))
        let both = diagnostics(
            Environment("net005b", location: .eastUS) {
                Self.spoke()
                Self.cluster().network(
                    .azureCNIOverlay(
                        podCIDR: "172.16.0.0/12", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
            })
        #expect(
            both.contains {
                $0.message == "pod CIDR 172.16.0.0/12 and service CIDR 172.16.0.0/16 of cluster 'aks' overlap"
            })
    }

    @Test func net006DNSServiceIPOutsideTheServiceRange() throws {
        let env = Environment("net006", location: .eastUS) {
            Self.spoke()
            Self.cluster()
                .network(  // ⟵ NET006
                    .azureCNIOverlay(
                        podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.17.0.10"))
        }
        let found = try single("NET006", in: diagnostics(env))
        #expect(
            found.message
                == "dnsServiceIP '172.17.0.10' of cluster 'aks' is not a usable address of the service CIDR 172.16.0.0/16"
        )
        #expect(found.site.line == Self.line("NET006"))
    }

    @Test func net007And008ReservedSubnetSizes() throws {
        let env = Environment("net007", location: .eastUS) {
            HubNetwork("hub", addressSpace: "10.1.0.0/24") {
                Subnet.azureFirewall("10.1.0.0/27")  // ⟵ NET007
                Subnet.azureBastion("10.1.0.64/26")
                Subnet.gateway("10.1.0.128/28")  // ⟵ NET008
            }
        }
        let found = diagnostics(env)
        let net007 = try single("NET007", in: found)
        #expect(net007.message == "AzureFirewallSubnet 10.1.0.0/27 is smaller than the /26 Azure requires")
        #expect(net007.site.line == Self.line("NET007"))
        let net008 = try single("NET008", in: found)
        #expect(net008.severity == .warning)
        #expect(net008.message == "GatewaySubnet 10.1.0.128/28 is smaller than the recommended /27")
        #expect(net008.site.line == Self.line("NET008"))
    }

    @Test func net009SubnetCapacity() throws {
        let env = Environment("net009", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/24")
            }
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...6).maxPods(31)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))  // ⟵ NET009
            .network(.azureCNI(serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10", outbound: .loadBalancer))
        }
        let found = try single("NET009", in: diagnostics(env))
        // (6 nodes + 2 surge) × (31 pods + 1) + 5 reserved = 261 > 256.
        #expect(
            found.message
                == "subnet 'snet-nodes' 10.1.0.0/24 has 256 addresses but its node pools need 261 (aks/system 8×32 + 5 reserved)"
        )
        #expect(found.site.line == Self.line("NET009"))
    }

    @Test func net009ComputesTheBaselineFormula() {
        func need(_ maxCount: Int, _ maxPods: Int, overlay: Bool, surge: String = "33%") -> Bool {
            let env = Environment("capacity", location: .eastUS) {
                SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") { Subnet.nodes("snet-nodes", "10.1.0.0/24") }
                AKSCluster("aks", kubernetesVersion: "1.34.2") {
                    NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...maxCount).maxPods(maxPods)
                        .maxSurge(surge)
                }
                .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
                .network(
                    overlay
                        ? .azureCNIOverlay(
                            podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                            outbound: .loadBalancer)
                        : .azureCNI(serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10", outbound: .loadBalancer)
                )
            }
            return Validator.validate([env.resolved()]).contains { $0.code == "NET009" }
        }
        // (6 + 2) × 31 + 5 = 253 ≤ 256; (6 + 2) × 32 + 5 = 261 > 256.
        #expect(!need(6, 30, overlay: false))
        #expect(need(6, 31, overlay: false))
        // A count surge: (7 + 1) × 31 + 5 = 253.
        #expect(!need(7, 30, overlay: false, surge: "1"))
        // Overlay: one address per node. (190 + 63) + 5 = 258 > 256; (189 + 63) + 5 = 257 > 256; 188 + 63 + 5 = 256.
        #expect(need(190, 110, overlay: true))
        #expect(!need(188, 110, overlay: true))
    }

    @Test func net011SecondHub() throws {
        let env = Environment("net011", location: .eastUS) {
            HubNetwork("hub-a", addressSpace: "10.1.0.0/24") { Subnet.azureFirewall("10.1.0.0/26") }
            HubNetwork("hub-b", addressSpace: "10.2.0.0/24") { Subnet.azureFirewall("10.2.0.0/26") }  // ⟵ NET011
        }
        let found = try single("NET011", in: diagnostics(env))
        #expect(found.message == "environment 'net011' declares a second hub 'hub-b'")
        #expect(found.site.line == Self.line("NET011"))
    }

    // MARK: Names

    @Test func env001DuplicateEnvironmentNames() throws {
        let first = Environment("twin", location: .eastUS) {}
        let second = Environment("twin", location: .eastUS) {}  // ⟵ ENV001
        let found = try single("ENV001", in: diagnostics(first, second))
        #expect(found.site.line == Self.line("ENV001"))
        #expect(found.message.hasPrefix("environment 'twin' is declared twice (first at "))
    }

    @Test func env002InvalidEnvironmentName() throws {
        let env = Environment("prod/eu", location: .eastUS) {}  // ⟵ ENV002
        let found = try single("ENV002", in: diagnostics(env))
        #expect(found.message == "environment name 'prod/eu' is not a valid folder name")
        #expect(found.site.line == Self.line("ENV002"))
    }

    @Test func nam001AzureNamingRules() throws {
        let env = Environment("nam001", location: .eastUS) {
            ContainerRegistry("acr-with-dashes")  // ⟵ NAM001-registry
            Self.spoke()
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("System_Pool", vmSize: .standardD2dV5, autoscale: 1...3)  // ⟵ NAM001-pool
            }
            .nodes(in: .spoke("vnet-spoke", "snet-nodes"))
            .network(
                .azureCNIOverlay(
                    podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                    outbound: .loadBalancer)
            )
            .keyVault(  // ⟵ NAM001-vault
                "kv-this-base-name-is-too-long", privateEndpointIn: .spoke("vnet-spoke", "snet-endpoints"))
        }
        let found = diagnostics(env).filter { $0.code == "NAM001" }
        #expect(found.count == 3)
        #expect(
            found.contains {
                $0.message
                    == "registry name 'acr-with-dashes' is invalid: registry names are 5–50 letters and digits including the 13-character suffix"
                    && $0.site.line == Self.line("NAM001-registry")
            })
        #expect(
            found.contains {
                $0.message.hasPrefix("node pool name 'System_Pool' is invalid")
                    && $0.site.line == Self.line("NAM001-pool")
            })
        #expect(
            found.contains {
                $0.message.hasPrefix("Key Vault name 'kv-this-base-name-is-too-long' is invalid")
                    && $0.site.line == Self.line("NAM001-vault")
            })
    }

    @Test func nam002DuplicateNamesInAScope() throws {
        let env = Environment("nam002", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
                Subnet("SNET-NODES", "10.1.4.0/24")  // ⟵ NAM002
            }
        }
        let found = try single("NAM002", in: diagnostics(env))
        #expect(found.message == "subnet 'SNET-NODES' is declared twice in VNet 'vnet-spoke'")
        #expect(found.site.line == Self.line("NAM002"))
    }

    @Test func nam003LiteralGlobalNameIsAWarningThatCanBeSuppressed() throws {
        let env = Environment("nam003", location: .eastUS) {
            ContainerRegistry("acrliteral01").literalName()  // ⟵ NAM003
        }
        let found = try single("NAM003", in: diagnostics(env))
        #expect(found.severity == .warning)
        #expect(found.site.line == Self.line("NAM003"))
        let suppressed = Environment("nam003b", location: .eastUS) {
            ContainerRegistry("acrliteral01").literalName().suppress(
                "NAM003", because: "migrated registry keeps its name")
        }
        #expect(diagnostics(suppressed).isEmpty)
    }

    // MARK: References

    @Test func ref001DanglingReferencesAtTheModifierLine() throws {
        let env = Environment("ref001", location: .eastUS) {
            Self.spoke()
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .nodes(in: .spoke("vnet-spoke", "snet-missing"))  // ⟵ REF001-subnet
            .network(
                .azureCNIOverlay(
                    podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10",
                    outbound: .loadBalancer)
            )
            .pullsImages(from: "acrmissing")  // ⟵ REF001-registry
            .monitoring(to: "la-missing")  // ⟵ REF001-workspace
        }
        // A near miss gets a suggestion; a name far from every declared one does not.
        let typo = Environment("ref001", location: .eastUS) {
            LogAnalyticsWorkspace("la-platform")
            Self.spoke()
            Self.cluster().monitoring(to: "la-platfrom")
        }
        #expect(
            diagnostics(typo).first { $0.code == "REF001" }?.message
                == "workspace 'la-platfrom' is not declared in environment 'ref001'; did you mean 'la-platform'?")
        let subnetTypo = Environment("ref001", location: .eastUS) {
            Self.spoke()
            Self.cluster().nodes(in: .spoke("vnet-spoke", "snet-node"))
        }
        #expect(
            diagnostics(subnetTypo).first { $0.code == "REF001" }?.message
                == "subnet 'vnet-spoke/snet-node' is not declared in environment 'ref001'; did you mean 'vnet-spoke/snet-nodes'?"
        )
        let found = diagnostics(env).filter { $0.code == "REF001" }
        #expect(found.count == 3)
        #expect(
            found.contains {
                $0.message == "subnet 'vnet-spoke/snet-missing' is not declared in environment 'ref001'"
                    && $0.site.line == Self.line("REF001-subnet")
            })
        #expect(
            found.contains {
                $0.message == "registry 'acrmissing' is not declared in environment 'ref001'"
                    && $0.site.line == Self.line("REF001-registry")
            })
        #expect(
            found.contains {
                $0.message == "workspace 'la-missing' is not declared in environment 'ref001'"
                    && $0.site.line == Self.line("REF001-workspace")
            })
    }

    @Test func ref002EndpointInANonEndpointSubnet() throws {
        let env = Environment("ref002", location: .eastUS) {
            Self.spoke()
            ContainerRegistry("acrref").privateEndpoint(in: .spoke("vnet-spoke", "snet-general"))  // ⟵ REF002
        }
        let found = try single("REF002", in: diagnostics(env))
        #expect(
            found.message
                == "the private endpoint of registry 'acrref' is placed in subnet 'snet-general', which is not meant for endpoints"
        )
        #expect(found.site.line == Self.line("REF002"))
    }

    // MARK: Registry

    @Test func acr001PrivateEndpointNeedsPremium() throws {
        let env = Environment("acr001", location: .eastUS) {
            Self.spoke()
            ContainerRegistry("acrbasic").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
                .sku(.standard)  // ⟵ ACR001
        }
        let found = try single("ACR001", in: diagnostics(env))
        #expect(found.message == "registry 'acrbasic' has a private endpoint but its SKU is Standard, not Premium")
        #expect(found.site.line == Self.line("ACR001"))
    }

    @Test func acr002PublicAccessNextToAnEndpoint() throws {
        let env = Environment("acr002", location: .eastUS) {
            Self.spoke()
            ContainerRegistry("acrpublic").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
                .publicNetworkAccess(true)  // ⟵ ACR002
        }
        let found = try single("ACR002", in: diagnostics(env))
        #expect(found.severity == .warning)
        #expect(found.message == "registry 'acrpublic' keeps public network access next to its private endpoint")
        #expect(found.site.line == Self.line("ACR002"))
    }

    // MARK: AKS

    @Test func aks001And002KubernetesVersions() throws {
        let malformed = Environment("aks001", location: .eastUS) {
            Self.spoke()
            AKSCluster("aks", kubernetesVersion: "latest") {  // ⟵ AKS001
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
        }
        let aks001 = try single("AKS001", in: diagnostics(malformed))
        #expect(aks001.message == "'latest' is not a Kubernetes version (cluster 'aks')")
        #expect(aks001.site.line == Self.line("AKS001"))
        let old = Environment("aks002", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.27.3") {  // ⟵ AKS002
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
        }
        let aks002 = try single("AKS002", in: diagnostics(old))
        #expect(aks002.severity == .warning)
        #expect(aks002.message.hasPrefix("Kubernetes 1.27.3 of cluster 'aks' is outside the supported minors"))
        #expect(aks002.site.line == Self.line("AKS002"))
    }

    @Test func aks003NoSystemPool() throws {
        let env = Environment("aks003", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {  // ⟵ AKS003
                NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...3)
            }
        }
        let found = try single("AKS003", in: diagnostics(env))
        #expect(found.message == "cluster 'aks' has no system node pool")
        #expect(found.site.line == Self.line("AKS003"))
    }

    @Test func aks004AutoscaleBoundsOutOfOrder() throws {
        let env = Environment("aks004", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, minCount: 5, maxCount: 2)  // ⟵ AKS004
            }
        }
        let found = try single("AKS004", in: diagnostics(env))
        #expect(found.message == "node pool 'system' autoscales from 5 to 2, which is out of order or range")
        #expect(found.site.line == Self.line("AKS004"))
    }

    @Test func aks005MalformedMaxSurge() throws {
        let env = Environment("aks005", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                    .maxSurge("a third")  // ⟵ AKS005
            }
        }
        let found = try single("AKS005", in: diagnostics(env))
        #expect(found.message == "maxSurge 'a third' of node pool 'system' is malformed")
        #expect(found.site.line == Self.line("AKS005"))
    }

    @Test func aks006UserDefinedRoutingWithoutAFirewall() throws {
        let env = Environment("aks006", location: .eastUS) {
            Self.spoke()
            Self.cluster()
                .network(  // ⟵ AKS006
                    .azureCNIOverlay(
                        podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
        }
        let found = try single("AKS006", in: diagnostics(env))
        #expect(
            found.message
                == "cluster 'aks' egresses through userDefinedRouting but subnet 'snet-nodes' has no route to a firewall"
        )
        #expect(found.site.line == Self.line("AKS006"))
    }

    @Test func aks007PrivateAPIServerWithoutItsSubnet() throws {
        let env = Environment("aks007", location: .eastUS) {
            Self.spoke()
            Self.cluster().privateAPIServer(in: .spoke("vnet-spoke", "snet-general"))  // ⟵ AKS007
        }
        let found = try single("AKS007", in: diagnostics(env))
        #expect(found.message == "the private API server of cluster 'aks' has no subnet delegated to managed clusters")
        #expect(found.site.line == Self.line("AKS007"))
    }

    @Test func aks008And009Authentication() throws {
        let locked = Environment("aks008", location: .eastUS) {
            Self.spoke()
            Self.cluster().entraIDIntegration(false)  // ⟵ AKS008
        }
        let aks008 = try single("AKS008", in: diagnostics(locked))
        #expect(
            aks008.message
                == "cluster 'aks' disables local accounts without Entra ID integration, so nobody can sign in")
        #expect(aks008.site.line == Self.line("AKS008"))
        let open = Environment("aks009", location: .eastUS) {
            Self.spoke()
            Self.cluster().localAccounts(enabled: true)  // ⟵ AKS009
        }
        let aks009 = try single("AKS009", in: diagnostics(open))
        #expect(aks009.severity == .warning)
        #expect(aks009.message == "cluster 'aks' leaves local accounts enabled")
        #expect(aks009.site.line == Self.line("AKS009"))
    }

    // MARK: Flux

    static func flux(_ kustomizations: [Kustomization]) -> Environment {
        Environment("flux", location: .eastUS) {
            Self.spoke()
            Self.cluster().gitOps(FluxConfiguration(repository: "https://github.com/contoso/apps") { kustomizations })
        }
    }

    @Test func flx001UnknownDependency() throws {
        let env = Self.flux([Kustomization("apps").dependsOn("infra")])  // ⟵ FLX001
        let found = try single("FLX001", in: diagnostics(env))
        #expect(found.message == "kustomization 'apps' depends on 'infra', which cluster 'aks' does not declare")
        #expect(found.site.line == Self.line("FLX001"))
    }

    @Test func flx002DependencyCycle() throws {
        let env = Self.flux([
            Kustomization("a").dependsOn("b"),  // ⟵ FLX002
            Kustomization("b").dependsOn("c"),
            Kustomization("c").dependsOn("a"),
        ])
        let found = try single("FLX002", in: diagnostics(env))
        #expect(found.message == "kustomizations of cluster 'aks' depend on each other in a cycle: a → b → c → a")
        #expect(found.site.line == Self.line("FLX002"))
    }

    @Test func flx003PathOutsideTheRepository() throws {
        let env = Self.flux([Kustomization("apps").externalPath("../other-repo/apps")])  // ⟵ FLX003
        let found = try single("FLX003", in: diagnostics(env))
        #expect(found.message == "kustomization 'apps' has path '../other-repo/apps', which is not a repository path")
        #expect(found.site.line == Self.line("FLX003"))
    }

    @Test func flx004MalformedInterval() throws {
        let env = Self.flux([Kustomization("apps").interval("ten minutes")])  // ⟵ FLX004
        let found = try single("FLX004", in: diagnostics(env))
        #expect(found.message == "kustomization 'apps' has a malformed interval 'ten minutes'")
        #expect(found.site.line == Self.line("FLX004"))
        #expect(diagnostics(Self.flux([Kustomization("apps").interval("1h30m")])).isEmpty)
    }

    @Test func flx005VariableWithoutAValue() throws {
        let env = Self.flux([
            Kustomization("apps") {
                Manifest.configMap(  // ⟵ FLX005
                    "settings", namespace: "apps", data: ["a": "${missing}", "b": "${kept:=x}"])
            }
        ])
        let found = try single("FLX005", in: diagnostics(env))
        #expect(found.message == "ConfigMap 'settings' uses ${missing}, which kustomization 'apps' does not substitute")
        #expect(found.site.line == Self.line("FLX005"))
    }

    // MARK: Secrets and images

    @Test func sec001SecretsNeedAVault() throws {
        let env = Environment("sec001", location: .eastUS) {
            Self.spoke()
            Self.cluster()
                .gitOps(
                    FluxConfiguration(repository: "https://github.com/contoso/private") {  // ⟵ SEC001
                        Kustomization("apps")
                    }
                    .httpsCredentials(user: "git", tokenSecret: "pat"))
        }
        let found = try single("SEC001", in: diagnostics(env))
        #expect(found.message.contains("has no secrets vault"))
        #expect(found.site.line == Self.line("SEC001"))
        let malformed = try single("SEC001", in: diagnostics(env.secrets(fromVault: "kv-bootstrap")))  // ⟵ SEC001-b
        #expect(malformed.message == "secrets vault 'kv-bootstrap' is not a Key Vault resource ID")
        #expect(malformed.site.line == Self.line("SEC001-b"))
    }

    @Test func img001And002ImageSources() throws {
        let pod = Manifest(  // ⟵ IMG001
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
        let env = Environment("img001", location: .eastUS) {
            Self.spoke()
            Self.cluster().gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/apps") {
                    Kustomization("apps") { pod }
                })
        }
        let found = diagnostics(env)
        let img001 = try single("IMG001", in: found)
        #expect(
            img001.message
                == "Pod 'mixed' uses image 'ghcr.io/kubereboot/kured:1.15.0' from outside the environment's registry and the allow-list"
        )
        #expect(img001.site.line == Self.line("IMG001"))
        let img002 = try single("IMG002", in: found)
        #expect(img002.message == "Pod 'mixed' uses the environment's registry but cluster 'aks' pulls from none")
        #expect(diagnostics(env.allowImages(from: ["ghcr.io/kubereboot/"])).map(\.code) == ["IMG002"])
    }

    @Test func sec002NoSecretIsRenderedIntoGit() throws {
        let secret = Manifest(  // ⟵ SEC002
            apiVersion: "v1", kind: "Secret", name: "db", namespace: "apps",
            body: .object(["stringData": .object(["user": "app"])]))
        let settings = Manifest(  // ⟵ SEC002-b
            apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "apps",
            body: .object(["data": .object(["Client_Secret": "s3cr3t", "secretName": "tls-cert", "token": ""])]))
        let env = Environment("sec002", location: .eastUS) {
            Self.spoke()
            Self.cluster().gitOps(
                FluxConfiguration(repository: "https://github.com/contoso/apps") {
                    Kustomization("apps") {
                        secret
                        settings
                    }
                })
        }
        let found = diagnostics(env).filter { $0.code == "SEC002" }
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.severity == .error })
        let error = try #require(found.first { $0.message.contains("renders Secret") })
        #expect(error.message == "kustomization 'apps' of cluster 'aks' renders Secret 'db' into Git")
        #expect(error.site.line == Self.line("SEC002"))
        let configMap = try #require(found.first { $0.message.contains("ConfigMap") })
        #expect(
            configMap.message
                == "ConfigMap 'settings' in kustomization 'apps' of cluster 'aks' holds a literal credential at 'data.Client_Secret', rendered into Git"
        )
        #expect(configMap.site.line == Self.line("SEC002-b"))
        #expect(
            InlineSecretRules.findings(
                in: .object([
                    .init("env", .array([.object([.init("name", "x"), .init("password", "p")])])),
                    .init("apiKey", .expression("k")), .init("keyVaultSecretId", "https://kv/secrets/x"),
                    .init("secretName", "tls"),
                ])
            ).map(\.path)
                == ["env[0].password"])
    }

    /// Credentials by key in `.property` and `RawResource`, and by shape anywhere.
    @Test func sec002CredentialsInOverridesRawResourcesAndByTheirShape() throws {
        let env = Environment("sec", location: .eastUS) {
            Self.spoke()
            Self.cluster()
                .property("properties.linuxProfile.adminPassword", "hunter2")  // ⟵ SEC002-property
                .property("properties.windowsProfile.adminUsername", "azureuser")
            RawResource(  // ⟵ SEC002-raw
                "storage", type: "Microsoft.Web/sites", apiVersion: "2023-12-01", name: "app", in: .registry,
                body: .object([
                    "properties": .object([
                        "siteConfig": .object([
                            "connectionStrings": .array([
                                .object([
                                    "connectionString": "Server=db;User Id=app;Password=p4ss;",
                                    "name": "db",
                                ])
                            ])
                        ])
                    ])
                ]))
        }
        let found = diagnostics(env).filter { $0.code == "SEC002" }
        #expect(found.allSatisfy { $0.severity == .error })
        let property = try #require(found.first { $0.message.contains("adminPassword") })
        #expect(
            property.message
                == "the .property(\"properties.linuxProfile.adminPassword\", …) of cluster 'aks' is a literal credential, rendered into Git"
        )
        #expect(property.site.line == Self.line("SEC002-property"))
        let raw = try #require(found.first { $0.message.contains("raw resource") })
        #expect(raw.site.line == Self.line("SEC002-raw"))
        #expect(found.count == 2, "\(found.map(\.message))")
        // By shape, whatever the key.
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"
        #expect(InlineSecretRules.credentialFinding(in: .string(key)) == "a private key")
        #expect(
            InlineSecretRules.credentialFinding(
                in: .string("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==;EndpointSuffix=x"))
                == "a connection string with a credential")
        #expect(
            InlineSecretRules.credentialFinding(
                in: .string("https://a.blob.core.windows.net/c?sv=2022-11-02&se=2026-01-01&sig=abc%3D"))
                == "a SAS token")
        // Just outside: a connection string without the credential, a public certificate, a URL without a signature.
        #expect(InlineSecretRules.credentialFinding(in: .string("Server=db;Password=;")) == nil)
        #expect(InlineSecretRules.credentialFinding(in: .string("-----BEGIN CERTIFICATE-----\nMII")) == nil)
        #expect(InlineSecretRules.credentialFinding(in: .string("https://a.blob.core.windows.net/c?sv=2022")) == nil)
    }

    // MARK: Output

    @Test func diagnosticsAreFormattedWithANote() {
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

    /// Every code a rule can emit is in the catalogue, and every catalogue code is emitted somewhere.
    @Test func catalogueCoversEveryCode() throws {
        let root = Support.root.appendingPathComponent("Sources")
        var emitted: Set<String> = []
        for folder in ["SlipwayRules", "SlipwayCLI"] {
            for (path, data) in Support.tree(root.appendingPathComponent(folder)) where path.hasSuffix(".swift") {
                if path == "RuleCatalogue.swift" { continue }
                let text = String(decoding: data, as: UTF8.self)
                for match in text.matches(of: /"([A-Z]{3}[0-9]{3})"/) { emitted.insert(String(match.1)) }
            }
        }
        for (_, data) in Support.tree(root.appendingPathComponent("Slipway")) {
            for match in String(decoding: data, as: UTF8.self).matches(of: /"(DSL[0-9]{3})"/) {
                emitted.insert(String(match.1))
            }
        }
        emitted.insert("DSL001")
        emitted.insert("DSL003")
        let catalogued = Set(RuleCatalogue.entries.map(\.code))
        #expect(emitted.subtracting(catalogued).isEmpty, "not catalogued: \(emitted.subtracting(catalogued))")
        #expect(catalogued.subtracting(emitted).isEmpty, "never emitted: \(catalogued.subtracting(emitted))")
    }
}

/// The deploy-ready rules: each at both edges (just inside and just outside the limit) and at the
/// user's line.
@Suite struct DeployReadyRuleTests {
    func diagnostics(_ environments: Environment...) -> [Diagnostic] {
        Validator.validate(environments.map { $0.resolved() })
    }

    func codes(_ environment: Environment) -> [String] { diagnostics(environment).map(\.code) }

    static func hub(firewallSubnet: Bool, bastionSubnet: Bool) -> HubNetwork {
        HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {
            if firewallSubnet { Subnet.azureFirewall("10.0.0.0/26") }
            if bastionSubnet { Subnet.azureBastion("10.0.0.64/26") }
        }
        .firewall("fw-hub")  // ⟵ NET012
        .bastion("ab-hub")  // ⟵ NET013
    }

    @Test func firewallAndBastionNeedTheirSubnets() throws {
        let bare = Environment("hub", location: .eastUS) { Self.hub(firewallSubnet: false, bastionSubnet: false) }
        let found = diagnostics(bare)
        let firewall = try #require(found.first { $0.code == "NET012" })
        #expect(
            firewall.message == "firewall 'fw-hub' needs an AzureFirewallSubnet in hub 'vnet-hub', which declares none")
        #expect(firewall.site.line == RuleTests.line("NET012"))
        let bastion = try #require(found.first { $0.code == "NET013" })
        #expect(bastion.site.line == RuleTests.line("NET013"))
        let complete = Environment("hub", location: .eastUS) { Self.hub(firewallSubnet: true, bastionSubnet: true) }
        #expect(!codes(complete).contains("NET012") && !codes(complete).contains("NET013"))
        let half = Environment("hub", location: .eastUS) { Self.hub(firewallSubnet: true, bastionSubnet: false) }
        #expect(codes(half).filter { $0.hasPrefix("NET01") } == ["NET013"])
    }

    @Test func aHubWorkspaceNeedsAHub() throws {
        let without = Environment("shared", location: .eastUS) {
            LogAnalyticsWorkspace("la-hub", in: .hub)  // ⟵ ENV003
        }
        let found = try #require(diagnostics(without).first { $0.code == "ENV003" })
        #expect(found.site.line == RuleTests.line("ENV003"))
        let with = Environment("shared", location: .eastUS) {
            LogAnalyticsWorkspace("la-hub", in: .hub)
            Self.hub(firewallSubnet: true, bastionSubnet: true)
        }
        #expect(!codes(with).contains("ENV003"))
    }

    /// A spoke with an ingress subnet 10.1.8.0/28: usable addresses .4 to .14.
    static func ingressEnvironment(ip: String, vault: Bool = true, subnetSpoke: String = "vnet-spoke") -> Environment {
        var cluster = RuleTests.cluster()
        if vault { cluster = cluster.keyVault("kv-apps", privateEndpointIn: .spoke("vnet-spoke", "snet-endpoints")) }
        cluster = cluster.ingressController(  // ⟵ AKS013
            domain: "contoso.com", host: "apps", internalLoadBalancerIP: ip,
            subnet: .spoke(subnetSpoke, "snet-ingress"), namespace: "web", serviceAccount: "traefik",
            certificateSecret: "ingress-certificate")
        return Environment("apps", location: .eastUS) {
            SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28")
                Subnet.internalLoadBalancers("snet-ingress", "10.1.8.0/28")
            }
            SpokeNetwork("vnet-other", addressSpace: "10.2.0.0/16") {
                Subnet.internalLoadBalancers("snet-ingress", "10.2.8.0/28")
            }
            cluster
        }
        .secrets(fromVault: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-boot")
    }

    @Test func theIngressControllerNeedsItsVaultAndAUsableAddressOfItsOwnVNet() throws {
        for usable in ["10.1.8.4", "10.1.8.14"] {
            #expect(!codes(Self.ingressEnvironment(ip: usable)).contains("AKS013"), "\(usable)")
        }
        for unusable in ["10.1.8.3", "10.1.8.15", "10.1.9.4", "10.1.8"] {
            let found = diagnostics(Self.ingressEnvironment(ip: unusable)).filter { $0.code == "AKS013" }
            #expect(found.count == 1, "\(unusable)")
            #expect(found.first?.site.line == RuleTests.line("AKS013"))
        }
        let noVault = try #require(
            diagnostics(Self.ingressEnvironment(ip: "10.1.8.4", vault: false)).first { $0.code == "AKS013" })
        #expect(noVault.message.contains("has no Key Vault"))
        let elsewhere = try #require(
            diagnostics(Self.ingressEnvironment(ip: "10.2.8.4", subnetSpoke: "vnet-other")).first {
                $0.code == "AKS013"
            })
        #expect(
            elsewhere.message.contains("its subnet is in 'vnet-other', but the cluster's nodes are in 'vnet-spoke'"))
    }

    @Test func theApplicationGatewayNeedsTheIngressTheVaultAndThePublicIP() throws {
        func gateway(ingress: Bool, publicIP: Bool) -> Environment {
            var spoke = SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
                Subnet.nodes("snet-nodes", "10.1.0.0/22")
                Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28")
                Subnet.internalLoadBalancers("snet-ingress", "10.1.8.0/28")
                Subnet.applicationGateway("snet-gateway", "10.1.9.0/24")
            }
            if publicIP { spoke = spoke.ingressPublicIP("pip-apps") }
            var cluster = RuleTests.cluster()
                .keyVault("kv-apps", privateEndpointIn: .spoke("vnet-spoke", "snet-endpoints"))
            if ingress {
                cluster = cluster.ingressController(
                    domain: "contoso.com", host: "apps", internalLoadBalancerIP: "10.1.8.4",
                    subnet: .spoke("vnet-spoke", "snet-ingress"), namespace: "web", serviceAccount: "traefik",
                    certificateSecret: "ingress-certificate")
            }
            cluster = cluster.applicationGateway(  // ⟵ AKS014
                in: .spoke("vnet-spoke", "snet-gateway"), hostName: "apps.contoso.com",
                listenerCertificateSecret: "listener", trustedBackendCertificateSecret: "backend")
            return Environment("apps", location: .eastUS) {
                spoke
                cluster
            }
            .secrets(fromVault: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-boot")
        }
        #expect(!codes(gateway(ingress: true, publicIP: true)).contains("AKS014"))
        let noIngress = diagnostics(gateway(ingress: false, publicIP: true)).filter { $0.code == "AKS014" }
        #expect(noIngress.map(\.site.line) == [RuleTests.line("AKS014")])
        #expect(noIngress.first?.message.contains("the cluster has none") == true)
        let noAddress = diagnostics(gateway(ingress: true, publicIP: false)).filter { $0.code == "AKS014" }
        #expect(noAddress.first?.message.contains("has no ingress public IP") == true)
    }

    /// WKL013 at its edge: replicas + 1 nodes is enough, one fewer is not.
    @Test func replicasNeedANodeEachAndOneMoreForTheRollout() throws {
        func environment(replicas: Int) -> Environment {
            WorkloadTests.environment([WorkloadTests.web(.pull).replicas(replicas)])  // ⟵ WKL013
        }
        // The apps pool of WorkloadTests.cluster() reaches 4 nodes.
        #expect(!codes(environment(replicas: 3)).contains("WKL013"))
        let found = try #require(diagnostics(environment(replicas: 4)).first { $0.code == "WKL013" })
        #expect(
            found.message
                == "workload 'web' runs 4 replica(s), one per node, and a rolling update adds one more, but the pools of cluster 'aks-apps' that take pods have at most 4 node(s)"
        )
        #expect(found.site.line == RuleTests.line("WKL013"))
    }

    /// AKS010–012: channels, their window, and what AKS accepts for it.
    @Test func upgradeChannelsAndTheirWindow() throws {
        func environment(
            channel: String = "none", nodeOS: String = "NodeImage",
            window: (String, String, Int)? = ("Tuesday", "21:00", 4)
        ) -> Environment {
            var cluster = AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .autoUpgrade(cluster: channel, nodeOS: nodeOS)  // ⟵ AKS010
            if let (day, time, hours) = window {
                cluster = cluster.maintenanceWindow(day, startingAt: time, hours: hours)  // ⟵ AKS012
            }
            return Environment("upgrades", location: .eastUS) { cluster }
        }
        #expect(codes(environment()).filter { $0.hasPrefix("AKS01") }.isEmpty)
        let unscheduled = try #require(diagnostics(environment(window: nil)).first { $0.code == "AKS010" })
        #expect(unscheduled.severity == .warning)
        #expect(unscheduled.site.line == RuleTests.line("AKS010"))
        #expect(unscheduled.message.contains("node OS channel 'NodeImage'"))
        // No channel, no window needed.
        #expect(!codes(environment(nodeOS: "None", window: nil)).contains("AKS010"))
        #expect(codes(environment(channel: "patchy")).contains("AKS011"))
        #expect(codes(environment(nodeOS: "nodeimage")).contains("AKS011"))
        for (day, time, hours) in [("Tuesday", "00:00", 4), ("Sunday", "23:59", 24)] {
            #expect(!codes(environment(window: (day, time, hours))).contains("AKS012"), "\(day) \(time) \(hours)")
        }
        for (day, time, hours) in [
            ("Tuesday", "21:00", 3), ("Tuesday", "21:00", 25), ("Tuesday", "24:00", 4), ("Tuesday", "21:60", 4),
            ("tuesday", "21:00", 4), ("Tuesday", "9:00", 4),
        ] {
            let found = diagnostics(environment(window: (day, time, hours))).filter { $0.code == "AKS012" }
            #expect(found.map(\.site.line) == [RuleTests.line("AKS012")], "\(day) \(time) \(hours)")
        }
    }
}

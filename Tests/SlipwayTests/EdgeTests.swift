import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRules
@testable import SlipwayWriter

/// Limits checked at both edges and in both orders: a rule that looks only one way, or a limit off
/// by one, fails here.
@Suite struct EdgeTests {
    func codes(_ environments: Environment...) -> [String] {
        Validator.validate(environments.map { $0.resolved() }).map(\.code)
    }

    /// NET004 whichever VNet comes first, nested or partly overlapping.
    @Test func overlapsAreFoundInBothOrders() {
        func spoke(_ name: String, _ space: String) -> SpokeNetwork {
            SpokeNetwork(name, addressSpace: space) { Subnet("snet", String(space)) }
        }
        for (a, b) in [
            ("10.0.0.0/16", "10.0.128.0/17"), ("10.0.0.0/16", "10.0.255.0/24"), ("10.0.0.0/8", "10.1.0.0/16"),
        ] {
            for (first, second) in [(a, b), (b, a)] {
                let env = Environment("overlap", location: .eastUS) {
                    spoke("vnet-a", first)
                    spoke("vnet-b", second)
                }
                #expect(codes(env).filter { $0 == "NET004" }.count == 1, "\(first) then \(second)")
            }
        }
        // Adjacent ranges do not overlap.
        let adjacent = Environment("adjacent", location: .eastUS) {
            spoke("vnet-a", "10.0.0.0/17")
            spoke("vnet-b", "10.0.128.0/17")
        }
        #expect(!codes(adjacent).contains("NET004"))
    }

    /// NET007: AzureBastionSubnet and AzureFirewallSubnet need a /26: a /26 passes, a /27 does not.
    @Test func reservedSubnetsAtTheirMinimum() {
        for (bastion, firewall, expected) in [
            ("10.0.0.64/26", "10.0.0.0/26", 0), ("10.0.0.64/27", "10.0.0.0/26", 1), ("10.0.0.64/26", "10.0.0.0/27", 1),
        ] {
            let env = Environment("reserved", location: .eastUS) {
                HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {
                    Subnet.azureFirewall(firewall)
                    Subnet.azureBastion(bastion)
                }
            }
            #expect(codes(env).filter { $0 == "NET007" }.count == expected, "\(bastion) \(firewall)")
        }
    }

    /// NAM001: a managed cluster's name is at most 40 characters here (its DNS prefix and node
    /// resource group are built from it).
    @Test func clusterNamesAtTheirLengthLimit() {
        func environment(_ name: String) -> Environment {
            Environment("names", location: .eastUS) {
                AKSCluster(name, kubernetesVersion: "1.34.2") {
                    NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
                }
            }
        }
        #expect(!codes(environment(String(repeating: "a", count: 40))).contains("NAM001"))
        #expect(codes(environment(String(repeating: "a", count: 41))).contains("NAM001"))
        #expect(codes(environment("-aks")).contains("NAM001"))
    }

    /// AtomicFile replaces a file by renaming a new one over it: a reader that opened the old file
    /// keeps the old bytes, the new file is whole, and nothing is left beside it.
    @Test func singleFileWritesAreAtomic() throws {
        let folder = Support.temporaryDirectory()
        let target = folder.appendingPathComponent("file.yml")
        try AtomicFile.write("old content\n", to: target)
        let reader = try FileHandle(forReadingFrom: target)
        defer { try? reader.close() }
        let before = try FileManager.default.attributesOfItem(atPath: target.path)[.systemFileNumber] as? UInt64
        try AtomicFile.write("new content, longer than the old\n", to: target)
        let after = try FileManager.default.attributesOfItem(atPath: target.path)[.systemFileNumber] as? UInt64
        #expect(before != after, "written in place")
        #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == "old content\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "new content, longer than the old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file.yml"])
    }
}

import SlipwayModel
import Testing

@testable import Slipway

/// The lookups on the resolved model that rules and renderers share.
@Suite struct LookupTests {
    static func spoke(_ name: String, hub: String?) -> SpokeNetwork {
        let spoke = SpokeNetwork(name, addressSpace: "10.1.0.0/16") { Subnet.nodes("snet-nodes", "10.1.0.0/22") }
        return hub.map { spoke.peered(with: Ref($0)) } ?? spoke
    }

    @Test func aSpokePeersWithTheHubItNamesOrTheOnlyOne() throws {
        var env = Environment("lookups", location: .eastUS)
        env.add(
            HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") { Subnet.azureFirewall("10.0.0.0/26") }.firewall("fw"))
        env.add(ExistingHub("vnet-other", addressSpace: "10.9.0.0/24", firewall: nil, resourceGroup: "rg-other"))
        env.add(Self.spoke("vnet-default", hub: nil))
        env.add(Self.spoke("vnet-other-peer", hub: "vnet-other"))
        env.add(Self.spoke("vnet-lost", hub: "vnet-missing"))
        let model = env.resolved()
        let defaultSpoke = try #require(model.spoke(named: "vnet-default"))
        let otherSpoke = try #require(model.spoke(named: "vnet-other-peer"))
        let lostSpoke = try #require(model.spoke(named: "vnet-lost"))
        let own = try #require(model.peeredHub(of: defaultSpoke))
        #expect(own.name == "vnet-hub" && own.hasFirewall && own.resourceGroup.name == "rg-lookups-hub")
        let other = try #require(model.peeredHub(of: otherSpoke))
        #expect(other.name == "vnet-other" && !other.hasFirewall && other.addressSpace == "10.9.0.0/24")
        #expect(model.peeredHub(of: lostSpoke) == nil)
        #expect(model.spoke(named: "vnet-nowhere") == nil)
        let reference = SubnetReference(spoke: "vnet-default", subnet: "snet-nodes")
        #expect(model.subnet(reference)?.prefix == "10.1.0.0/22")
        #expect(model.subnet(SubnetReference(spoke: "vnet-default", subnet: "snet-none")) == nil)
    }
}

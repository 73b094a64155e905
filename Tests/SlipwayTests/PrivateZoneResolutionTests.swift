import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// A spoke that resolves through the hub firewall's DNS proxy sees a private zone only when the
/// zone is linked to the hub VNet, where the proxy asks Azure DNS.
@Suite struct PrivateZoneResolutionTests {
    static func environment(throughHub: Bool) -> EnvironmentModel {
        var spoke = SpokeNetwork("vnet-spoke", addressSpace: "10.240.0.0/16") {
            Subnet.nodes("snet-nodes", "10.240.0.0/22")
            Subnet.privateEndpoints("snet-endpoints", "10.240.5.0/28")
        }
        if throughHub { spoke = spoke.dnsThroughHubFirewall() }
        return Environment("dns", location: .eastUS2) {
            LogAnalyticsWorkspace("la-dns")
            HubNetwork("vnet-hub", addressSpace: "10.200.0.0/24") {
                Subnet.azureFirewall("10.200.0.0/26")
            }
            .firewall("fw-dns")
            spoke
            ContainerRegistry("acrdns").privateEndpoint(in: .spoke("vnet-spoke", "snet-endpoints"))
        }
        .diagnostics(to: "la-dns").resolved()
    }

    @Test func theRegistryZoneIsLinkedToTheHubWhenTheSpokeResolvesThere() throws {
        for throughHub in [true, false] {
            let model = Self.environment(throughHub: throughHub)
            #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
            let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
            let registry = try #require(files["registry.bicep"])
            #expect(registry.contains("  name: 'to_vnet-spoke'\n"))
            #expect(registry.contains("  name: 'to_vnet-hub'\n") == throughHub, "\(throughHub)")
        }
    }

    @Test func net017RefusesResolvingThroughAHubOfAnotherEnvironment() {
        let owner = Self.environment(throughHub: false)
        let guest = Environment("guest", location: .eastUS2) {
            LogAnalyticsWorkspace("la-guest")
            ExistingHub("vnet-hub", addressSpace: "10.200.0.0/24", firewall: "fw-dns", resourceGroup: "rg-dns-hub")
            SpokeNetwork("vnet-guest", addressSpace: "10.241.0.0/16") {
                Subnet.nodes("snet-nodes", "10.241.0.0/22")
            }
            .dnsThroughHubFirewall()
        }
        .diagnostics(to: "la-guest").resolved()
        #expect(
            Validator.validate([owner, guest]).filter { $0.code == "NET017" }.map(\.message) == [
                "spoke 'vnet-guest' resolves DNS through hub 'vnet-hub', which environment 'guest' does not declare; its private DNS zones would need links to that hub, where the hub's own environment links zones of the same names"
            ])
    }
}

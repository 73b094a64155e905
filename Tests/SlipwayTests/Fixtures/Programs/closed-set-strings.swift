// Closed sets are enums: a string where one is expected does not compile, and swiftc names the
// line. (Before, `.privateEndpointNetworkPolicies("Off")` compiled and NET010 reported it.)
import Slipway

var env = Environment("closed-sets", location: .eastUS)
env.add(ContainerRegistry("acrclosed").sku("Basic"))
env.add(
    SpokeNetwork("vnet-spoke", addressSpace: "10.1.0.0/16") {
        Subnet.privateEndpoints("snet-endpoints", "10.1.4.0/28").privateEndpointNetworkPolicies("Off")
    })
let network = ClusterNetwork.azureCNI(serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10", outbound: "nat")
Slipway.emit(env)

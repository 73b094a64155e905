import Slipway

func spokeOctets() -> [Int] { [240, 241] }

let octets = spokeOctets()
let env = Environment("traps", location: .eastUS) {
    SpokeNetwork("vnet-spoke", addressSpace: "10.\(octets[5]).0.0/16") {
        Subnet.nodes("snet-nodes", "10.240.0.0/22")
    }
}
Slipway.emit(env)

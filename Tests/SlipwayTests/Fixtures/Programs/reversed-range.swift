// A reversed autoscale range traps in Swift itself; slipway points at it with a hint.
import Slipway

let env = Environment("reversed", location: .eastUS) {
    AKSCluster("aks", kubernetesVersion: "1.34.2") {
        NodePool.system("system", vmSize: .standardD2dV5, autoscale: 5...2)
    }
}
Slipway.emit(env)

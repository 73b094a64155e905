import Slipway

let env = Environment("forgotten", location: .eastUS) {
    LogAnalyticsWorkspace("la-forgotten")
}
print("described \(env) but never handed it over")

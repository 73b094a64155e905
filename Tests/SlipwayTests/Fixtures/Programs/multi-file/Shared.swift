import Slipway

func makeEnvironment(_ name: String) -> Environment {
    Environment(name, location: .northEurope) {
        LogAnalyticsWorkspace("la-\(name)")
    }
    .diagnostics(to: "la-\(name)")
}

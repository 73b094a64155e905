// Renders, with exactly one warning: a registry that keeps a literal (global) name.
import Slipway

let env = Environment("warned", location: .westEurope) {
    LogAnalyticsWorkspace("la-warned")
    ContainerRegistry("acrwarned01").literalName()
}
.diagnostics(to: "la-warned")

Slipway.emit(env)

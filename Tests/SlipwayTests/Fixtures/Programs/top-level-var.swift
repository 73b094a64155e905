// Ordinary script code: a top-level `var` used inside a helper function. Swift 6 language mode
// rejects this; Slipway compiles DSL files in Swift 5 mode so it works.
import Slipway

var workspaceCount = 0

func workspace(_ name: String) -> LogAnalyticsWorkspace {
    workspaceCount += 1
    return LogAnalyticsWorkspace("\(name)-\(workspaceCount)")
}

let env = Environment("script", location: .westEurope) {
    workspace("la-script")
    workspace("la-script")
}
.diagnostics(to: "la-script-1")

Slipway.emit(env)

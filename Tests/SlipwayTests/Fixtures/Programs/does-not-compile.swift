import Slipway

let broken = Environment("broken", location: .eastUS) {
    LogAnalyticsWorkspace(42)
}
Slipway.emit(broken)

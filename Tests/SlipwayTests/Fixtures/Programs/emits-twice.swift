import Slipway

let env = Environment("twice", location: .eastUS) {
    LogAnalyticsWorkspace("la-twice")
}
Slipway.emit(env)
Slipway.emit(env)

// A DSL program that never ends: slipway stops it at --timeout, or when slipway is told to stop.
import Slipway

var spins = 0
while spins >= 0 { spins = (spins + 1) % 1000 }
Slipway.emit(Environment("never", location: .eastUS) {})

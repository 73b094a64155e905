import Slipway

Slipway.emit(makeEnvironment("multi"))

// An environment with nothing in it: a warning, not a silent empty deploy.sh.
import Slipway

Slipway.emit(Environment("empty", location: .eastUS) {})

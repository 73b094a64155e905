// A DSL file that reaches for the model behind the DSL: none of these names is visible to it.
import Slipway

let encoder = CompactEncoder()
let slots = ParallelSlots<Int>.self
let versions = APIVersions.table
let model: EnvironmentModel? = nil
let location = SourceLocation(fileID: "a", filePath: "b", line: 1, column: 1)

Slipway.emit(Environment("x", location: .eastUS))

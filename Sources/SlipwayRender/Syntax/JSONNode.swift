import SlipwayModel

/// A JSON document for ``JSONPrinter``: plain values, objects of nodes in the order given, and
/// flattened property objects that sort and print their own entries.
enum JSONNode {
    case value(Value)
    case object([(key: String, node: JSONNode)])
    case flattened(FlattenedObject)

    /// An object of `nodes` sorted by key.
    static func sortedObject(_ nodes: [String: JSONNode]) -> JSONNode {
        .object(nodes.sorted { $0.key < $1.key }.map { (key: $0.key, node: $0.value) })
    }
}

/// A live resource as `az resource show` returns it, flattened to the paths `slipway-model.json`
/// uses: `properties.a.b`, `[name]` for array items with a name, `[index]` otherwise, and empty
/// objects and arrays as values.
enum LiveResource {
    /// The top-level keys Slipway's templates can set; the rest (`id`, `etag`, `systemData`,
    /// `provisioningState` under properties is kept) is Azure's bookkeeping.
    static let declaredKeys: Set<String> = [
        "name", "location", "tags", "sku", "identity", "kind", "zones", "properties", "extendedLocation",
    ]

    static func flatten(_ resource: [String: Any]) -> [String: Any] {
        var flat: [String: Any] = [:]
        for (key, value) in resource where declaredKeys.contains(key) {
            flatten(value, at: key, into: &flat)
        }
        return flat
    }

    static func flatten(_ value: Any, at path: String, into flat: inout [String: Any]) {
        if let object = value as? [String: Any], !object.isEmpty {
            for (key, item) in object { flatten(item, at: "\(path).\(key)", into: &flat) }
        } else if let array = value as? [Any], !array.isEmpty {
            for (index, item) in array.enumerated() {
                let name = (item as? [String: Any])?["name"] as? String
                flatten(item, at: "\(path)[\(name ?? String(index))]", into: &flat)
            }
        } else {
            flat[path] = value
        }
    }
}

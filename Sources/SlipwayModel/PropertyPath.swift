/// The path of a `.property(path, value)` override: dotted keys, where a key may select one item of
/// an array by its name, `properties.agentPoolProfiles[name=apps].maxPods`.
public struct PropertyPath: Hashable, Sendable, CustomStringConvertible {
    public struct Segment: Hashable, Sendable {
        public var key: String
        /// `[name=…]`: the array item with this `name`.
        public var itemName: String?

        public init(key: String, itemName: String? = nil) {
            self.key = key
            self.itemName = itemName
        }
    }

    public var segments: [Segment]

    /// Parses `text`; nil when it is malformed (an empty key, an unclosed or unknown selector).
    /// Only `[name=…]` selects: every array Slipway renders names its items.
    public init?(_ text: String) {
        var segments: [Segment] = []
        var rest = text[...]
        while true {
            let key = rest.prefix { $0 != "." && $0 != "[" }
            guard !key.isEmpty else { return nil }
            rest = rest.dropFirst(key.count)
            var segment = Segment(key: String(key))
            if rest.first == "[" {
                guard rest.hasPrefix("[name="), let close = rest.firstIndex(of: "]") else { return nil }
                let name = rest[rest.index(rest.startIndex, offsetBy: 6)..<close]
                guard !name.isEmpty else { return nil }
                segment.itemName = String(name)
                rest = rest[rest.index(after: close)...]
            }
            segments.append(segment)
            if rest.isEmpty { break }
            guard rest.first == "." else { return nil }
            rest = rest.dropFirst()
        }
        self.segments = segments
    }

    /// The keys up to and including `segment` (without selectors): `properties.agentPoolProfiles`.
    public func keys(through segment: Int) -> String {
        segments[...segment].map(\.key).joined(separator: ".")
    }

    public var description: String {
        segments.map { $0.key + ($0.itemName.map { "[name=\($0)]" } ?? "") }.joined(separator: ".")
    }
}

extension Value {
    /// `self` with `value` at `path`; objects on the way are created, an array item is selected by
    /// its `name`. Nil when a selected item is not there (the rules refuse such a path first).
    package func setting(_ value: Value, at path: ArraySlice<PropertyPath.Segment>) -> Value? {
        guard let head = path.first else { return value }
        var fields: [Field]
        if case .object(let existing) = self { fields = existing } else { fields = [] }
        let index = fields.firstIndex { $0.key == head.key }
        let current = index.map { fields[$0].value } ?? .object([Field]())
        let updated: Value
        if let name = head.itemName {
            guard case .array(var items) = current,
                let item = items.firstIndex(where: { $0.field("name") == .string(name) }),
                let changed = items[item].setting(value, at: path.dropFirst())
            else { return nil }
            items[item] = changed
            updated = .array(items)
        } else {
            guard let changed = current.setting(value, at: path.dropFirst()) else { return nil }
            updated = changed
        }
        if let index { fields[index].value = updated } else { fields.append(Field(head.key, updated)) }
        return .object(fields)
    }

    /// The value of the object field `key`, if `self` is an object that has it.
    package func field(_ key: String) -> Value? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }
}

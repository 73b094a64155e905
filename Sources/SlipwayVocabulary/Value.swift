/// A plain data tree: what a property override, a raw resource body or a manifest carries.
/// Objects keep their key order; renderers decide whether to sort.
public enum Value: Codable, Hashable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([Value])
    case object([Field])
    /// A Bicep expression, printed verbatim in Bicep. Never valid in JSON or YAML output.
    case expression(String)

    /// One key and its value inside an object.
    public struct Field: Codable, Hashable, Sendable {
        public var key: String
        public var value: Value
        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// Builds an object from pairs, keeping their order.
    public static func object(_ pairs: KeyValuePairs<String, Value>) -> Value {
        .object(pairs.map { Field($0.key, $0.value) })
    }

    /// Builds an object from a dictionary, sorted by key.
    package static func sortedObject(_ dictionary: [String: Value]) -> Value {
        .object(dictionary.keys.sorted().map { Field($0, dictionary[$0]!) })
    }

    /// The value at `key` when this is an object.
    package subscript(key: String) -> Value? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// Returns a copy with `value` set at the dotted `path`, creating objects on the way.
    package func setting(_ value: Value, at path: [String]) -> Value {
        guard let head = path.first else { return value }
        var fields: [Field]
        if case .object(let existing) = self { fields = existing } else { fields = [] }
        if let index = fields.firstIndex(where: { $0.key == head }) {
            fields[index].value = fields[index].value.setting(value, at: Array(path.dropFirst()))
        } else {
            fields.append(Field(head, Value.object([Field]()).setting(value, at: Array(path.dropFirst()))))
        }
        return .object(fields)
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    /// Keys keep the order they are written in.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .object(elements.map { Field($0.0, $0.1) })
    }
}

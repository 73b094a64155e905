#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A keyed container: entries are looked up from where the last lookup ended, so keys read in the
/// order they were written cost one comparison each; any other key costs one pass.
final class CompactKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let input: CompactInput
    let start: Int
    let end: Int
    /// Where the entry after the last one found starts.
    private var cursor: Int
    var codingPath: [any CodingKey] { [] }

    init(input: CompactInput, offset: Int) throws {
        self.input = input
        (start, end, _) = try input.container(.keyed, at: offset, as: [String: Any].self)
        cursor = start
    }

    /// The slot of `name`'s entry, if the container has one.
    private func slot(_ name: String) throws -> Int? {
        var name = name
        return try name.withUTF8 { wanted in
            if cursor < end, let found = try entry(at: cursor, named: wanted) { return found }
            var position = start
            while position < end {
                var slot = position
                let key = try input.readStringBytes(&slot)
                if CompactKeyedDecoder.same(key, wanted) {
                    cursor = try input.slotEnd(slot)
                    return slot
                }
                position = try input.slotEnd(slot)
            }
            return nil
        }
    }

    /// The slot of the entry at `position` when its key is `wanted`; moves the cursor past it.
    private func entry(at position: Int, named wanted: UnsafeBufferPointer<UInt8>) throws -> Int? {
        var slot = position
        let key = try input.readStringBytes(&slot)
        guard CompactKeyedDecoder.same(key, wanted) else { return nil }
        cursor = try input.slotEnd(slot)
        return slot
    }

    /// Whether two keys have the same bytes: one `memcmp`, where the generic `elementsEqual`
    /// compared byte by byte (a twentieth of decoding the fleet).
    static func same(_ key: UnsafeBufferPointer<UInt8>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count == wanted.count else { return false }
        guard let left = key.baseAddress, let right = wanted.baseAddress else { return true }
        return memcmp(left, right, key.count) == 0
    }

    private func required(_ key: Key) throws -> Int {
        guard let slot = try slot(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: [], debugDescription: "no entry '\(key.stringValue)'"))
        }
        return slot
    }

    /// The slot of `key` unless it is missing or `nil`.
    private func present(_ key: Key) throws -> Int? {
        guard let slot = try slot(key.stringValue), try input.tag(at: slot) != .null else { return nil }
        return slot
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var position = start
        while position < end {
            guard let name = try? input.readStringBytes(&position), let next = try? input.slotEnd(position) else {
                break
            }
            if let key = Key(stringValue: String(decoding: name, as: UTF8.self)) { keys.append(key) }
            position = next
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { (try? slot(key.stringValue)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try input.tag(at: try required(key)) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try input.bool(at: try required(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try input.string(at: try required(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try input.double(at: try required(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try input.double(at: try required(key)))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try input.integer(type, at: try required(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try input.integer(type, at: try required(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try input.integer(type, at: try required(key))
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try input.integer(type, at: try required(key))
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try input.integer(type, at: try required(key))
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try input.integer(type, at: try required(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try input.integer(type, at: try required(key))
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try input.integer(type, at: try required(key))
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try input.integer(type, at: try required(key))
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try input.integer(type, at: try required(key))
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try input.decodeSlot(type, at: try required(key))
    }

    // One lookup for an optional, where the default implementations make three.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map { try input.bool(at: $0) }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map { try input.string(at: $0) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key).map { try input.integer(type, at: $0) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try present(key).map { try input.double(at: $0) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try input.decodeSlot(type, at: $0) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(try CompactKeyedDecoder<NestedKey>(input: input, offset: try required(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoder(input: input, offset: try required(key))
    }

    func superDecoder() throws -> any Decoder {
        guard let slot = try slot("super") else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no entry 'super'"))
        }
        return CompactSlotDecoder(input: input, offset: slot)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        CompactSlotDecoder(input: input, offset: try required(key))
    }
}

/// An unkeyed container, read front to back.
final class CompactUnkeyedDecoder: UnkeyedDecodingContainer {
    let input: CompactInput
    let end: Int
    let count: Int?
    private(set) var currentIndex = 0
    private var position: Int
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(input: CompactInput, offset: Int) throws {
        self.input = input
        let container = try input.container(.unkeyed, at: offset, as: [Any].self)
        (position, end, count) = (container.start, container.end, container.count)
    }

    /// The next slot, after which the container moves on.
    private func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd, position < end else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: [], debugDescription: "unkeyed container has no element \(currentIndex)"))
        }
        let slot = position
        position = try input.slotEnd(slot)
        currentIndex += 1
        return slot
    }

    func decodeNil() throws -> Bool {
        guard !isAtEnd, try input.tag(at: position) == .null else { return false }
        _ = try next(Never.self)
        return true
    }

    func decode(_ type: Bool.Type) throws -> Bool { try input.bool(at: try next(type)) }
    func decode(_ type: String.Type) throws -> String { try input.string(at: try next(type)) }
    func decode(_ type: Double.Type) throws -> Double { try input.double(at: try next(type)) }
    func decode(_ type: Float.Type) throws -> Float { Float(try input.double(at: try next(type))) }
    func decode(_ type: Int.Type) throws -> Int { try input.integer(type, at: try next(type)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try input.integer(type, at: try next(type)) }
    func decode(_ type: Int16.Type) throws -> Int16 { try input.integer(type, at: try next(type)) }
    func decode(_ type: Int32.Type) throws -> Int32 { try input.integer(type, at: try next(type)) }
    func decode(_ type: Int64.Type) throws -> Int64 { try input.integer(type, at: try next(type)) }
    func decode(_ type: UInt.Type) throws -> UInt { try input.integer(type, at: try next(type)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try input.integer(type, at: try next(type)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try input.integer(type, at: try next(type)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try input.integer(type, at: try next(type)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try input.integer(type, at: try next(type)) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try input.decodeSlot(type, at: try next(type)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(try CompactKeyedDecoder<NestedKey>(input: input, offset: try next(type)))
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoder(input: input, offset: try next([Any].self))
    }

    func superDecoder() throws -> any Decoder { CompactSlotDecoder(input: input, offset: try next(Any.self)) }
}

/// A single value: the slot itself.
struct CompactSingleValueDecoder: SingleValueDecodingContainer {
    let input: CompactInput
    let offset: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? input.tag(at: offset)) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try input.bool(at: offset) }
    func decode(_ type: String.Type) throws -> String { try input.string(at: offset) }
    func decode(_ type: Double.Type) throws -> Double { try input.double(at: offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try input.double(at: offset)) }
    func decode(_ type: Int.Type) throws -> Int { try input.integer(type, at: offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try input.integer(type, at: offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try input.integer(type, at: offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try input.integer(type, at: offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try input.integer(type, at: offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try input.integer(type, at: offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try input.integer(type, at: offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try input.integer(type, at: offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try input.integer(type, at: offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try input.integer(type, at: offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try input.decodeSlot(type, at: offset) }
}

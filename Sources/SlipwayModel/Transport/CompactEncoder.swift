/// Encodes a value in ``CompactFormat``.
public struct CompactEncoder {
    public init() {}

    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let output = CompactOutput()
        output.bytes.reserveCapacity(1 << 16)
        output.bytes.append(contentsOf: CompactFormat.magic)
        output.bytes.append(CompactFormat.version)
        try output.encodeSlot(value)
        if let misuse = output.misuse { throw misuse }
        return output.bytes
    }
}

/// The growing document and the containers still open in it, innermost last. Codable writes a
/// container's values before it returns to the enclosing one, so closing is a stack: starting a
/// value in a container closes every container opened inside it since.
final class CompactOutput {
    var bytes: [UInt8] = []
    private var open: [OpenContainer] = []
    /// The first write into a closed container, reported when the document is done (container
    /// requests cannot throw).
    var misuse: EncodingError?

    final class OpenContainer {
        /// Where the four-byte length goes; the payload starts eight bytes later.
        let header: Int
        var count: UInt32 = 0
        init(header: Int) { self.header = header }
    }

    func write(_ tag: CompactFormat.Tag) { bytes.append(tag.rawValue) }

    func writeLEB(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func writeString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            writeLEB(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func writeSigned(_ value: Int64) {
        write(.signed)
        writeLEB(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    func writeUnsigned(_ value: UInt64) {
        write(.unsigned)
        writeLEB(value)
    }

    func writeDouble(_ value: Double) {
        write(.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Opens a container at the end of the document and returns it.
    func openContainer(_ tag: CompactFormat.Tag) -> OpenContainer {
        write(tag)
        let container = OpenContainer(header: bytes.count)
        bytes.append(contentsOf: repeatElement(0, count: CompactFormat.containerHeader))
        open.append(container)
        return container
    }

    /// Closes the containers opened inside `container`, so that a new entry of `container` follows.
    func closeInside(_ container: OpenContainer) {
        guard open.contains(where: { $0 === container }) else {
            misuse =
                misuse
                ?? EncodingError.invalidValue(
                    container.header,
                    .init(codingPath: [], debugDescription: "a value was encoded into a container already closed"))
            return
        }
        while let last = open.last, last !== container { close(open.removeLast()) }
    }

    /// Closes every container opened at `depth` or deeper.
    func close(toDepth depth: Int) {
        while open.count > depth { close(open.removeLast()) }
    }

    var depth: Int { open.count }

    private func close(_ container: OpenContainer) {
        let length = UInt32(bytes.count - container.header - CompactFormat.containerHeader)
        withUnsafeBytes(of: length.littleEndian) { field in
            for index in 0..<4 { bytes[container.header + index] = field[index] }
        }
        withUnsafeBytes(of: container.count.littleEndian) { field in
            for index in 0..<4 { bytes[container.header + 4 + index] = field[index] }
        }
    }

    /// Writes one slot: primitives directly, anything else through its `encode(to:)`, with the
    /// containers it opened closed afterwards.
    func encodeSlot<Value: Encodable>(_ value: Value) throws {
        // Metatype checks, not casts: the common leaves skip `encode(to:)` and its container.
        if Value.self == String.self {
            write(.string)
            writeString(unsafeBitCast(value, to: String.self))
        } else if Value.self == Int.self {
            writeSigned(Int64(unsafeBitCast(value, to: Int.self)))
        } else if Value.self == Bool.self {
            write(unsafeBitCast(value, to: Bool.self) ? .true : .false)
        } else {
            let depth = self.depth
            let start = bytes.count
            try value.encode(to: CompactSlotEncoder(output: self))
            if bytes.count == start {
                // Nothing requested a container: an empty keyed container stands in for the value.
                _ = openContainer(.keyed)
            }
            close(toDepth: depth)
        }
    }
}

/// The encoder for one slot.
struct CompactSlotEncoder: Encoder {
    let output: CompactOutput
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(CompactKeyedEncoder<Key>(output: output, container: output.openContainer(.keyed)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        CompactUnkeyedEncoder(output: output, container: output.openContainer(.unkeyed))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { CompactSingleValueEncoder(output: output) }
}

struct CompactKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let output: CompactOutput
    let container: CompactOutput.OpenContainer
    var codingPath: [any CodingKey] { [] }

    private func startEntry(_ key: Key) {
        output.closeInside(container)
        container.count += 1
        output.writeString(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        startEntry(key)
        output.write(.null)
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        startEntry(key)
        output.write(value ? .true : .false)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        startEntry(key)
        output.write(.string)
        output.writeString(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        startEntry(key)
        output.writeSigned(Int64(value))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        startEntry(key)
        output.writeDouble(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        startEntry(key)
        output.writeDouble(Double(value))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeSigned(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeSigned(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeSigned(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeSigned(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeUnsigned(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeUnsigned(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeUnsigned(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeUnsigned(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeUnsigned(value, key) }

    private func encodeSigned<T: SignedInteger>(_ value: T, _ key: Key) throws {
        startEntry(key)
        output.writeSigned(Int64(value))
    }
    private func encodeUnsigned<T: UnsignedInteger>(_ value: T, _ key: Key) throws {
        startEntry(key)
        output.writeUnsigned(UInt64(value))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        startEntry(key)
        try output.encodeSlot(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        startEntry(key)
        return KeyedEncodingContainer(
            CompactKeyedEncoder<NestedKey>(output: output, container: output.openContainer(.keyed)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        startEntry(key)
        return CompactUnkeyedEncoder(output: output, container: output.openContainer(.unkeyed))
    }

    mutating func superEncoder() -> any Encoder {
        output.closeInside(container)
        container.count += 1
        output.writeString("super")
        return CompactSlotEncoder(output: output)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        startEntry(key)
        return CompactSlotEncoder(output: output)
    }
}

struct CompactUnkeyedEncoder: UnkeyedEncodingContainer {
    let output: CompactOutput
    let container: CompactOutput.OpenContainer
    var codingPath: [any CodingKey] { [] }
    var count: Int { Int(container.count) }

    private func startElement() {
        output.closeInside(container)
        container.count += 1
    }

    mutating func encodeNil() throws {
        startElement()
        output.write(.null)
    }
    mutating func encode(_ value: String) throws {
        startElement()
        output.write(.string)
        output.writeString(value)
    }
    mutating func encode(_ value: Bool) throws {
        startElement()
        output.write(value ? .true : .false)
    }
    mutating func encode(_ value: Double) throws {
        startElement()
        output.writeDouble(value)
    }
    mutating func encode(_ value: Float) throws {
        startElement()
        output.writeDouble(Double(value))
    }
    mutating func encode(_ value: Int) throws { try encodeSigned(value) }
    mutating func encode(_ value: Int8) throws { try encodeSigned(value) }
    mutating func encode(_ value: Int16) throws { try encodeSigned(value) }
    mutating func encode(_ value: Int32) throws { try encodeSigned(value) }
    mutating func encode(_ value: Int64) throws { try encodeSigned(value) }
    mutating func encode(_ value: UInt) throws { try encodeUnsigned(value) }
    mutating func encode(_ value: UInt8) throws { try encodeUnsigned(value) }
    mutating func encode(_ value: UInt16) throws { try encodeUnsigned(value) }
    mutating func encode(_ value: UInt32) throws { try encodeUnsigned(value) }
    mutating func encode(_ value: UInt64) throws { try encodeUnsigned(value) }

    private func encodeSigned<T: SignedInteger>(_ value: T) throws {
        startElement()
        output.writeSigned(Int64(value))
    }
    private func encodeUnsigned<T: UnsignedInteger>(_ value: T) throws {
        startElement()
        output.writeUnsigned(UInt64(value))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        startElement()
        try output.encodeSlot(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        startElement()
        return KeyedEncodingContainer(
            CompactKeyedEncoder<NestedKey>(output: output, container: output.openContainer(.keyed)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        startElement()
        return CompactUnkeyedEncoder(output: output, container: output.openContainer(.unkeyed))
    }

    mutating func superEncoder() -> any Encoder {
        startElement()
        return CompactSlotEncoder(output: output)
    }
}

struct CompactSingleValueEncoder: SingleValueEncodingContainer {
    let output: CompactOutput
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { output.write(.null) }
    mutating func encode(_ value: Bool) throws { output.write(value ? .true : .false) }
    mutating func encode(_ value: String) throws {
        output.write(.string)
        output.writeString(value)
    }
    mutating func encode(_ value: Double) throws { output.writeDouble(value) }
    mutating func encode(_ value: Float) throws { output.writeDouble(Double(value)) }
    mutating func encode(_ value: Int) throws { output.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int8) throws { output.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int16) throws { output.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int32) throws { output.writeSigned(Int64(value)) }
    mutating func encode(_ value: Int64) throws { output.writeSigned(value) }
    mutating func encode(_ value: UInt) throws { output.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { output.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { output.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { output.writeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { output.writeUnsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try output.encodeSlot(value) }
}

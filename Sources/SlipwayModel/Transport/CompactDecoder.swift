/// Decodes a value from ``CompactFormat``.
public struct CompactDecoder {
    public init() {}

    /// Whether `bytes` start like a compact document.
    public static func isCompact(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: CompactFormat.magic + [CompactFormat.version])
    }

    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try withDocument(bytes) { input, root in try input.decodeSlot(Value.self, at: root) }
    }

    /// Runs `body` on the document's top-level slot, after checking the magic, the version and
    /// that the slot ends the document.
    private func withDocument<Output>(_ bytes: [UInt8], _ body: (CompactInput, Int) throws -> Output) throws -> Output {
        guard CompactDecoder.isCompact(bytes) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription: "not a compact Slipway document of version \(CompactFormat.version)"))
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            let input = CompactInput(buffer)
            let root = CompactFormat.magic.count + 1
            guard try input.slotEnd(root) == buffer.count else { throw input.corrupted(at: root, "trailing bytes") }
            return try body(input, root)
        }
    }
}

extension CompactDecoder {
    /// Decodes `Head` from the document's top-level object and, in parallel, the elements of the
    /// array under `key` in the same object: independent slots that need no shared state, such as
    /// the environments of a run. `Head` ignores `key` (keys are looked up by name).
    public func decode<Head: Decodable, Element: Decodable & Sendable>(
        _ head: Head.Type, elements: Element.Type, underKey key: String, from bytes: [UInt8]
    ) throws -> (head: Head, elements: [Element]) {
        try withDocument(bytes) { input, root in
            let head = try input.decodeSlot(Head.self, at: root)
            var offsets: [Int] = []
            if let array = try input.entry(named: key, inKeyedAt: root) {
                let (start, end, count) = try input.container(.unkeyed, at: array, as: [Element].self)
                offsets.reserveCapacity(count)
                var position = start
                while position < end {
                    offsets.append(position)
                    position = try input.slotEnd(position)
                }
            }
            let slots = offsets
            let decoded = ParallelSlots<Result<Element, any Error>>.map(slots.count) { index in
                Result { try input.decodeSlot(Element.self, at: slots[index]) }
            }
            return (head, try decoded.map { try $0.get() })
        }
    }
}

/// The document being read. It lives only inside a ``CompactDecoder`` call, which keeps the buffer
/// alive; it is read-only, so parallel decoders share it.
final class CompactInput: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func corrupted(at offset: Int, _ problem: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "compact document, byte \(offset): \(problem)"))
    }

    func typeMismatch(_ type: Any.Type, at offset: Int) -> DecodingError {
        let found = offset < bytes.count ? CompactFormat.Tag(rawValue: bytes[offset]).map { "\($0)" } ?? "?" : "end"
        return .typeMismatch(
            type, .init(codingPath: [], debugDescription: "compact document, byte \(offset): found \(found)"))
    }

    func tag(at offset: Int) throws -> CompactFormat.Tag {
        guard offset < bytes.count, let tag = CompactFormat.Tag(rawValue: bytes[offset]) else {
            throw corrupted(at: offset, "no value")
        }
        return tag
    }

    func readLEB(_ position: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw corrupted(at: position, "truncated number") }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    func readUInt32(at position: Int) throws -> Int {
        guard position + 4 <= bytes.count else { throw corrupted(at: position, "truncated container") }
        return Int(bytes[position]) | Int(bytes[position + 1]) << 8 | Int(bytes[position + 2]) << 16
            | Int(bytes[position + 3]) << 24
    }

    /// The UTF-8 bytes of the string (length and bytes) at `position`, which moves past it.
    func readStringBytes(_ position: inout Int) throws -> UnsafeBufferPointer<UInt8> {
        guard let length = Int(exactly: try readLEB(&position)), length <= bytes.count - position else {
            throw corrupted(at: position, "truncated string")
        }
        defer { position += length }
        return UnsafeBufferPointer(rebasing: bytes[position..<(position + length)])
    }

    /// The slot of the entry `name` of the keyed container at `offset`.
    func entry(named name: String, inKeyedAt offset: Int) throws -> Int? {
        let (start, end, _) = try container(.keyed, at: offset, as: [String: Any].self)
        var position = start
        while position < end {
            let key = try readStringBytes(&position)
            if key.elementsEqual(name.utf8) { return position }
            position = try slotEnd(position)
        }
        return nil
    }

    /// Where the slot at `offset` ends.
    func slotEnd(_ offset: Int) throws -> Int {
        var position = offset + 1
        switch try tag(at: offset) {
        case .null, .false, .true: return position
        case .signed, .unsigned:
            _ = try readLEB(&position)
            return position
        case .double:
            guard position + 8 <= bytes.count else { throw corrupted(at: position, "truncated number") }
            return position + 8
        case .string:
            _ = try readStringBytes(&position)
            return position
        case .keyed, .unkeyed:
            let end = position + CompactFormat.containerHeader + (try readUInt32(at: position))
            guard end <= bytes.count else { throw corrupted(at: position, "truncated container") }
            return end
        }
    }

    func bool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .true: return true
        case .false: return false
        default: throw typeMismatch(Bool.self, at: offset)
        }
    }

    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw typeMismatch(String.self, at: offset) }
        var position = offset + 1
        return String(decoding: try readStringBytes(&position), as: UTF8.self)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        var position = offset + 1
        let value: T?
        switch try tag(at: offset) {
        case .signed:
            let raw = try readLEB(&position)
            value = T(exactly: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        case .unsigned: value = T(exactly: try readLEB(&position))
        default: throw typeMismatch(T.self, at: offset)
        }
        guard let value else { throw corrupted(at: offset, "\(T.self) out of range") }
        return value
    }

    func double(at offset: Int) throws -> Double {
        guard try tag(at: offset) == .double, offset + 9 <= bytes.count else {
            throw typeMismatch(Double.self, at: offset)
        }
        var pattern: UInt64 = 0
        for index in 0..<8 { pattern |= UInt64(bytes[offset + 1 + index]) << (8 * UInt64(index)) }
        return Double(bitPattern: pattern)
    }

    /// Decodes the slot at `offset`: the common leaves directly, anything else through `init(from:)`.
    func decodeSlot<Value: Decodable>(_ type: Value.Type, at offset: Int) throws -> Value {
        if Value.self == String.self { return unsafeBitCast(try string(at: offset), to: Value.self) }
        if Value.self == Int.self { return unsafeBitCast(try integer(Int.self, at: offset), to: Value.self) }
        if Value.self == Bool.self { return unsafeBitCast(try bool(at: offset), to: Value.self) }
        return try Value(from: CompactSlotDecoder(input: self, offset: offset))
    }

    /// The first entry, end and count of the container at `offset`.
    func container(_ tag: CompactFormat.Tag, at offset: Int, as type: Any.Type) throws -> (
        start: Int, end: Int, count: Int
    ) {
        guard try self.tag(at: offset) == tag else { throw typeMismatch(type, at: offset) }
        let start = offset + 1 + CompactFormat.containerHeader
        let end = start + (try readUInt32(at: offset + 1))
        guard end <= bytes.count else { throw corrupted(at: offset, "truncated container") }
        return (start, end, try readUInt32(at: offset + 5))
    }
}

/// The decoder for one slot.
struct CompactSlotDecoder: Decoder {
    let input: CompactInput
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try CompactKeyedDecoder<Key>(input: input, offset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoder(input: input, offset: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleValueDecoder(input: input, offset: offset)
    }
}

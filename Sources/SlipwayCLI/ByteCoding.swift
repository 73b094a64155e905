/// Appends counts and length-prefixed strings to a byte array.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(count: Int) {
        let value = UInt32(truncatingIfNeeded: count)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func append(_ string: String) {
        append(count: string.utf8.count)
        bytes.append(contentsOf: string.utf8)
    }

    mutating func append(_ dictionary: [String: String]) {
        append(count: dictionary.count)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            append(key)
            append(value)
        }
    }
}

/// Reads what ``ByteWriter`` wrote; every read returns nil instead of reading past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func count() -> Int? {
        guard bytes.count - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        offset += 4
        return Int(value)
    }

    mutating func string() -> String? {
        guard let length = count(), bytes.count - offset >= length else { return nil }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        offset += length
        return String(decoding: slice, as: UTF8.self)
    }

    mutating func dictionary() -> [String: String]? {
        guard let count = count() else { return nil }
        var dictionary: [String: String] = [:]
        dictionary.reserveCapacity(count)
        for _ in 0..<count {
            guard let key = string(), let value = string() else { return nil }
            dictionary[key] = value
        }
        return dictionary
    }
}

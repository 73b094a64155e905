import SlipwayModel

/// Prints a ``Value`` as JSON with two-space indent and a trailing newline. Bicep expressions have
/// no JSON form; they are a renderer bug and print as a string that conformance rejects.
///
/// It writes UTF-8 bytes into one buffer and makes a string once: `slipway-model.json` for a
/// 1,000-cluster fleet is 13 MB of short keys and values, where appending small strings one by
/// one cost more than building the model.
public enum JSONPrinter {
    public static func print(_ value: Value) -> String {
        print(JSONNode.value(value))
    }

    /// Prints a document that may hold flattened objects, into a buffer that starts with room
    /// for `expectedBytes` (growing a buffer by doubling copied as much as the model printed).
    static func print(_ node: JSONNode, expectedBytes: Int = 16_384) -> String {
        var out = TextBuffer(capacity: expectedBytes)
        append(node, indent: 0, to: &out)
        out.append(UInt8(ascii: "\n"))
        return out.string
    }

    static func append(_ node: JSONNode, indent: Int, to out: inout TextBuffer) {
        switch node {
        case .value(let value): append(value, indent: indent, to: &out)
        case .flattened(let object): object.append(indent: indent, to: &out)
        case .object(let fields):
            appendContainer("{", "}", count: fields.count, indent: indent, to: &out) { index, out in
                appendKey(fields[index].key, to: &out)
                append(fields[index].node, indent: indent + 1, to: &out)
            }
        }
    }

    /// Appends `value` to one growing buffer.
    static func append(_ value: Value, indent: Int, to out: inout TextBuffer) {
        switch value {
        case .string(let text): appendQuoted(text, to: &out)
        case .int(let number): appendDecimal(number, to: &out)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .expression(let text): appendQuoted("<<bicep expression in JSON: \(text)>>", to: &out)
        case .array(let items):
            appendContainer("[", "]", count: items.count, indent: indent, to: &out) { index, out in
                append(items[index], indent: indent + 1, to: &out)
            }
        case .object(let fields):
            appendContainer("{", "}", count: fields.count, indent: indent, to: &out) { index, out in
                appendKey(fields[index].key, to: &out)
                append(fields[index].value, indent: indent + 1, to: &out)
            }
        }
    }

    /// Appends an array or object of `count` elements, each written by `element` on its own line
    /// at `indent + 1`, comma-separated; `[]` or `{}` when empty.
    static func appendContainer(
        _ open: Unicode.Scalar, _ close: Unicode.Scalar, count: Int, indent: Int, to out: inout TextBuffer,
        element: (Int, inout TextBuffer) -> Void
    ) {
        out.append(UInt8(ascii: open))
        if count == 0 {
            out.append(UInt8(ascii: close))
            return
        }
        out.append(UInt8(ascii: "\n"))
        for index in 0..<count {
            pad(indent + 1, &out)
            element(index, &out)
            out.append(contentsOf: (index == count - 1 ? "\n" : ",\n").utf8)
        }
        pad(indent, &out)
        out.append(UInt8(ascii: close))
    }

    /// Appends `"key": ` for an entry of an object.
    static func appendKey(_ key: String, to out: inout TextBuffer) {
        appendQuoted(key, to: &out)
        out.append(contentsOf: ": ".utf8)
    }

    static func pad(_ indent: Int, _ out: inout TextBuffer) { Indentation.append(indent, to: &out) }

    /// Appends `text` as a JSON string literal: its bytes in one copy when nothing needs escaping
    /// (the common case: names, paths, identifiers).
    static func appendQuoted(_ text: String, to out: inout TextBuffer) {
        // The string's own storage (a stack copy for small strings), without copying the string.
        text.withUTF8Bytes { appendQuoted($0, to: &out) }
    }

    /// Appends UTF-8 `bytes` as a JSON string literal.
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        if needsEscaping(bytes) {
            out.append(contentsOf: quote(String(decoding: bytes, as: UTF8.self)).utf8)
        } else {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
        }
    }

    public static func quote(_ text: String) -> String {
        var copy = text
        let plain = copy.withUTF8 { bytes in !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) }
        if plain { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether `bytes` hold a control character, `"` or `\`: eight bytes at a time, because every
    /// key and string of a large fleet's resolved model passes through here.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// Whether a byte of `word` is zero (and, with `ones &* n` subtracted, whether one is below n).
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
                    || (word &- ones &* 0x20) & ~word & highs != 0
                {
                    break
                }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }
}

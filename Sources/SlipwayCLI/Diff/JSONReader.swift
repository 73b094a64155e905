import SlipwayRender

/// Reads the JSON of `slipway-model.json` into plain values for ``ModelDiff``: objects as
/// `[String: Any]`, arrays as `[Any]`, strings, `Bool`, numbers as ``JSONReader/Number`` (their
/// literal text, so that nothing is lost or reformatted) and `null` as ``JSONReader/null``.
/// ``canonicalText(_:)`` prints any such value back as compact JSON with sorted keys.
///
/// Hand-written because the CLI links FoundationEssentials only (no `JSONSerialization`).
enum JSONReader {
    /// A number as written in the document.
    struct Number: Equatable {
        var literal: String
    }

    /// JSON `null`.
    struct Null: Equatable {}
    static let null = Null()

    /// The value of `text`, or nil when it is not one complete JSON document.
    static func parse(_ text: String) -> Any? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            guard let value = parser.value() else { return nil }
            parser.skipWhitespace()
            return parser.offset == bytes.count ? value : nil
        }
    }

    /// Compact JSON with sorted keys and unescaped slashes; `String`, `Bool`, `Int` and `Double` are
    /// accepted too, so models built in code print like parsed ones. Strings are quoted as the renderers
    /// quote them (`JSONPrinter.quote`).
    static func canonicalText(_ value: Any) -> String {
        var text = ""
        appendCanonical(value, to: &text)
        return text
    }

    private static func appendCanonical(_ value: Any, to text: inout String) {
        switch value {
        case let string as String: text += JSONPrinter.quote(string)
        case let flag as Bool: text += flag ? "true" : "false"
        case let number as Number: text += number.literal
        case let integer as Int: text += String(integer)
        case let double as Double: text += String(double)
        case let object as [String: Any]:
            text += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                text += JSONPrinter.quote(key)
                text += ":"
                appendCanonical(object[key]!, to: &text)
            }
            text += "}"
        case let array as [Any]:
            text += "["
            for (index, element) in array.enumerated() {
                if index > 0 { text += "," }
                appendCanonical(element, to: &text)
            }
            text += "]"
        default: text += "null"
        }
    }

    /// A recursive-descent parser over UTF-8 bytes.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        mutating func consume(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - offset >= count else { return false }
            for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { return false }
            offset += count
            return true
        }

        mutating func value() -> Any? {
            skipWhitespace()
            guard offset < bytes.count else { return nil }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return consume("true") ? true : nil
            case UInt8(ascii: "f"): return consume("false") ? false : nil
            case UInt8(ascii: "n"): return consume("null") ? JSONReader.null : nil
            default: return number()
            }
        }

        mutating func object() -> [String: Any]? {
            offset += 1
            var object: [String: Any] = [:]
            skipWhitespace()
            if consume("}") { return object }
            while true {
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard consume(":"), let value = value() else { return nil }
                object[key] = value
                skipWhitespace()
                if consume(",") { continue }
                return consume("}") ? object : nil
            }
        }

        mutating func array() -> [Any]? {
            offset += 1
            var array: [Any] = []
            skipWhitespace()
            if consume("]") { return array }
            while true {
                guard let element = value() else { return nil }
                array.append(element)
                skipWhitespace()
                if consume(",") { continue }
                return consume("]") ? array : nil
            }
        }

        mutating func string() -> String? {
            offset += 1
            var scalars = String.UnicodeScalarView()
            var runStart = offset
            func flushRun(_ end: Int) {
                scalars.append(
                    contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
                        .unicodeScalars)
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    flushRun(offset)
                    offset += 1
                    return String(scalars)
                }
                guard byte == UInt8(ascii: "\\") else {
                    guard byte >= 0x20 else { return nil }
                    offset += 1
                    continue
                }
                flushRun(offset)
                offset += 1
                guard offset < bytes.count else { return nil }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard var code = hexQuad() else { return nil }
                    if (0xD800..<0xDC00).contains(code) {
                        guard consume("\\u"), let low = hexQuad(), (0xDC00..<0xE000).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    scalars.append(scalar)
                default: return nil
                }
                runStart = offset
            }
            return nil
        }

        mutating func hexQuad() -> UInt32? {
            guard bytes.count - offset >= 4 else { return nil }
            var code: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else { return nil }
                code = code << 4 | UInt32(digit)
                offset += 1
            }
            return code
        }

        mutating func number() -> Number? {
            let start = offset
            while offset < bytes.count, "+-0123456789.eE".utf8.contains(bytes[offset]) { offset += 1 }
            guard offset > start else { return nil }
            let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            guard Double(literal) != nil else { return nil }
            return Number(literal: literal)
        }
    }
}

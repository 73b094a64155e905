/// Reads a Bicep expression's text for what the deploy-time-constant guard needs: every root
/// identifier in code position (outside string literals, inside `${…}` interpolations), with the
/// property it reads (`cluster.properties…` → `properties`) or whether it is called (`reference(…)`).
///
/// Not a parser: it knows literals, interpolation, indexing and member access, which is all that
/// decides whether an expression reads a value only the running deployment knows.
enum BicepExpressionScanner {
    /// One use of a root identifier.
    struct Use: Equatable {
        var identifier: String
        /// `sym.prop` or `sym[i].prop`: the first property read; nil for a bare use.
        var property: String?
        /// `sym(…)`: a function call.
        var isCall: Bool
        /// `sym.prop(…)`: a resource function such as `listKeys()`.
        var callsProperty: Bool
        /// `key:` in an object literal inside the expression: a property name, not a symbol.
        var isObjectKey = false
    }

    static func uses(in text: String) -> [Use] {
        let bytes = Array(text.utf8)
        var uses: [Use] = []
        // Each entry is a nesting level: true for code inside `${…}` (with its brace depth), false for a string.
        var stack: [(code: Bool, braces: Int)] = [(true, 0)]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if !stack[stack.count - 1].code {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "'") {
                    stack.removeLast()
                } else if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                    stack.append((true, 0))
                    index += 1
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "'"):
                stack.append((false, 0))
                index += 1
            case UInt8(ascii: "{"):
                stack[stack.count - 1].braces += 1
                index += 1
            case UInt8(ascii: "}"):
                if stack.count > 1 && stack[stack.count - 1].braces == 0 {
                    stack.removeLast()
                } else {
                    stack[stack.count - 1].braces -= 1
                }
                index += 1
            default:
                guard isIdentifierStart(byte) else {
                    index += 1
                    continue
                }
                let start = index
                while index < bytes.count, isIdentifierPart(bytes[index]) { index += 1 }
                let previous = start > 0 ? bytes[start - 1] : 0
                // A property name (`x.name`) or a digit-led token is not a root identifier.
                if previous == UInt8(ascii: ".") || (start > 0 && isIdentifierPart(previous)) { continue }
                let identifier = String(decoding: bytes[start..<index], as: UTF8.self)
                var cursor = index
                // `key: value` (Bicep prints no space before an object key's colon; a ternary has one).
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") {
                    uses.append(
                        Use(
                            identifier: identifier, property: nil, isCall: false, callsProperty: false,
                            isObjectKey: true))
                    continue
                }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "(") {
                    uses.append(Use(identifier: identifier, property: nil, isCall: true, callsProperty: false))
                    continue
                }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "[") {
                    cursor = skipBrackets(bytes, from: cursor)
                }
                var property: String?
                var callsProperty = false
                if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "."), isIdentifierStart(bytes[cursor + 1]) {
                    var end = cursor + 1
                    while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
                    property = String(decoding: bytes[(cursor + 1)..<end], as: UTF8.self)
                    callsProperty = end < bytes.count && bytes[end] == UInt8(ascii: "(")
                }
                uses.append(
                    Use(identifier: identifier, property: property, isCall: false, callsProperty: callsProperty))
            }
        }
        return uses
    }

    /// The index just past the bracket group that starts at `start` (strings inside are skipped).
    private static func skipBrackets(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "'") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "'") {
                inString = true
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

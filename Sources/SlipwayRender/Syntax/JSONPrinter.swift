import SlipwayModel

/// Prints a ``Value`` as JSON with two-space indent and a trailing newline. Bicep expressions have
/// no JSON form; they are a renderer bug and print as a string that conformance rejects.
public enum JSONPrinter {
    public static func print(_ value: Value) -> String { render(value, indent: 0) + "\n" }

    static func render(_ value: Value, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .string(let text): return quote(text)
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .expression(let text): return quote("<<bicep expression in JSON: \(text)>>")
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { "\(pad)  \(render($0, indent: indent + 1))" }.joined(separator: ",\n")
                + "\n\(pad)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n"
                + fields.map { "\(pad)  \(quote($0.key)): \(render($0.value, indent: indent + 1))" }
                .joined(separator: ",\n") + "\n\(pad)}"
        }
    }

    public static func quote(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
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
}

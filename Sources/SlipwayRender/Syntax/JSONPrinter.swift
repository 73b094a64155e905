import SlipwayModel

/// Prints a ``Value`` as JSON with two-space indent and a trailing newline. Bicep expressions have
/// no JSON form; they are a renderer bug and print as a string that conformance rejects.
public enum JSONPrinter {
    public static func print(_ value: Value) -> String {
        var out = ""
        append(value, indent: 0, to: &out)
        out += "\n"
        return out
    }

    static func render(_ value: Value, indent: Int) -> String {
        var out = ""
        append(value, indent: indent, to: &out)
        return out
    }

    /// Appends `value` to one growing buffer.
    static func append(_ value: Value, indent: Int, to out: inout String) {
        switch value {
        case .string(let text): appendQuoted(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .expression(let text): appendQuoted("<<bicep expression in JSON: \(text)>>", to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                BicepPrinter.pad(indent + 1, &out)
                append(item, indent: indent + 1, to: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            BicepPrinter.pad(indent, &out)
            out += "]"
        case .object(let fields):
            if fields.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, field) in fields.enumerated() {
                BicepPrinter.pad(indent + 1, &out)
                appendQuoted(field.key, to: &out)
                out += ": "
                append(field.value, indent: indent + 1, to: &out)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            BicepPrinter.pad(indent, &out)
            out += "}"
        }
    }

    /// Appends `text` as a JSON string literal without building an intermediate string when
    /// nothing needs escaping (the common case: names, paths, identifiers).
    static func appendQuoted(_ text: String, to out: inout String) {
        if !needsEscaping(text) {
            out += "\""
            out += text
            out += "\""
        } else {
            out += quote(text)
        }
    }

    static func needsEscaping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
    }

    public static func quote(_ text: String) -> String {
        if !needsEscaping(text) { return "\"" + text + "\"" }
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

import SlipwayModel

/// Prints Kubernetes manifests as block YAML. Strings are plain when that is unambiguous, quoted
/// otherwise, and multi-line strings use literal blocks.
public enum YAMLPrinter {
    /// Prints several documents separated by `---`.
    public static func print(documents: [Value]) -> String {
        documents.map { render($0, indent: 0) }.joined(separator: "---\n")
    }

    static func render(_ value: Value, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let fields):
            if fields.isEmpty { return "\(pad){}\n" }
            var out = ""
            for field in fields {
                let key = scalar(field.key)
                out += entry(prefix: "\(pad)\(key):", value: field.value, indent: indent, isListItem: false)
            }
            return out
        case .array(let items):
            if items.isEmpty { return "\(pad)[]\n" }
            var out = ""
            for item in items { out += listItem(item, indent: indent) }
            return out
        default:
            return "\(pad)\(scalar(value))\n"
        }
    }

    static func entry(prefix: String, value: Value, indent: Int, isListItem: Bool) -> String {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            return "\(prefix)\n" + render(value, indent: indent + 1)
        case .array(let items) where !items.isEmpty:
            return "\(prefix)\n" + render(value, indent: indent + 1)
        case .string(let text) where text.contains("\n"):
            let pad = String(repeating: "  ", count: indent + 1)
            let chomp = text.hasSuffix("\n") ? "" : "-"
            let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : pad + $0 }
            return "\(prefix) |\(chomp)\n" + lines.joined(separator: "\n") + "\n"
        default:
            return "\(prefix) \(scalar(value))\n"
        }
    }

    static func listItem(_ item: Value, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch item {
        case .object(let fields) where !fields.isEmpty:
            var out = ""
            for (index, field) in fields.enumerated() {
                let lead = index == 0 ? "\(pad)- " : "\(pad)  "
                out += entry(
                    prefix: "\(lead)\(scalar(field.key)):", value: field.value, indent: indent + 1,
                    isListItem: true)
            }
            return out
        default:
            return entry(prefix: "\(pad)-", value: item, indent: indent, isListItem: true)
        }
    }

    static func scalar(_ value: Value) -> String {
        switch value {
        case .string(let text): return scalar(text)
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .expression(let text): return JSONPrinter.quote(text)
        case .array(let items) where items.isEmpty: return "[]"
        case .object(let fields) where fields.isEmpty: return "{}"
        default: return "null"
        }
    }

    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    static func scalar(_ text: String) -> String {
        let plainSafe = text.unicodeScalars.allSatisfy {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A)
                || ($0.value >= 0x61 && $0.value <= 0x7A) || "-_./".unicodeScalars.contains($0)
        }
        let looksNumeric = Double(text) != nil || text.allSatisfy { $0.isNumber || $0 == "." }
        if !text.isEmpty, plainSafe, !looksNumeric, !reserved.contains(text.lowercased()),
            text.first != "-", text.first != "."
        {
            return text
        }
        return JSONPrinter.quote(text)
    }
}

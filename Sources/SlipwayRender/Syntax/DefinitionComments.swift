/// Names next to GUIDs: a line of Bicep that holds a built-in role or policy definition ID as a
/// literal (`'b1ff04bb-…'`) gets `// Azure Kubernetes Service RBAC Cluster Admin` at its end, so a
/// reviewer need not look the GUID up.
enum DefinitionComments {
    /// `text` with a comment after each line that names a definition in `names` (GUID → name).
    static func annotate(_ text: String, names: [String: String]) -> String {
        guard !names.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var lineStart = 0
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'"), index + 37 < bytes.count, bytes[index + 37] == UInt8(ascii: "'"),
                isGUID(bytes[(index + 1)...(index + 36)])
            {
                let guid = String(decoding: bytes[(index + 1)...(index + 36)], as: UTF8.self)
                if let name = names[guid], !found.contains(name) { found.append(name) }
                index += 37
                continue
            }
            if byte == UInt8(ascii: "\n") {
                out.append(contentsOf: bytes[lineStart..<index])
                if !found.isEmpty {
                    out.append(contentsOf: " // \(found.joined(separator: ", "))".utf8)
                    found.removeAll()
                }
                out.append(byte)
                lineStart = index + 1
            }
            index += 1
        }
        out.append(contentsOf: bytes[lineStart...])
        return String(decoding: out, as: UTF8.self)
    }

    /// 8-4-4-4-12 lowercase hexadecimal digits.
    static func isGUID(_ bytes: ArraySlice<UInt8>) -> Bool {
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !((byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102)) {
                return false
            }
        }
        return true
    }
}

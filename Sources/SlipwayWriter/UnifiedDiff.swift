/// A unified diff of two texts, line by line, with three lines of context.
public enum UnifiedDiff {
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        // Longest common subsequence table, from the end.
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Edit { case keep(String), remove(String), add(String) }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append(.keep(a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                edits.append(.add(b[j])); j += 1
            } else {
                edits.append(.remove(a[i])); i += 1
            }
        }
        var output = ["--- \(oldName)", "+++ \(newName)"]
        let changed = edits.indices.filter { if case .keep = edits[$0] { return false } else { return true } }
        var index = 0
        while index < changed.count {
            var start = max(0, changed[index] - context)
            var end = min(edits.count, changed[index] + context + 1)
            while index + 1 < changed.count, changed[index + 1] - context <= end {
                index += 1
                end = min(edits.count, changed[index] + context + 1)
            }
            var oldLine = 1
            var newLine = 1
            for edit in edits[0..<start] {
                switch edit {
                case .keep: oldLine += 1; newLine += 1
                case .remove: oldLine += 1
                case .add: newLine += 1
                }
            }
            var body: [String] = []
            var oldCount = 0
            var newCount = 0
            for edit in edits[start..<end] {
                switch edit {
                case .keep(let line): body.append(" " + line); oldCount += 1; newCount += 1
                case .remove(let line): body.append("-" + line); oldCount += 1
                case .add(let line): body.append("+" + line); newCount += 1
                }
            }
            output.append(
                "@@ -\(oldCount == 0 ? oldLine - 1 : oldLine),\(oldCount) +\(newCount == 0 ? newLine - 1 : newLine),\(newCount) @@"
            )
            output += body
            start = end
            index += 1
        }
        return output.joined(separator: "\n") + "\n"
    }

    static func lines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }
}

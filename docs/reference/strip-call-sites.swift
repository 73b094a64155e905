// Removes the call-site parameters (`fileID:filePath:line:column:`) from Slipway's symbol graphs,
// so the reference shows `nodes(in:)`, as a DSL file calls it. Every DSL entry point takes them,
// defaulted to `#fileID`, `#filePath`, `#line` and `#column`, to report diagnostics at the user's
// line; nobody passes them by hand. Run by docs/build-reference.sh:
//   swift docs/reference/strip-call-sites.swift FILE.symbols.json…
import Foundation

let callSite: Set<String> = ["fileID", "filePath", "line", "column"]
let selector = "fileID:filePath:line:column:"

/// Drops each call-site parameter group from a declaration: the `, ` before it, its external
/// name, type and default, up to the next `, ` or `)`.
func strip(_ fragments: [[String: Any]]) -> [[String: Any]] {
    var result: [[String: Any]] = []
    var index = 0
    while index < fragments.count {
        let fragment = fragments[index]
        let spelling = fragment["spelling"] as? String ?? ""
        if fragment["kind"] as? String == "externalParam", callSite.contains(spelling) {
            // Remove the separator before the group (", " or the tail of "(", which stays).
            if var last = result.last, let text = last["spelling"] as? String, text.hasSuffix(", ") {
                result.removeLast()
                let kept = String(text.dropLast(2))
                if !kept.isEmpty {
                    last["spelling"] = kept
                    result.append(last)
                }
            }
            index += 1
            while index < fragments.count {
                let text = fragments[index]["spelling"] as? String ?? ""
                if fragments[index]["kind"] as? String == "text", text.hasPrefix(",") || text.hasPrefix(")") { break }
                index += 1
            }
            // A group followed by ", " loses that separator when it was the first parameter.
            if index < fragments.count, let text = fragments[index]["spelling"] as? String, text.hasPrefix(", "),
                let previous = result.last?["spelling"] as? String, previous.hasSuffix("(")
            {
                var next = fragments[index]
                next["spelling"] = String(text.dropFirst(2))
                if !(next["spelling"] as! String).isEmpty { result.append(next) }
                index += 1
            }
            continue
        }
        result.append(fragment)
        index += 1
    }
    return result
}

for path in CommandLine.arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    guard var graph = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
        var symbols = graph["symbols"] as? [[String: Any]]
    else { continue }
    var stripped = 0
    for (position, var symbol) in symbols.enumerated() {
        // Doc comments link to the full selectors (``nodes(in:fileID:filePath:line:column:)``).
        if var comment = symbol["docComment"] as? [String: Any], var lines = comment["lines"] as? [[String: Any]] {
            for index in lines.indices {
                if let text = lines[index]["text"] as? String, text.contains(selector) {
                    lines[index]["text"] = text.replacingOccurrences(of: selector, with: "")
                }
            }
            comment["lines"] = lines
            symbol["docComment"] = comment
            symbols[position] = symbol
        }
        guard var names = symbol["names"] as? [String: Any], let title = names["title"] as? String,
            title.contains(selector)
        else { continue }
        names["title"] = title.replacingOccurrences(of: selector, with: "")
        if let heading = names["subHeading"] as? [[String: Any]] { names["subHeading"] = strip(heading) }
        if var navigator = names["navigator"] as? [[String: Any]] {
            navigator = strip(navigator)
            names["navigator"] = navigator
        }
        symbol["names"] = names
        if let components = symbol["pathComponents"] as? [String] {
            symbol["pathComponents"] = components.map { $0.replacingOccurrences(of: selector, with: "") }
        }
        if let declaration = symbol["declarationFragments"] as? [[String: Any]] {
            symbol["declarationFragments"] = strip(declaration)
        }
        if var signature = symbol["functionSignature"] as? [String: Any],
            let parameters = signature["parameters"] as? [[String: Any]]
        {
            signature["parameters"] = parameters.filter { !callSite.contains($0["name"] as? String ?? "") }
            symbol["functionSignature"] = signature
        }
        symbols[position] = symbol
        stripped += 1
    }
    graph["symbols"] = symbols
    try JSONSerialization.data(withJSONObject: graph, options: [.sortedKeys]).write(to: url)
    print("strip-call-sites: \(url.lastPathComponent): \(stripped) symbols")
}

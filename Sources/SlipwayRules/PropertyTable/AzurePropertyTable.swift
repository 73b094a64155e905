import SlipwayModel

/// The property paths of every pinned `type@apiVersion` (``APIVersions``), from Azure's own type
/// definitions (the bicep-types data the Bicep compiler uses), so that a `.property(…)` override
/// naming a property Azure does not have fails at the user's line instead of at deployment, or
/// worse, being ignored. The data is generated (see `generate-property-table.py` beside this
/// file) and committed; a test keeps it in step with the pinned table and the kit's type data.
enum AzurePropertyTable {
    /// One property: read-only, free-form below (any path is accepted), or an array.
    final class Node: Sendable {
        let readOnly: Bool
        let anything: Bool
        let array: Bool
        let children: [String: Node]

        init(readOnly: Bool, anything: Bool, array: Bool, children: [String: Node]) {
            self.readOnly = readOnly
            self.anything = anything
            self.array = array
            self.children = children
        }
    }

    /// Resource bodies by `type@apiVersion` (lowercased).
    static let bodies: [String: Node] = parse(data)

    static func parse(_ text: String) -> [String: Node] {
        var bodies: [String: Node] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        while let header = lines.first {
            lines = lines.dropFirst()
            guard header.hasPrefix("@") else { continue }
            let block = lines.prefix { !$0.hasPrefix("@") }
            lines = lines.dropFirst(block.count)
            var index = block.startIndex
            bodies[header.dropFirst().lowercased()] = Node(
                readOnly: false, anything: false, array: false, children: children(of: block, at: 0, from: &index))
        }
        return bodies
    }

    /// The properties at `depth` starting at `index`, with theirs below.
    private static func children(
        of lines: ArraySlice<Substring>, at depth: Int, from index: inout ArraySlice<Substring>.Index
    ) -> [String: Node] {
        var result: [String: Node] = [:]
        while index < lines.endIndex {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            if indent < depth { break }
            var name = line.dropFirst(indent)
            var readOnly = false
            var anything = false
            var array = false
            while let mark = name.last, "!*[".contains(mark) {
                switch mark {
                case "!": readOnly = true
                case "*": anything = true
                default: array = true
                }
                name = name.dropLast()
            }
            index += 1
            let below = children(of: lines, at: depth + 1, from: &index)
            result[String(name)] = Node(readOnly: readOnly, anything: anything, array: array, children: below)
        }
        return result
    }

    /// What is wrong with `path` on a resource of `type`, or nil when Azure accepts it.
    enum Problem: Equatable {
        /// No property `name` under `parent` (empty at the top); the closest one, if any is close.
        case unknown(name: String, parent: String, suggestion: String?)
        case readOnly(path: String)
        /// `.property` cannot reach into array items.
        case insideArray(path: String)
    }

    static func problem(with path: String, on type: String) -> Problem? {
        guard let body = bodies["\(type)@\(APIVersions.version(of: type))".lowercased()] else { return nil }
        var node = body
        var walked: [String] = []
        for segment in path.split(separator: ".").map(String.init) {
            if node.anything { return nil }
            if node.array { return .insideArray(path: walked.joined(separator: ".")) }
            guard let child = node.children[segment] else {
                return .unknown(
                    name: segment, parent: walked.joined(separator: "."),
                    suggestion: Suggestion.closest(to: segment, among: node.children.keys))
            }
            walked.append(segment)
            if child.readOnly { return .readOnly(path: walked.joined(separator: ".")) }
            node = child
        }
        return nil
    }
}

/// PRP001 / PRP002: `.property(…)` paths checked against Azure's type definitions.
enum PropertyRules {
    static let paths: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            for target in environment.overrideTargets {
                let override = target.override
                guard let problem = AzurePropertyTable.problem(with: override.path, on: target.type) else { continue }
                let version = APIVersions.version(of: target.type)
                switch problem {
                case .unknown(let name, let parent, let suggestion):
                    let place = parent.isEmpty ? "at the top of the resource" : "under '\(parent)'"
                    diagnostics.append(
                        Diagnostic(
                            .error, "PRP001",
                            "\(target.type)@\(version) has no property '\(name)' \(place) (.property(\"\(override.path)\", …) of \(target.owner))"
                                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                            note:
                                "use a property of the pinned API version; Azure rejects unknown ones, or ignores them",
                            at: override.site))
                case .readOnly(let path):
                    diagnostics.append(
                        Diagnostic(
                            .error, "PRP002",
                            "'\(path)' of \(target.type)@\(version) is read-only: Azure sets it (.property(\"\(override.path)\", …) of \(target.owner))",
                            note: "remove the override", at: override.site))
                case .insideArray(let path):
                    diagnostics.append(
                        Diagnostic(
                            .error, "PRP002",
                            "'\(path)' of \(target.type)@\(version) is an array, and .property cannot reach into its items (.property(\"\(override.path)\", …) of \(target.owner))",
                            note: "set the whole array at '\(path)', or use a modifier that models it",
                            at: override.site))
                }
            }
        }
        return diagnostics
    }
}

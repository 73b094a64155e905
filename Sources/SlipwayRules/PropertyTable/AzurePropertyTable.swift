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
        /// A path into an array's items without `[name=…]` to say which item.
        case insideArray(path: String)
        /// `[name=…]` on a property that is not an array.
        case notAnArray(path: String)
    }

    static func problem(with path: PropertyPath, on type: String) -> Problem? {
        guard let body = bodies["\(type)@\(APIVersions.version(of: type))".lowercased()] else { return nil }
        var node = body
        var walked: [String] = []
        var selected = false
        for segment in path.segments {
            if node.anything { return nil }
            if node.array && !selected { return .insideArray(path: walked.joined(separator: ".")) }
            guard let child = node.children[segment.key] else {
                return .unknown(
                    name: segment.key, parent: walked.joined(separator: "."),
                    suggestion: Suggestion.closest(to: segment.key, among: node.children.keys))
            }
            walked.append(segment.key)
            if child.readOnly { return .readOnly(path: walked.joined(separator: ".")) }
            if segment.itemName != nil && !child.array { return .notAnArray(path: walked.joined(separator: ".")) }
            selected = segment.itemName != nil
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
                let version = APIVersions.version(of: target.type)
                guard let path = PropertyPath(override.path) else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "PRP003",
                            "'\(override.path)' is not a property path (.property of \(target.owner))",
                            note:
                                "write dotted keys, selecting an array item by its name: properties.agentPoolProfiles[name=apps].maxPods",
                            at: override.site))
                    continue
                }
                // Azure's shape first (an unknown key, [name=…] on what is not an array), then the items.
                guard let problem = AzurePropertyTable.problem(with: path, on: target.type) else {
                    if let problem = itemProblem(path, target: target) {
                        diagnostics.append(
                            Diagnostic(.error, "PRP003", problem.message, note: problem.note, at: override.site))
                    }
                    continue
                }
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
                            "'\(path)' of \(target.type)@\(version) is an array: say which item with [name=…] (.property(\"\(override.path)\", …) of \(target.owner))",
                            note:
                                "select an item, \(path)[name=…], set the whole array at '\(path)', or use a modifier that models it",
                            at: override.site))
                case .notAnArray(let path):
                    diagnostics.append(
                        Diagnostic(
                            .error, "PRP002",
                            "'\(path)' of \(target.type)@\(version) is not an array, so [name=…] selects nothing (.property(\"\(override.path)\", …) of \(target.owner))",
                            note: "drop the [name=…] selector", at: override.site))
                }
            }
        }
        return diagnostics
    }

    /// PRP003: a `[name=…]` that selects no item Slipway renders, or an array whose items Slipway
    /// cannot name at render time (so a wrong name would be silently ignored).
    static func itemProblem(_ path: PropertyPath, target: EnvironmentModel.OverrideTarget) -> (
        message: String, note: String
    )? {
        for (index, segment) in path.segments.enumerated() {
            guard let name = segment.itemName else { continue }
            let array = path.keys(through: index)
            guard let names = target.itemNames[array] else {
                let known = target.itemNames.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                return (
                    "Slipway cannot check which items '\(array)' of \(target.owner) has, so [name=\(name)] could select nothing unnoticed (.property(\"\(path)\", …))",
                    known.isEmpty
                        ? "set the whole array at '\(array)'" : "select items of \(known), or set the whole array"
                )
            }
            guard names.contains(name) else {
                let suggestion = Suggestion.closest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
                return (
                    "'\(array)' of \(target.owner) has no item named '\(name)' (.property(\"\(path)\", …))\(suggestion)",
                    "its items: \(names.joined(separator: ", "))"
                )
            }
        }
        return nil
    }
}

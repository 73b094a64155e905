import SlipwayModel

/// STK001: the excluded principals of a deployment stack's deny settings.
enum StackRules {
    static let stacks: Validator.Rule = { environments in
        environments.compactMap { environment in
            guard let stack = environment.deployment.stack else { return nil }
            var problems: [String] = []
            if stack.excludedPrincipals.count > 5 {
                problems.append("\(stack.excludedPrincipals.count) excluded principals, Azure allows 5")
            }
            let malformed = stack.excludedPrincipals.filter { !isObjectID($0) }
            if !malformed.isEmpty {
                problems.append(
                    "\(malformed.map { "'\($0)'" }.joined(separator: ", ")) \(malformed.count == 1 ? "is not an Entra object ID" : "are not Entra object IDs")"
                )
            }
            if Set(stack.excludedPrincipals.map { $0.lowercased() }).count < stack.excludedPrincipals.count {
                problems.append("a principal is listed twice")
            }
            guard !problems.isEmpty else { return nil }
            return Diagnostic(
                .error, "STK001",
                "the deployment stacks of environment '\(environment.name)' cannot be created: \(problems.joined(separator: "; "))",
                note:
                    "list at most five object IDs (GUIDs) of groups or identities that exist before the stack; identities the stack creates cannot be excluded",
                at: stack.site)
        }
    }

    /// 8-4-4-4-12 hexadecimal digits.
    static func isObjectID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}

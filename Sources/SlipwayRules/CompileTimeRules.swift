import SlipwayModel

/// DSL005: an environment whose builder body is long enough that the Swift compiler spends
/// seconds on it. The type checker solves a result-builder body as one unit, so its cost grows
/// with the square of the body's length (40 literal clusters: about 1 s; 160: about 17 s), while
/// the same declarations as `add` calls in a function are checked one by one, in linear time.
enum CompileTimeRules {
    /// Statements a builder body may hold before the warning: about twenty spoke-and-cluster
    /// pairs, where the body already costs a second of compile time on every change.
    static let builderStatementLimit = 40

    static let builderBodies: Validator.Rule = { environments in
        environments.compactMap { environment in
            guard let statements = environment.builderStatements, statements > builderStatementLimit else {
                return nil
            }
            return Diagnostic(
                .warning, "DSL005",
                "environment '\(environment.name)' lists \(statements) statements in one builder body: Swift checks a builder body as a whole, so compiling this file takes time that grows with the square of its length",
                note:
                    "declare it in a function instead, where each statement is checked on its own: `func \(functionName(environment.name))() -> Environment { var env = Environment(\"\(environment.name)\", location: \"\(environment.location)\"); env.add(…); return env }` (README: Large environments)",
                at: environment.site)
        }
    }

    /// A Swift function name for an environment name: `fleet-000` → `fleet000`.
    static func functionName(_ environment: String) -> String {
        let parts = environment.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard let first = parts.first else { return "environment" }
        let name = first.lowercased() + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.first?.isLetter == true ? name : "environment" + name
    }
}

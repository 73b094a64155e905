import SlipwayModel

/// Names an expression reads that the template never declares (BCP057): a parameter renamed in
/// one place and not in another compiles nowhere. Loop variables and lambda parameters are bound
/// where they appear; function calls (`resourceGroup()`, `take(…)`) are not symbols.
struct UndeclaredSymbols {
    let template: BicepTemplate

    var violations: [BicepTemplate.ConstructionProblem] {
        var problems: [BicepTemplate.ConstructionProblem] = []
        var reported = Set<String>()
        func check(_ value: Value, in owner: String, bound: Set<String>) {
            switch value {
            case .expression(let text):
                let local = bound.union(Self.lambdaParameters(in: text))
                for use in BicepExpressionScanner.uses(in: text) where !use.isCall && !use.isObjectKey {
                    let name = use.identifier
                    guard !local.contains(name), !Self.keywords.contains(name), !template.declares(name),
                        reported.insert("\(owner)|\(name)").inserted
                    else { continue }
                    problems.append(
                        .init(
                            kind: .undeclaredSymbol, symbol: owner,
                            message: "reads '\(name)', which this template does not declare"))
                }
            case .array(let items): for item in items { check(item, in: owner, bound: bound) }
            case .object(let fields): for field in fields { check(field.value, in: owner, bound: bound) }
            default: break
            }
        }
        for variable in template.variables { check(variable.value, in: variable.name, bound: []) }
        for resource in template.resources {
            let bound: Set<String> = resource.loop.map { [$0.variable] } ?? []
            if let loop = resource.loop { check(.expression(loop.count), in: resource.symbol, bound: []) }
            if let condition = resource.condition { check(.expression(condition), in: resource.symbol, bound: bound) }
            check(.object(resource.body), in: resource.symbol, bound: bound)
        }
        for module in template.modules {
            check(module.name, in: module.symbol, bound: [])
            check(module.scope, in: module.symbol, bound: [])
            check(.object(module.parameters), in: module.symbol, bound: [])
        }
        for output in template.outputs { check(output.value, in: output.name, bound: []) }
        return problems
    }

    static let keywords: Set<String> = ["true", "false", "null", "az", "sys", "for", "in", "if"]

    /// Identifiers bound by `x => …` or `(x, y) => …` in `text`; `[for x in …]` binds `x` too.
    static func lambdaParameters(in text: String) -> Set<String> {
        var names = Set<String>()
        func addNames(_ list: Substring) {
            for part in list.split(separator: ",") {
                let name = part.filter { $0 != " " && $0 != "(" && $0 != ")" }
                if !name.isEmpty { names.insert(String(name)) }
            }
        }
        var search = text[...]
        while let arrow = search.firstRange(of: "=>") {
            var head = search[..<arrow.lowerBound]
            while head.last == " " { head = head.dropLast() }
            if head.last == ")", let open = head.lastIndex(of: "(") {
                addNames(head[open...])
            } else {
                addNames(Substring(head.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed()))
            }
            search = search[arrow.upperBound...]
        }
        search = text[...]
        while let loop = search.firstRange(of: "[for ") {
            let rest = search[loop.upperBound...]
            if let inKeyword = rest.firstRange(of: " in ") { addNames(rest[..<inKeyword.lowerBound]) }
            search = rest
        }
        return names
    }
}

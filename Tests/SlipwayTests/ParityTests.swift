import Foundation
import Testing

/// Reads `docs/baseline-parity.md` and checks it against `Output/aks-baseline/`.
@Suite struct ParityTests {
    struct Row {
        var referenceSymbol: String
        var type: String
        var referenceCount: Int
        var file: String
        var symbol: String
        var renderedCount: Int
        var status: String
    }

    static let folder = Support.root.appendingPathComponent("Output/aks-baseline")

    static func rows() throws -> [Row] {
        let text = try String(
            contentsOf: Support.root.appendingPathComponent("docs/baseline-parity.md"), encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count == 9, let referenceCount = Int(cells[3]), let renderedCount = Int(cells[7]) else {
                continue
            }
            rows.append(
                Row(
                    referenceSymbol: cells[1], type: cells[2], referenceCount: referenceCount, file: cells[5],
                    symbol: cells[6], renderedCount: renderedCount, status: cells[8]))
        }
        return rows
    }

    /// Every resource (not `existing`) declared under Output/aks-baseline: (file, symbol) → (type, count),
    /// with loops expanded from the parameter files or, for modules, from the caller's arguments.
    static func rendered() throws -> [String: (type: String, count: Int)] {
        let tree = Support.tree(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        var resources: [String: (type: String, count: Int)] = [:]
        for (file, text) in tree where file.hasSuffix(".bicep") {
            let parameters =
                tree[file.replacing(".bicep", with: ".parameters.json")].flatMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }?["parameters"] as? [String: Any]
            let caller = tree.first { $0.key.hasSuffix(".bicep") && $0.value.contains("'\(file)' = {") }?.value
            for line in text.split(separator: "\n") where line.hasPrefix("resource ") && !line.contains(" existing =") {
                let words = line.split(separator: " ")
                let symbol = String(words[1])
                let type = String(line.split(separator: "'")[1].split(separator: "@")[0])
                var count = 1
                if let range = line.range(of: "range(0, ") {
                    let argument = line[range.upperBound...].prefix { $0 != ":" }.dropLast()
                    count = try loopCount(String(argument), parameters: parameters, caller: caller)
                }
                resources["\(file)#\(symbol)"] = (type, count)
            }
        }
        return resources
    }

    static func loopCount(_ argument: String, parameters: [String: Any]?, caller: String?) throws -> Int {
        if argument.hasPrefix("length("), argument.hasSuffix(")") {
            let name = String(argument.dropFirst("length(".count).dropLast())
            if let value = (parameters?[name] as? [String: Any])?["value"] as? [Any] { return value.count }
            let lines = try #require(caller, "no caller passes \(name)").split(separator: "\n").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if lines.contains("\(name): []") { return 0 }
            let start = try #require(lines.firstIndex(of: "\(name): ["), "no argument \(name)")
            let end = try #require(lines[start...].firstIndex(of: "]"))
            return end - start - 1
        }
        return try #require((parameters?[argument] as? [String: Any])?["value"] as? Int, "unknown count \(argument)")
    }

    @Test func everyRowIsBackedByARenderedResourceOfItsType() throws {
        let rows = try Self.rows()
        #expect(rows.count > 100)
        let rendered = try Self.rendered()
        for row in rows where row.symbol != "—" {
            let resource = rendered["\(row.file)#\(row.symbol)"]
            #expect(resource != nil, "\(row.file) declares no \(row.symbol)")
            #expect(resource?.type == row.type, "\(row.symbol) is \(resource?.type ?? "missing"), not \(row.type)")
            #expect(resource?.count == row.renderedCount, "\(row.symbol) renders \(resource?.count ?? 0)×")
        }
    }

    @Test func everyRenderedResourceHasARow() throws {
        let listed = Set(try Self.rows().filter { $0.symbol != "—" }.map { "\($0.file)#\($0.symbol)" })
        #expect(Set(try Self.rendered().keys) == listed)
    }

    @Test func statusesUseTheAgreedVocabulary() throws {
        let prefixes = [
            "different: preview-only property", "different: reference bug", "different: GA replacement",
            "different: design choice (", "not applicable (",
        ]
        for row in try Self.rows() {
            // "same (…)" is the same resource with a note on what the row was checked for.
            let same = row.status == "same" || row.status.hasPrefix("same (")
            #expect(same || prefixes.contains { row.status.hasPrefix($0) }, "\(row.status)")
            if same {
                #expect(row.referenceCount == row.renderedCount, "\(row.referenceSymbol): same but counts differ")
            }
        }
    }

    /// The reference's numbers: 15 role assignments, 21 policy assignments, 21 diagnostic settings.
    @Test func referenceCountsMatchTheReference() throws {
        let rows = try Self.rows()
        func total(_ type: String) -> Int { rows.filter { $0.type == type }.map(\.referenceCount).reduce(0, +) }
        func rendered(_ type: String) -> Int { rows.filter { $0.type == type }.map(\.renderedCount).reduce(0, +) }
        #expect(total("Microsoft.Authorization/roleAssignments") == 15)
        #expect(total("Microsoft.Authorization/policyAssignments") == 21)
        #expect(total("Microsoft.Insights/diagnosticSettings") == 21)
        // Slipway renders every one of them, and four more diagnostic settings.
        #expect(rendered("Microsoft.Authorization/roleAssignments") == 15)
        #expect(rendered("Microsoft.Authorization/policyAssignments") == 21)
        #expect(rendered("Microsoft.Insights/diagnosticSettings") == 25)
    }

    /// Acceptance: every type the reference creates appears, unless its rows say otherwise.
    @Test func everyReferenceTypeIsRendered() throws {
        let rows = try Self.rows()
        let renderedTypes = Set(try Self.rendered().values.map(\.type))
        for row in rows where row.referenceCount > 0 && !row.status.hasPrefix("not applicable") && row.symbol != "—" {
            #expect(renderedTypes.contains(row.type), "\(row.type) is not rendered")
        }
    }
}

import Foundation
import Slipway
import SlipwaySamples
import Testing

@testable import SlipwayRender

/// `deploy.sh` deploys every unit after the units that create what it references. Checked from the
/// written files alone, with a reader of their own (not the renderer's `DeployOrder`): the
/// `existing` resources of each template (and of the modules it calls, in their scope), named
/// through the parameter files, against the resources every other template creates.
@Suite struct DeployOrderTests {
    /// A resource as ARM names it.
    struct Key: Hashable, CustomStringConvertible {
        var type: String
        var name: String
        var group: String
        var description: String { "\(type) \(name) in \(group)" }
    }

    /// One declaration block of a template: its keyword, symbol, type and top-level fields.
    struct Block {
        var keyword: String
        var symbol: String
        var type: String
        var existing: Bool
        var fields: [String: String]
        var parameters: [String: String]
    }

    /// The declarations of a Bicep file as Slipway prints it (two-space indent, one field per line).
    static func blocks(_ text: String) -> (blocks: [Block], parameters: [String], variables: [String: String]) {
        var blocks: [Block] = []
        var parameters: [String] = []
        var variables: [String: String] = [:]
        var current: Block?
        var inParams = false
        var base: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("param ") { parameters.append(String(line.split(separator: " ")[1])) }
            if line.hasPrefix("var "), let equals = line.range(of: " = ") {
                variables[String(line.split(separator: " ")[1])] = String(line[equals.upperBound...])
            }
            if line.hasPrefix("resource ") || line.hasPrefix("module ") {
                let words = line.split(separator: " ").map(String.init)
                let quoted = line.split(separator: "'").map(String.init)
                current = Block(
                    keyword: words[0], symbol: words[1], type: String(quoted[1].split(separator: "@")[0]),
                    existing: line.contains("' existing = "), fields: [:], parameters: [:])
                inParams = false
                base = nil
                continue
            }
            guard var block = current else { continue }
            if line == "}" || line == "}]" {
                blocks.append(block)
                current = nil
                continue
            }
            // A looped block's fields are indented one level more: the first field sets the level.
            let indent = line.prefix { $0 == " " }.count
            if base == nil { base = indent }
            let content = line.trimmingCharacters(in: .whitespaces)
            if indent == base {
                inParams = content == "params: {"
                if let colon = content.range(of: ": "), block.fields[String(content[..<colon.lowerBound])] == nil {
                    block.fields[String(content[..<colon.lowerBound])] = String(content[colon.upperBound...])
                }
            } else if inParams, indent == base! + 2, let colon = content.range(of: ": ") {
                block.parameters[String(content[..<colon.lowerBound])] = String(content[colon.upperBound...])
            }
            current = block
        }
        return (blocks, parameters, variables)
    }

    /// Resolves an expression: parameters from the parameter file, variables inlined, `${…}`
    /// interpolations of those folded into the literal.
    struct Resolver {
        var parameters: [String: String]
        var variables: [String: String]
        var outer: ((String) -> String?)?

        func resolve(_ expression: String, depth: Int = 0) -> String? {
            guard depth < 8 else { return nil }
            let text = expression.trimmingCharacters(in: .whitespaces)
            if let value = parameters[text] { return value }
            if let value = variables[text] { return resolve(value, depth: depth + 1) }
            if text.first == "'" && text.last == "'" && text.count >= 2 {
                var body = String(text.dropFirst().dropLast())
                while let start = body.range(of: "${"), let end = body[start.upperBound...].firstIndex(of: "}") {
                    let inner = String(body[start.upperBound..<end])
                    let value =
                        inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                        ? resolve(inner, depth: depth + 1) ?? "⟨\(inner)⟩" : "⟨\(inner)⟩"
                    body.replaceSubrange(start.lowerBound...end, with: value)
                }
                return body.replacingOccurrences(of: "\\'", with: "'").replacingOccurrences(of: "⟨", with: "${")
                    .replacingOccurrences(of: "⟩", with: "}")
            }
            return outer?(text) ?? text
        }
    }

    static func group(of scope: String?, default group: String) -> String? {
        guard let scope else { return group }
        guard scope.hasPrefix("resourceGroup('") else { return nil }
        return scope.split(separator: "'").dropFirst().last { !$0.contains(",") && $0 != ")" }.map(String.init)
    }

    /// What each unit creates and references, from the files of one environment folder.
    /// A parameter file's names with their string values (nil for other values), read from either
    /// format: `.parameters.json` or `.bicepparam` (`param name = 'value'`).
    static func parameterValues(_ text: String) throws -> [String: String?] {
        if text.hasPrefix("{") {
            let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return (json["parameters"] as? [String: [String: Any]] ?? [:]).mapValues { $0["value"] as? String }
        }
        var values: [String: String?] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("param ") {
            let parts = line.split(separator: " = ", maxSplits: 1)
            let name = String(parts[0].dropFirst("param ".count))
            let value = parts.count == 2 ? parts[1] : ""
            values[name] =
                value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2
                ? String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\'", with: "'") : nil
        }
        return values
    }

    /// A line of `deploy.sh` that deploys a unit: an incremental deployment or a stack.
    static func isDeployment(_ line: Substring) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        return text.hasPrefix("az deployment group \"$mode\"") || text.hasPrefix("az stack group \"$mode\"")
    }

    static func footprints(_ files: [String: String]) throws -> [(
        unit: String, creates: Set<Key>, references: Set<Key>
    )] {
        let script = try #require(files["deploy.sh"])
        var result: [(unit: String, creates: Set<Key>, references: Set<Key>)] = []
        for line in script.split(separator: "\n") where isDeployment(line) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let unit = String(words[words.firstIndex(of: "--template-file")! + 1].dropFirst(7).dropLast(7))
            let group = words[words.firstIndex(of: "--resource-group")! + 1].replacingOccurrences(of: "'", with: "")
            let template = try #require(files["\(unit).bicep"])
            let parsed = blocks(template)
            let parameterFile = try #require(files["\(unit).parameters.json"] ?? files["\(unit).bicepparam"])
            let values = try Self.parameterValues(parameterFile).compactMapValues { $0 }
            let resolver = Resolver(parameters: values, variables: parsed.variables)
            let bySymbol = Dictionary(parsed.blocks.map { ($0.symbol, $0) }) { first, _ in first }
            func key(_ block: Block, resolver: Resolver, group: String, blocks: [String: Block]) -> Key? {
                if let parent = block.fields["parent"] {
                    let symbol = String(parent.split(separator: "[")[0])
                    return blocks[symbol].flatMap { key($0, resolver: resolver, group: group, blocks: blocks) }
                }
                guard let name = block.fields["name"].flatMap({ resolver.resolve($0) }),
                    let scoped = Self.group(of: block.fields["scope"], default: group)
                else { return nil }
                return Key(type: block.type.lowercased(), name: name, group: scoped.lowercased())
            }
            var creates: Set<Key> = []
            var references: Set<Key> = []
            for block in parsed.blocks where block.keyword == "resource" {
                guard let key = key(block, resolver: resolver, group: group, blocks: bySymbol) else { continue }
                if block.existing { references.insert(key) } else { creates.insert(key) }
            }
            for module in parsed.blocks where module.keyword == "module" {
                let path = String(
                    template.split(separator: "\n").first { $0.hasPrefix("module \(module.symbol) ") }!
                        .split(separator: "'")[1])
                guard let scope = Self.group(of: module.fields["scope"], default: group),
                    let called = files[path]
                else { continue }
                let inner = blocks(called)
                let arguments = module.parameters
                let moduleResolver = Resolver(
                    parameters: [:], variables: inner.variables,
                    outer: { name in arguments[name].flatMap { resolver.resolve($0) } })
                let innerBySymbol = Dictionary(inner.blocks.map { ($0.symbol, $0) }) { first, _ in first }
                for block in inner.blocks where block.keyword == "resource" && block.existing {
                    if let key = key(block, resolver: moduleResolver, group: scope, blocks: innerBySymbol) {
                        references.insert(key)
                    }
                }
            }
            result.append((unit, creates, references))
        }
        return result
    }

    /// Every problem with the order and the prerequisite checks of one environment folder.
    static func violations(_ files: [String: String]) throws -> [String] {
        let units = try footprints(files)
        let script = try #require(files["deploy.sh"])
        var problems: [String] = []
        for (index, unit) in units.enumerated() {
            for key in unit.references {
                if let creator = units.firstIndex(where: { $0.creates.contains(key) }) {
                    if creator > index {
                        problems.append("\(unit.unit) references \(key), which \(units[creator].unit) creates later")
                    }
                } else if !script.lowercased().contains(
                    "require '\(key.type)' '\(key.name.lowercased())' '\(key.group)'")
                {
                    problems.append(
                        "\(unit.unit) references \(key), which nothing deploys and deploy.sh does not check")
                }
            }
        }
        return problems
    }

    @Test(arguments: ["aks-baseline", "dev", "prod", "fleet-000", "fleet-registration"])
    func everyExampleDeploysInAnOrderThatSatisfiesEveryReference(environment: String) throws {
        let files = Support.tree(Support.root.appendingPathComponent("Output/\(environment)")).mapValues {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(try Self.violations(files) == [])
        // The reader sees references: every spoke references its hub or a workspace, every
        // cluster its spoke's VNet.
        let units = try Self.footprints(files)
        #expect(units.filter { $0.unit.hasPrefix("cluster-") }.allSatisfy { !$0.references.isEmpty })
    }

    @Test func samplesDeployInAnOrderThatSatisfiesEveryReference() throws {
        var sampler = EnvironmentSampler(seed: 7)
        let environments = sampler.environments(count: 20).map(\.resolvedModel)
        for environment in environments {
            let files = try EnvironmentRenderer.render(environment, among: environments, fluxPathPrefix: "Output")
            #expect(try Self.violations(files) == [], "\(environment.name)")
        }
    }

    /// The ordering findings: dev needs prod's hub, the spoke of dev sends diagnostics to the
    /// workspace, and the registry's endpoint needs the spoke.
    @Test func devChecksProdsHubAndDeploysTheWorkspaceFirst() throws {
        let files = Support.tree(Support.root.appendingPathComponent("Output/dev")).mapValues {
            String(decoding: $0, as: UTF8.self)
        }
        let units = try Self.footprints(files).map(\.unit)
        #expect(units == ["monitoring", "spoke-vnet-dev-spoke", "registry", "cluster-aks-dev-0"])
        let script = try #require(files["deploy.sh"])
        #expect(
            script.contains(
                "require 'Microsoft.Network/virtualNetworks' 'vnet-shared-hub' 'rg-prod-hub' '' 'deploy environment '\\''prod'\\'' first (its deploy.sh)'"
            ))
        // A reference the reader cannot match is reported: remove the check and it fails.
        var broken = files
        broken["deploy.sh"] = script.replacingOccurrences(of: "require 'Microsoft.Network/virtualNetworks'", with: "# ")
        #expect(try Self.violations(broken).count == 1)
        // And a reversed order is reported.
        func deployment(_ name: String) -> String {
            script.split(separator: "\n").filter { Self.isDeployment($0) && $0.contains(name) }.joined()
        }
        let monitoring = deployment("'dev-monitoring'")
        let registry = deployment("'dev-registry'")
        broken["deploy.sh"] = script.replacingOccurrences(of: monitoring, with: "#swap").replacingOccurrences(
            of: registry, with: monitoring
        ).replacingOccurrences(of: "#swap", with: registry)
        #expect(try Self.violations(broken).isEmpty == false)
    }
}

import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway

/// `slipway drift` against a stub `az` that returns recorded resources: the live JSON is the
/// deployed model plus what Azure fills in, with one deliberate portal edit and one rule added in
/// the portal. The edit and the rule are reported at their paths; what Azure fills in is not.
@Suite struct DriftTests {
    static let subscription = "/subscriptions/00000000-0000-0000-0000-000000000000"

    /// Puts `value` at a flattened model path (`a.b[name].c`, `[0]` for unnamed items).
    static func insert(_ value: Any, at path: Substring, into object: inout [String: Any]) {
        let end = path.firstIndex { $0 == "." || $0 == "[" } ?? path.endIndex
        let key = String(path[..<end])
        if end == path.endIndex {
            object[key] = value
        } else if path[end] == "." {
            var child = object[key] as? [String: Any] ?? [:]
            insert(value, at: path[path.index(after: end)...], into: &child)
            object[key] = child
        } else {
            var array = object[key] as? [Any] ?? []
            insert(value, at: path[end...], into: &array)
            object[key] = array
        }
    }

    /// The same for a path that starts with an item, `[name].c` or `[0]`.
    static func insert(_ value: Any, at path: Substring, into array: inout [Any]) {
        let close = path.firstIndex(of: "]")!
        let item = String(path[path.index(after: path.startIndex)..<close])
        let rest = path[path.index(after: close)...]
        if rest.isEmpty {
            array.append(value)  // scalar items come in index order
            return
        }
        var index = array.firstIndex { (($0 as? [String: Any])?["name"] as? String) == item }
        if index == nil, let position = Int(item), position < array.count { index = position }
        if index == nil {
            let fresh: [String: Any] = Int(item) == nil ? ["name": item] : [:]
            array.append(fresh)
            index = array.count - 1
        }
        var element = array[index!] as? [String: Any] ?? [:]
        insert(value, at: rest.dropFirst(), into: &element)
        array[index!] = element
    }

    /// Paths in order, with `[10]` after `[9]`, so scalar items are inserted in index order.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: .numeric) == .orderedAscending
    }

    static func json(_ value: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Renders a workspace, a spoke and a cluster, records their live JSON with `edit` applied,
    /// and runs `slipway drift` with the stub `az`.
    func drift(edit: (String, inout [String: Any]) -> Void) throws -> (Support.Run, [String]) {
        let model = Environment("drift", location: .eastUS) {
            LogAnalyticsWorkspace("la-drift")
            RuleTests.spoke()
            RuleTests.cluster()
        }
        .diagnostics(to: "la-drift")
        .resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let repository = Support.temporaryDirectory()
        let output = repository.appendingPathComponent("Output/drift")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let text = try #require(files[EnvironmentRenderer.modelFile])
        try text.write(
            to: output.appendingPathComponent(EnvironmentRenderer.modelFile), atomically: true, encoding: .utf8)

        let recorded = repository.appendingPathComponent("recorded")
        try FileManager.default.createDirectory(at: recorded, withIntermediateDirectories: true)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var listings: [String: [[String: Any]]] = [:]
        for case (_, let unit as [String: Any]) in parsed["units"] as! [String: Any] {
            let group = (unit["resourceGroup"] as! [String: Any])["name"] as! String
            var ids: [String: String] = [:]
            let resources = unit["resources"] as! [String: Any]
            // Parents before children: by the type's depth, then by symbol.
            let depth = { (symbol: String) in
                ((resources[symbol] as! [String: Any])["type"] as! String).split(separator: "/").count
            }
            for symbol in resources.keys.sorted(by: { (depth($0), $0) < (depth($1), $1) }) {
                let resource = resources[symbol] as! [String: Any]
                let type = resource["type"] as! String
                let properties = resource["properties"] as! [String: Any]
                guard !symbol.contains("/"), var name = properties["name"] as? String else { continue }
                if name.hasPrefix("='") { name = String(name.dropFirst(2).dropLast()) }
                guard !name.hasPrefix("=") else { continue }
                let segments = type.split(separator: "/")
                let id: String
                if segments.count == 2 {
                    id = "\(Self.subscription)/resourceGroups/\(group)/providers/\(type)/\(name)"
                    listings[group, default: []].append(["id": id, "name": name, "type": type])
                } else if let parent = ids[segments.dropLast().joined(separator: "/")] {
                    id = "\(parent)/\(segments.last!)/\(name)"
                } else {
                    continue
                }
                ids[type] = ids[type] ?? id
                var live: [String: Any] = ["id": id, "type": type, "etag": "W/\"1\""]
                for path in properties.keys.sorted(by: Self.naturalOrder) {
                    Self.insert(properties[path]!, at: path[...], into: &live)
                }
                live["name"] = name
                // What Azure fills in: state, generated IDs, and for a cluster its FQDN.
                var fields = live["properties"] as? [String: Any] ?? [:]
                fields["provisioningState"] = "Succeeded"
                fields["resourceGuid"] = "6b1f0a55-0000-0000-0000-000000000000"
                live["properties"] = fields
                edit(type, &live)
                let file = recorded.appendingPathComponent(id.replacing("/", with: "_") + ".json")
                try Self.json(live).write(to: file, atomically: true, encoding: .utf8)
            }
        }
        for (group, items) in listings {
            try Self.json(items).write(
                to: recorded.appendingPathComponent("list-\(group).json"), atomically: true, encoding: .utf8)
        }
        let log = repository.appendingPathComponent("az.log")
        let az = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >> '\(log.path)'
            case "$1 $2" in
              "resource list") cat '\(recorded.path)'/list-"$4".json 2>/dev/null || echo '[]' ;;
              "resource show") file='\(recorded.path)'/"${4//\\//_}".json; [[ -f "$file" ]] && cat "$file" || { echo "ResourceNotFound" >&2; exit 3; } ;;
            esac
            """
        let stub = repository.appendingPathComponent("bin/az")
        try FileManager.default.createDirectory(at: stub.deletingLastPathComponent(), withIntermediateDirectories: true)
        try az.write(to: stub, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
        let run = try Support.slipway(
            ["drift", "drift"], in: repository,
            environment: ["PATH": "\(stub.deletingLastPathComponent().path):/usr/bin:/bin"])
        let calls = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        return (run, calls)
    }

    @Test func aPortalEditIsReportedAndWhatAzureFillsInIsNot() throws {
        let (run, calls) = try drift { type, live in
            var properties = live["properties"] as? [String: Any] ?? [:]
            switch type {
            case "Microsoft.OperationalInsights/workspaces":
                properties["retentionInDays"] = 90  // the portal edit
                properties["customerId"] = "7d2c0a55-0000-0000-0000-000000000000"  // filled in by Azure
            case "Microsoft.ContainerService/managedClusters":
                var pools = properties["agentPoolProfiles"] as! [[String: Any]]
                pools[0]["count"] = 3  // the cluster autoscaler moved it
                pools[0]["nodeImageVersion"] = "AKSAzureLinux-V3gen2-202611.03.0"
                properties["agentPoolProfiles"] = pools
                properties["fqdn"] = "aks-abc.hcp.eastus.azmk8s.io"
            case "Microsoft.Network/networkSecurityGroups":
                var rules = properties["securityRules"] as? [[String: Any]] ?? []
                rules.append(["name": "allow-rdp", "properties": ["priority": 100, "access": "Allow"]])
                properties["securityRules"] = rules
            default: break
            }
            live["properties"] = properties
        }
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("    ~ properties.retentionInDays: 30 → 90 (changed in Azure)"), "\(run.stdout)")
        #expect(run.stdout.contains("    + properties.securityRules[allow-rdp] (added in Azure)\n"), "\(run.stdout)")
        for filledIn in [
            "count", "nodeImageVersion", "fqdn", "customerId", "provisioningState", "resourceGuid", "etag",
        ] {
            #expect(!run.stdout.contains(filledIn), "\(filledIn) is Azure's: \(run.stdout)")
        }
        #expect(!run.stdout.contains("not found in Azure"), "\(run.stdout)")
        // Every resource is read in the API version the templates pin.
        let shows = calls.filter { $0.hasPrefix("resource show") }
        #expect(!shows.isEmpty)
        #expect(
            shows.contains {
                $0.contains("Microsoft.ContainerService/managedClusters/aks ")
                    && $0.contains("--api-version 2025-10-01")
            }, "\(shows)")
    }

    @Test func anUntouchedEnvironmentHasNoDrift() throws {
        let (run, _) = try drift { _, _ in }
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("drift in drift:\n  none\n"), "\(run.stdout)")
    }
}

/// Prints `slipway diff` results as terminal text or as a Markdown pull-request comment.
enum DiffReport {
    static func text(_ diffs: [ModelDiff.EnvironmentDiff]) -> String {
        let changed = diffs.filter { !$0.isEmpty }
        guard !changed.isEmpty else { return "slipway diff: no changes" }
        var lines = ["slipway diff: \(changed.count) environment(s) changed"]
        for diff in changed {
            lines.append("")
            lines.append("\(diff.name) (\(diff.status))")
            if !diff.risks.isEmpty {
                lines.append("  risky changes:")
                lines += diff.risks.map { "    ! \($0)" }
            }
            for unit in diff.units {
                lines.append("  \(unit.name) [\(unit.status)] (\(unit.files.joined(separator: ", ")))")
                if !unit.parameters.isEmpty {
                    lines.append("    parameters:")
                    lines += unit.parameters.map { "      \($0.key): \(show($0.old)) → \(show($0.new))" }
                }
                for resource in unit.added { lines.append("    added \(resource.symbol) (\(resource.type))") }
                for resource in unit.removed { lines.append("    removed \(resource.symbol) (\(resource.type))") }
                for resource in unit.changed {
                    lines.append("    changed \(resource.symbol) (\(resource.type)):")
                    lines += resource.properties.map { "      \($0.key): \(show($0.old)) → \(show($0.new))" }
                }
            }
            if !diff.workloads.isEmpty {
                lines.append("  workloads:")
                lines += diff.workloads.map { "    \($0.key): \(show($0.old)) → \(show($0.new))" }
            }
            if !diff.flux.isEmpty {
                lines.append("  manifests (Flux and Fleet trees, push-workload folders):")
                lines += diff.flux.map { "    \(fluxStatus($0)) \($0.key)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func markdown(_ diffs: [ModelDiff.EnvironmentDiff]) -> String {
        let changed = diffs.filter { !$0.isEmpty }
        var lines = ["## Slipway diff", ""]
        guard !changed.isEmpty else { return (lines + ["No changes."]).joined(separator: "\n") }
        for diff in changed {
            lines.append("### `\(diff.name)` (\(diff.status))")
            lines.append("")
            if !diff.risks.isEmpty {
                lines.append("**Risky changes**")
                lines.append("")
                lines += diff.risks.map { "- :warning: \(escape($0))" }
                lines.append("")
            }
            for unit in diff.units {
                lines.append(
                    "#### `\(unit.name)` (\(unit.status)): \(unit.files.map { "`\($0)`" }.joined(separator: ", "))")
                lines.append("")
                if !unit.parameters.isEmpty {
                    lines += ["| Parameter | Before | After |", "| --- | --- | --- |"]
                    lines += unit.parameters.map { "| `\($0.key)` | \(cell($0.old)) | \(cell($0.new)) |" }
                    lines.append("")
                }
                for resource in unit.added { lines.append("- added `\(resource.symbol)` (`\(resource.type)`)") }
                for resource in unit.removed { lines.append("- removed `\(resource.symbol)` (`\(resource.type)`)") }
                if !unit.added.isEmpty || !unit.removed.isEmpty { lines.append("") }
                for resource in unit.changed {
                    lines.append("Changed `\(resource.symbol)` (`\(resource.type)`):")
                    lines.append("")
                    lines += ["| Property | Before | After |", "| --- | --- | --- |"]
                    lines += resource.properties.map { "| `\($0.key)` | \(cell($0.old)) | \(cell($0.new)) |" }
                    lines.append("")
                }
            }
            if !diff.workloads.isEmpty {
                lines += ["| Workload | Before | After |", "| --- | --- | --- |"]
                lines += diff.workloads.map { "| `\($0.key)` | \(cell($0.old)) | \(cell($0.new)) |" }
                lines.append("")
            }
            if !diff.flux.isEmpty {
                lines.append("Manifests (Flux and Fleet trees, push-workload folders):")
                lines.append("")
                lines += diff.flux.map { "- \(fluxStatus($0)) `\($0.key)`" }
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func fluxStatus(_ change: ModelDiff.Change) -> String {
        change.old == nil ? "added" : change.new == nil ? "removed" : "changed"
    }

    static func show(_ value: String?) -> String { value ?? "(none)" }

    static func cell(_ value: String?) -> String {
        guard let value else { return "_(none)_" }
        return "`\(value.replacing("|", with: "\\|").replacing("`", with: "'"))`"
    }

    static func escape(_ text: String) -> String { text.replacing("|", with: "\\|") }
}

import FoundationEssentials
import SlipwayModel
import SlipwayRender

/// The committed output's facts, per environment, that rules and renderers compare a new model
/// with: the Kubernetes versions the clusters run (AKS upgrades one minor at a time) and the units
/// deployed (a unit that disappears must be retired in Azure). Read from `slipway-model.json` at
/// `--base REV` when given, else at Git's `HEAD`, else from the output folder on disk.
struct CommittedOutput {
    var environments: [String: CommittedEnvironment] = [:]

    /// The shape of `slipway-model.json` this reads; everything else in it is ignored.
    struct ModelFile: Decodable {
        struct Unit: Decodable {
            struct Parameters: Decodable { var kubernetesVersion: String? }
            var resourceGroup: ResourceGroupModel
            var parameters: Parameters?
        }
        var units: [String: Unit]
        var retiredUnits: [String: ResourceGroupModel]?
    }

    static func load(output: URL, base: String?) throws -> CommittedOutput {
        var committed = CommittedOutput()
        let onDisk = DiffCommand.environmentFolders(output)
        var fromGit: [String: String] = [:]
        let revision = base ?? "HEAD"
        var gitPrefix = output.lastPathComponent
        if let git = try? GitRevision(output: output) {
            gitPrefix = git.prefix
            let names: [String]
            if let base {
                names = try git.environments(at: base)  // a --base that cannot be read is an error
            } else {
                names = (try? git.environments(at: revision)) ?? []  // no commit yet: the disk
            }
            for name in Set(names).union(onDisk).sorted() {
                if let text = try git.model(of: name, at: revision) { fromGit[name] = text }
            }
        } else if let base {
            throw CLIFailure(code: .usage, message: "slipway: --base \(base) needs the output inside a Git repository")
        }
        for name in Set(fromGit.keys).union(onDisk).sorted() {
            let text: String
            let source: String
            if let committedText = fromGit[name] {
                text = committedText
                source = "\(gitPrefix)/\(name)/\(EnvironmentRenderer.modelFile) at \(revision)"
            } else if base == nil,
                let disk = try? String(
                    contentsOf: output.appendingPathComponent(name).appendingPathComponent(
                        EnvironmentRenderer.modelFile),
                    encoding: .utf8)
            {
                text = disk
                source = "\(output.lastPathComponent)/\(name)/\(EnvironmentRenderer.modelFile)"
            } else {
                continue
            }
            committed.environments[name] = try parse(text, source: source)
        }
        return committed
    }

    /// Would these committed facts leave `folders` (a cached rendering) as they are? The units it
    /// retires must be the ones these facts retire, and its versions must be the committed ones
    /// (a version change is checked by AKS017 on a fresh rendering).
    func agrees(with folders: [String: [String: String]]) -> Bool {
        for (name, files) in folders {
            guard let text = files[EnvironmentRenderer.modelFile],
                let rendered = try? Self.parse(text, source: name)
            else { return false }
            let committed = environments[name]
            let retires = committed?.retired(keeping: Set(rendered.units.keys)) ?? [:]
            guard retires == rendered.retiredUnits else { return false }
            if let committed,
                committed.kubernetesVersions != rendered.kubernetesVersions
                    || committed.poolVersions != rendered.poolVersions
            {
                return false
            }
        }
        return true
    }

    /// Committed pools the rendering no longer has (removed from the DSL).
    func removedPools(_ committed: CommittedEnvironment, _ rendered: CommittedEnvironment) -> Set<String> {
        Set(committed.poolVersions.keys).subtracting(rendered.poolVersions.keys)
    }

    static func parse(_ text: String, source: String) throws -> CommittedEnvironment {
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: Data(text.utf8))
        } catch {
            throw CLIFailure(
                code: .ioError,
                message:
                    "slipway: \(source) is not a Slipway model, so upgrades and removed units cannot be checked against it; restore it from Git or delete it"
            )
        }
        var versions: [String: String] = [:]
        for (unit, content) in file.units where unit.hasPrefix("cluster-") {
            if let version = content.parameters?.kubernetesVersion { versions[String(unit.dropFirst(8))] = version }
        }
        var committed = CommittedEnvironment(
            source: source, kubernetesVersions: versions, units: file.units.mapValues(\.resourceGroup),
            retiredUnits: file.retiredUnits ?? [:])
        (committed.poolVersions, committed.ownResourcePools) = pools(in: text)
        return committed
    }

    /// `cluster/pool` → version, and the pools that are `agentPools` resources, as
    /// ``UpgradeOrder/poolVersions(_:)`` reads them from each cluster unit.
    static func pools(in text: String) -> ([String: String], Set<String>) {
        guard let model = JSONReader.parse(text) as? [String: Any], let units = model["units"] as? [String: Any]
        else { return ([:], []) }
        var versions: [String: String] = [:]
        var own: Set<String> = []
        for (unit, content) in units where unit.hasPrefix("cluster-") {
            guard let content = content as? [String: Any] else { continue }
            let cluster = unit.dropFirst("cluster-".count)
            for pool in UpgradeOrder.poolVersions(content) {
                versions["\(cluster)/\(pool.name)"] = pool.version
                if pool.ownResource { own.insert("\(cluster)/\(pool.name)") }
            }
        }
        return (versions, own)
    }
}

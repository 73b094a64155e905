import Foundation
import SlipwayRender
import Testing

@testable import Slipway

/// Runs each generated `deploy.sh` with a stub `az` on PATH and checks what it would deploy.
@Suite struct DeployScriptTests {
    /// Stub `az` (logs its arguments; the bootstrap vault allows template deployment unless
    /// `STUB_VAULT=closed`; `az resource show` fails for names listed in `STUB_MISSING`; with
    /// `STUB_FRESH=1` no resource group or deployment exists yet) and stub
    /// `git` (a clone holds every path but the one in `STUB_GIT_MISSING`; `STUB_GIT_UNREADABLE=1`
    /// makes the clone fail).
    static func stubAzAndGit(in scratch: URL, log: URL) throws {
        let az = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >> '\(log.path)'
            case "$*" in
              *enabledForTemplateDeployment*) [[ "${STUB_VAULT:-open}" == open ]] && echo true ;;
              "resource show"*) for name in ${STUB_MISSING:-}; do [[ "$*" == *"--name $name "* ]] && { echo "ResourceNotFound" >&2; exit 3; }; done ;;
              "group exists"*) [[ "${STUB_FRESH:-0}" == 1 ]] && echo false || echo true ;;
              "deployment group show"*provisioningState*) [[ "${STUB_FRESH:-0}" == 1 ]] && exit 3 || echo Succeeded ;;
              "stack group show"*provisioningState*) [[ "${STUB_FRESH:-0}" == 1 ]] && exit 3 || echo succeeded ;;
              "stack group show"*) for name in ${STUB_STACKS:-}; do [[ "$*" == *"--name $name "* ]] && exit 0; done; echo "DeploymentStackNotFound" >&2; exit 3 ;;
            esac
            exit 0
            """
        let git = """
            #!/usr/bin/env bash
            case "$1" in
              clone) [[ "${STUB_GIT_UNREADABLE:-0}" == 1 ]] && exit 128; mkdir -p "${@: -1}" ;;
              -C) [[ -n "${STUB_GIT_MISSING:-}" && "$*" == *"HEAD:$STUB_GIT_MISSING"* ]] && exit 1 ;;
            esac
            exit 0
            """
        for (name, body) in [("az", az), ("git", git)] {
            let stub = scratch.appendingPathComponent(name)
            try body.write(to: stub, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
        }
    }

    func runDeployScript(
        _ environment: String, mode: String? = nil, stubs: [String: String] = [:], script: URL? = nil
    ) throws -> (run: Support.Run, calls: [[String]]) {
        let scratch = Support.temporaryDirectory()
        let log = scratch.appendingPathComponent("az.log")
        try Self.stubAzAndGit(in: scratch, log: log)
        let script = script ?? Support.root.appendingPathComponent("Output/\(environment)/deploy.sh")
        let run = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), [script.path] + (mode.map { [$0] } ?? []), in: scratch,
            environment: ["PATH": "\(scratch.path):/usr/bin:/bin", "TMPDIR": scratch.path].merging(stubs) { $1 })
        let calls = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        return (run, calls)
    }

    func runWithStubAz(_ environment: String, mode: String? = nil) throws -> [[String]] {
        let (run, calls) = try runDeployScript(environment, mode: mode)
        #expect(run.status == 0, "\(run.stderr)")
        return calls
    }

    func value(_ call: [String], _ flag: String) -> String? {
        call.firstIndex(of: flag).map { call[$0 + 1] }
    }

    @Test func baselineDeploysInDependencyOrder() throws {
        let calls = try runWithStubAz("aks-baseline")
        let groups = calls.filter { $0.starts(with: ["group", "create"]) }.compactMap { value($0, "--name") }
        #expect(
            groups == [
                "rg-enterprise-networking-hubs-eastus", "rg-enterprise-networking-spokes-eastus", "rg-bu0001a0008",
            ])
        let deployments = calls.filter { $0.starts(with: ["deployment", "group", "create"]) }
        let units = deployments.compactMap { value($0, "--template-file") }.map {
            URL(fileURLWithPath: $0).lastPathComponent
        }
        #expect(
            units == [
                "hub.bicep", "spoke-vnet-spoke-BU0001A0008-00.bicep", "monitoring.bicep", "registry.bicep",
                "cluster-aks-bu0001a0008.bicep",
            ])
        #expect(
            deployments.compactMap { value($0, "--resource-group") } == [
                "rg-enterprise-networking-hubs-eastus", "rg-enterprise-networking-spokes-eastus", "rg-bu0001a0008",
                "rg-bu0001a0008", "rg-bu0001a0008",
            ])
        for deployment in deployments {
            let template = try #require(value(deployment, "--template-file"))
            let parameters = try #require(value(deployment, "--parameters"))
            #expect(parameters == "@" + template.replacing(".bicep", with: ".parameters.json"))
            #expect(FileManager.default.fileExists(atPath: template))
        }
        // The bootstrap images are imported after the registry stamp and before the cluster stamp.
        let imports = calls.indices.filter { calls[$0].starts(with: ["acr", "import"]) }
        #expect(imports.count == 1)
        #expect(value(calls[imports[0]], "--source") == "'docker.io/library/traefik:v3.4'".replacing("'", with: ""))
        let registryIndex = try #require(
            calls.firstIndex { value($0, "--template-file")?.hasSuffix("/registry.bicep") == true })
        let clusterIndex = try #require(
            calls.firstIndex { value($0, "--template-file")?.hasSuffix("cluster-aks-bu0001a0008.bicep") == true })
        #expect(registryIndex < imports[0] && imports[0] < clusterIndex)
        // The bootstrap vault is checked, then the groups are created, before every deployment.
        let firstDeployment = try #require(calls.firstIndex { $0.starts(with: ["deployment"]) })
        #expect(calls[0].starts(with: ["resource", "show", "--ids"]))
        #expect(calls[1..<firstDeployment].allSatisfy { $0.starts(with: ["group", "create"]) })
    }

    @Test func devDeploysNoHubOfItsOwn() throws {
        let calls = try runWithStubAz("dev")
        let units = calls.compactMap { value($0, "--template-file") }.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(
            units == ["monitoring.bicep", "spoke-vnet-dev-spoke.bicep", "registry.bicep", "cluster-aks-dev-0.bicep"])
        // prod's hub is checked before anything is deployed.
        let checks = calls.prefix { !$0.starts(with: ["group", "create"]) }.filter {
            $0.starts(with: ["resource", "show", "--resource-type"])
        }
        #expect(checks.compactMap { value($0, "--name") } == ["fw-shared", "vnet-shared-hub"])
        #expect(checks.allSatisfy { value($0, "--resource-group") == "rg-prod-hub" })
    }

    /// dev before prod: the missing hub stops the script before it creates or deploys anything.
    @Test func aMissingPrerequisiteStopsTheScriptBeforeAnyChange() throws {
        let (run, calls) = try runDeployScript("dev", stubs: ["STUB_MISSING": "vnet-shared-hub"])
        #expect(run.status == 3)
        #expect(
            run.stderr.contains(
                "Microsoft.Network/virtualNetworks 'vnet-shared-hub' in resource group 'rg-prod-hub' is not there: deploy environment 'prod' first"
            ))
        #expect(!calls.contains { $0.starts(with: ["group"]) || $0.starts(with: ["deployment"]) })
        let (closed, closedCalls) = try runDeployScript("aks-baseline", stubs: ["STUB_VAULT": "closed"])
        #expect(closed.status == 3)
        #expect(closed.stderr.contains("does not allow template deployment"))
        #expect(!closedCalls.contains { $0.starts(with: ["deployment"]) })
    }

    /// The cluster stamp waits until the GitOps branch holds every path Flux will read.
    @Test func theClusterStampWaitsForTheGitOpsPaths() throws {
        let missing = "Output/aks-baseline/clusters/aks-bu0001a0008/ingress-controller"
        let (run, calls) = try runDeployScript("aks-baseline", stubs: ["STUB_GIT_MISSING": missing])
        #expect(run.status == 3)
        #expect(run.stderr.contains("has no ./\(missing); Flux would fail on it"))
        let units = calls.compactMap { value($0, "--template-file") }.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(units.last == "registry.bicep")
        // A public repository that cannot be read cannot be read by Flux either.
        let (unreadable, _) = try runDeployScript("aks-baseline", stubs: ["STUB_GIT_UNREADABLE": "1"])
        #expect(unreadable.status == 3)
        #expect(unreadable.stderr.contains("without credentials, and neither can Flux"))
        // With credentials from the vault, only a warning: Flux reads with them, this shell may not.
        let (privateRepository, privateCalls) = try runDeployScript("dev", stubs: ["STUB_GIT_UNREADABLE": "1"])
        #expect(privateRepository.status == 0, "\(privateRepository.stderr)")
        #expect(privateRepository.stderr.contains("warning: could not read https://github.com/contoso/platform"))
        #expect(privateCalls.contains { value($0, "--template-file")?.hasSuffix("cluster-aks-dev-0.bicep") == true })
    }

    /// Reads only: `az … show`, `az group exists` and the previews themselves.
    static func isRead(_ call: [String]) -> Bool {
        call.starts(with: ["resource", "show"]) || call.starts(with: ["group", "exists"])
            || call.starts(with: ["deployment", "group", "show"]) || call.starts(with: ["bicep", "build"])
    }

    @Test func whatIfPreviewsEveryDeploymentAndChangesNothing() throws {
        let calls = try runWithStubAz("aks-baseline", mode: "what-if")
        let changes = calls.filter { !Self.isRead($0) }
        #expect(changes.allSatisfy { $0.starts(with: ["deployment", "group", "what-if"]) })
        #expect(changes.count == 5)
        #expect(changes.allSatisfy { !$0.contains("--output") })
    }

    /// On a fresh subscription nothing exists: what-if creates nothing, fails nothing, and says
    /// for each stage which one must be deployed first.
    @Test func previewsOnAFreshSubscriptionCreateNothingAndSayWhatToDeployFirst() throws {
        let (run, calls) = try runDeployScript("aks-baseline", mode: "what-if", stubs: ["STUB_FRESH": "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(calls.allSatisfy(Self.isRead), "\(calls.filter { !Self.isRead($0) })")
        #expect(
            run.stderr.contains(
                "deploy.sh: what-if hub: not previewable until hub is deployed (resource group 'rg-enterprise-networking-hubs-eastus' does not exist yet)"
            ))
        #expect(
            run.stderr.contains(
                "deploy.sh: what-if cluster-aks-bu0001a0008: not previewable until cluster-aks-bu0001a0008 is deployed")
        )
        // Resource groups exist but an earlier stage was never deployed: the stage waits for it.
        let dev = try runDeployScript("dev", mode: "what-if", stubs: ["STUB_MISSING": "vnet-shared-hub"])
        #expect(dev.run.status == 0, "\(dev.run.stderr)")
        #expect(
            dev.run.stderr.contains(
                "deploy.sh: what-if spoke-vnet-dev-spoke: not previewable until environment 'prod' is deployed"))
        let previewed = dev.calls.filter { $0.starts(with: ["deployment", "group", "what-if"]) }.compactMap {
            value($0, "--name")
        }
        #expect(
            previewed
                == ["'dev-monitoring'", "'dev-registry'", "'dev-cluster-aks-dev-0'"].map { $0.replacing("'", with: "") }
        )
        #expect(dev.calls.allSatisfy(Self.isRead) || dev.calls.allSatisfy { !$0.starts(with: ["group", "create"]) })
    }

    /// `validate` builds every template with the real compiler, then validates each deployment.
    @Test func validateBuildsEveryTemplateThenValidatesEachDeployment() throws {
        let calls = try runWithStubAz("aks-baseline", mode: "validate")
        let builds = calls.filter { $0.starts(with: ["bicep", "build"]) }.compactMap { value($0, "--file") }
        #expect(builds.map { URL(fileURLWithPath: $0).lastPathComponent }.count == 5)
        let validations = calls.filter { $0.starts(with: ["deployment", "group", "validate"]) }
        #expect(validations.count == 5)
        #expect(
            calls.lastIndex { $0.starts(with: ["bicep", "build"]) }! < calls.firstIndex {
                $0.starts(with: ["deployment", "group", "validate"])
            }!)
        #expect(calls.allSatisfy { Self.isRead($0) || $0.starts(with: ["deployment", "group", "validate"]) })
    }

    /// Fleet: install on the manager, apply the objects, wait for each token, install each agent,
    /// and never put a secret on a command line or under Output/.
    @Test func fleetRegistrationStepsRunInOrderWithoutLeakingSecrets() throws {
        let scratch = Support.temporaryDirectory()
        let log = scratch.appendingPathComponent("calls.log")
        try Self.stubFleetTools(in: scratch, log: log)
        let script = Support.root.appendingPathComponent("Output/fleet-registration/deploy.sh")
        let run = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), [script.path], in: scratch,
            environment: ["PATH": "\(scratch.path):/usr/bin:/bin", "TMPDIR": scratch.path])
        #expect(run.status == 0, "\(run.stderr)")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        func index(_ prefix: String) -> Int? { calls.firstIndex { $0.hasPrefix(prefix) } }
        let crd = try #require(
            index(
                "helm --kube-context aks-manager -n cattle-fleet-system upgrade --install --create-namespace --wait --version 0.16.1 fleet-crd fleet/fleet-crd"
            ))
        let apply = try #require(index("kubectl --context aks-manager apply -k"))
        let waitDev = try #require(
            index("kubectl --context aks-manager -n clusters wait --for=create secret/token-aks-dev"))
        let agentDev = try #require(index("helm --kube-context aks-dev -n cattle-fleet-system upgrade --install"))
        let agentProd = try #require(index("helm --kube-context aks-prod -n cattle-fleet-system upgrade --install"))
        let edgeSecret = try #require(
            index("kubectl --context aks-manager -n clusters create secret generic kubeconfig-aks-edge"))
        let last = try #require(calls.last)
        #expect(crd < apply && apply < waitDev && waitDev < agentDev && agentDev < agentProd && agentProd < edgeSecret)
        #expect(last == "kubectl --context aks-manager -n clusters get clusters.fleet.cattle.io")
        #expect(calls[agentDev].hasSuffix("--version 0.16.1 fleet-agent fleet/fleet-agent"))
        #expect(calls[crd].hasSuffix("--version 0.16.1 fleet-crd fleet/fleet-crd"))
        #expect(calls[agentDev].contains("--set-string labels.env=dev"))
        #expect(calls[agentProd].contains("--set clientID=prod-4f1c9e2a7b5d4c8e9a01d3b6f2e8c7a5"))
        #expect(calls[agentProd].contains("--set apiServerURL=https://manager.example:443"))
        // No secret value appears in any argument, nor under Output/, and the temporary files are gone.
        for call in calls {
            #expect(!call.contains("super-secret-token") && !call.contains("CA-PEM-DATA"), "\(call)")
        }
        for (_, data) in Support.tree(Support.root.appendingPathComponent("Output")) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("super-secret-token") && !text.contains("CA-PEM-DATA"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter {
            $0.hasPrefix("tmp.")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Stub `az`, `helm` and `kubectl` that log their arguments; `kubectl` answers the token,
    /// CA, server and current-context queries with fake values.
    static func stubFleetTools(in scratch: URL, log: URL) throws {
        for tool in ["az", "helm", "kubectl"] {
            var body = "printf '%s %s\\n' '\(tool)' \"$*\" >> '\(log.path)'\n"
            if tool == "kubectl" {
                body += """
                    case "$*" in
                      *'{.data.values}'*) printf 'dG9rZW46IHN1cGVyLXNlY3JldC10b2tlbgo=' ;;
                      *'certificate-authority-data'*) printf 'Q0EtUEVNLURBVEEK' ;;
                      *'cluster.server'*) printf 'https://manager.example:443' ;;
                      *'current-context'*) printf 'platform-fleet' ;;
                    esac

                    """
            }
            let stub = scratch.appendingPathComponent(tool)
            try ("#!/usr/bin/env bash\n" + body).write(to: stub, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
        }
    }

    /// With a manager another team runs, the script needs its kubeconfig, installs no manager and
    /// registers the agent against the declared URL.
    @Test func existingFleetManagerNeedsItsKubeconfigAndInstallsOnlyAgents() throws {
        let environment = Environment("ext", location: .eastUS) {
            AKSCluster("aks-dev", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .fleet(.agentInitiated(labels: ["env": "dev"]))
            FleetManager(apiServerURL: "https://fleet.contoso.example:6443")
        }
        .resolved()
        let scratch = Support.temporaryDirectory()
        let log = scratch.appendingPathComponent("calls.log")
        try Self.stubFleetTools(in: scratch, log: log)
        let script = scratch.appendingPathComponent("deploy.sh")
        let files = try EnvironmentRenderer.render(environment, among: [environment], fluxPathPrefix: "Output")
        try #require(files["deploy.sh"]).write(to: script, atomically: false, encoding: String.Encoding.utf8)
        let path = ["PATH": "\(scratch.path):/usr/bin:/bin", "TMPDIR": scratch.path]
        let refused = try Support.run(URL(fileURLWithPath: "/bin/bash"), [script.path], in: scratch, environment: path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("set FLEET_MANAGER_KUBECONFIG to a kubeconfig for the Fleet manager"))
        let before = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(!before.contains("helm --kube-context"))
        try FileManager.default.removeItem(at: log)
        var withKubeconfig = path
        withKubeconfig["FLEET_MANAGER_KUBECONFIG"] = scratch.appendingPathComponent("manager.kubeconfig").path
        let run = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), [script.path], in: scratch, environment: withKubeconfig)
        #expect(run.status == 0, "\(run.stderr)")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(!calls.contains { $0.contains("fleet/fleet-crd") || $0.contains(" fleet fleet/fleet") })
        let apply = try #require(calls.firstIndex { $0.hasPrefix("kubectl --context platform-fleet apply -k") })
        let agent = try #require(
            calls.firstIndex { $0.hasPrefix("helm --kube-context aks-dev -n cattle-fleet-system upgrade --install") })
        #expect(apply < agent)
        #expect(calls[agent].contains("--set apiServerURL=https://fleet.contoso.example:6443"))
        #expect(calls.last == "kubectl --context platform-fleet -n clusters get clusters.fleet.cattle.io")
        #expect(!calls.contains { $0.contains("super-secret-token") || $0.contains("CA-PEM-DATA") })
    }
}

/// `deploy.sh` runs under bash 3.2 (macOS `/bin/bash`) as well as bash 5.
@Suite struct DeployScriptPortabilityTests {
    /// Constructs bash 3.2 lacks or rejects: associative arrays, mapfile, case conversion,
    /// `&>>`, `|&`, `coproc`, `;;&`, and an array expanded under `set -u` without a guard (an
    /// empty one is an unbound variable before bash 4.4).
    static let forbidden: [(name: String, pattern: String)] = [
        ("declare -A", #"declare\s+-A"#), ("mapfile", #"\bmapfile\b"#), ("readarray", #"\breadarray\b"#),
        ("case conversion", #"\$\{\w+(,,|\^\^)\}"#), ("&>>", "&>>"), ("|&", #"\|&"#), ("coproc", #"\bcoproc\b"#),
        (";;&", ";;&"), ("unguarded array expansion", #""\$\{\w+\[@\]\}""#),
    ]

    /// Whether `pattern` occurs in `text`, once the guarded expansions `${a[@]+"${a[@]}"}` are
    /// taken out (Swift's Regex has no lookbehind). A pattern that does not compile counts as found.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern), let guarded = try? Regex(#"\$\{\w+\[@\]\+"\$\{\w+\[@\]\}"\}"#) else {
            return true
        }
        return text.replacing(guarded, with: "").firstMatch(of: regex) != nil
    }

    @Test func everyGeneratedScriptAvoidsBash4Constructs() throws {
        let output = Support.root.appendingPathComponent("Output")
        var scanned = 0
        for environment in try FileManager.default.contentsOfDirectory(atPath: output.path) {
            let script = output.appendingPathComponent("\(environment)/deploy.sh")
            guard let text = try? String(contentsOf: script, encoding: .utf8) else { continue }
            scanned += 1
            for (name, pattern) in Self.forbidden {
                #expect(!Self.matches(text, pattern), "\(environment)/deploy.sh uses \(name)")
            }
            #expect(text.contains("${output[@]+\"${output[@]}\"}"))
        }
        #expect(scanned == 6)
    }

    @Test func theScanCatchesWhatItLooksFor() {
        for (name, sample) in [
            ("unguarded array expansion", #"az x "${output[@]}""#), ("declare -A", "declare -A map"),
            ("case conversion", "echo ${name,,}"), ("mapfile", "mapfile -t lines"),
        ] {
            let pattern = Self.forbidden.first { $0.name == name }!.pattern
            #expect(Self.matches(sample, pattern), "\(name)")
        }
        let guarded = Self.forbidden.first { $0.name == "unguarded array expansion" }!.pattern
        #expect(!Self.matches(#"az x ${output[@]+"${output[@]}"}"#, guarded))
    }
}

import Foundation
import SlipwayModel
import Testing

@testable import Slipway
@testable import SlipwayRender

/// Runs the shell steps of the generated workload pipelines with stub `az`, `git` and `slipway`, the
/// way GitHub would after expanding its `${{ … }}` expressions, and checks what they would do.
@Suite struct PipelineRunTests {
    /// One `run` step: its script and the variables the job and the step give it (unexpanded).
    struct Step {
        var script: String
        var variables: [String: String]

        /// The variables as the runner hands them to the shell, with GitHub's expressions expanded.
        func environment(_ values: [String: String], _ base: [String: String]) -> [String: String] {
            base.merging(variables.mapValues { PipelineRunTests.expand($0, values) }) { $1 }
        }
    }

    /// The `run` steps of one job of the pipeline of `workload` in `model`, by step name.
    static func steps(_ job: String, of model: EnvironmentModel, dslFile: String) throws -> [String: Step] {
        let workload = try #require(model.workloads.first)
        let workflow = WorkloadPipeline.workflow(workload, in: model, paths: .init(dslFile: dslFile, output: "Output"))
        guard case .array(let items)? = workflow["jobs"]?[job]?["steps"] else { return [:] }
        func variables(_ value: Value?) -> [String: String] {
            guard case .object(let fields)? = value else { return [:] }
            return Dictionary(
                fields.compactMap { field in
                    if case .string(let text) = field.value { return (field.key, text) }
                    return nil
                }, uniquingKeysWith: { $1 })
        }
        let jobVariables = variables(workflow["jobs"]?[job]?["env"])
        var scripts: [String: Step] = [:]
        for item in items {
            if case .string(let name)? = item["name"], case .string(let run)? = item["run"] {
                scripts[name] = Step(script: run, variables: jobVariables.merging(variables(item["env"])) { $1 })
            }
        }
        return scripts
    }

    /// Replaces GitHub expressions the way the runner would before the shell sees the script.
    static func expand(_ script: String, _ values: [String: String]) -> String {
        values.reduce(script) { text, pair in text.replacing("${{ \(pair.key) }}", with: pair.value) }
    }

    static func stub(_ name: String, in directory: URL, _ body: String) throws {
        let url = directory.appendingPathComponent(name)
        try "#!/usr/bin/env bash\n\(body)\n".write(to: url, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    @Test func deployJobSubstitutesWhatAzureKnowsAndAppliesThroughCommandInvoke() throws {
        let scratch = Support.temporaryDirectory()
        let bin = scratch.appendingPathComponent("bin")
        let temp = scratch.appendingPathComponent("runner-temp")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        // The repository: the push workload's rendered folder.
        let repository = scratch.appendingPathComponent("repo")
        let model = WorkloadTests.environment([WorkloadTests.web(.push)]).resolved()
        for (path, content) in WorkloadKustomizations.pushFolders(model) {
            let url = repository.appendingPathComponent("Output/apps/\(path)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: false, encoding: .utf8)
        }
        let log = scratch.appendingPathComponent("az.log")
        try Self.stub(
            "az", in: bin,
            """
            printf '%s\\n' "$*" >> '\(log.path)'
            case "$*" in
              "deployment group show --name apps-cluster-aks-apps "*)
                echo '{"aksClusterName":{"value":"aks-apps"},"idWebClientId":{"value":"11111111-2222-3333-4444-555555555555"},"keyVaultName":{"value":"kv-apps-1a2b3c4d"}}' ;;
              "account show --query tenantId --output tsv") echo "99999999-8888-7777-6666-555555555555" ;;
              "aks command invoke "*)
                ls > '\(scratch.path)/attached.txt'
                echo '{"exitCode":0,"logs":"deployment.apps/web configured"}' ;;
            esac
            """)
        let scripts = try Self.steps("deploy", of: model, dslFile: "environments.swift")
        let substitute = try #require(scripts["Substitute what only Azure knows into the manifests"])
        let apply = try #require(scripts["Apply to the private cluster with az aks command invoke"])
        let output = scratch.appendingPathComponent("github-output")
        let environment = [
            "PATH": "\(bin.path):/usr/bin:/bin", "RUNNER_TEMP": temp.path, "GITHUB_OUTPUT": output.path,
        ]
        let values = [
            "steps.registry.outputs.login": "acrapps.azurecr.io",
            "needs.promote-release.outputs.tag": "1.4.0",
            "steps.substitute.outputs.cluster": "aks-apps",
        ]
        let first = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), ["-eo", "pipefail", "-c", substitute.script],
            in: repository, environment: substitute.environment(values, environment))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8).contains("cluster=aks-apps"))
        let manifests = temp.appendingPathComponent("manifests")
        let deployment = try String(
            contentsOf: manifests.appendingPathComponent("deployment-web.yaml"), encoding: .utf8)
        #expect(deployment.contains("image: \"acrapps.azurecr.io/web/site:1.4.0\""))
        let account = try String(
            contentsOf: manifests.appendingPathComponent("serviceaccount-web.yaml"), encoding: .utf8)
        #expect(account.contains("azure.workload.identity/client-id: \"11111111-2222-3333-4444-555555555555\""))
        let spc = try String(
            contentsOf: manifests.appendingPathComponent("secretproviderclass-web-secrets.yaml"), encoding: .utf8)
        #expect(spc.contains("keyvaultName: \"kv-apps-1a2b3c4d\""))
        #expect(spc.contains("tenantId: \"99999999-8888-7777-6666-555555555555\""))
        // Nothing is left for the cluster to misread.
        for file in try FileManager.default.contentsOfDirectory(atPath: manifests.path) {
            let text = try String(contentsOf: manifests.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("${"), "\(file) keeps a variable")
        }

        let second = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), ["-eo", "pipefail", "-c", apply.script],
            in: repository, environment: apply.environment(values, environment))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("deployment.apps/web configured"))
        let invoke = try #require(
            try String(contentsOf: log, encoding: .utf8).split(separator: "\n").first {
                $0.hasPrefix("aks command invoke")
            })
        #expect(invoke.contains("--resource-group rg-apps --name aks-apps --file . --command"))
        #expect(invoke.contains("kubectl apply -k . && kubectl rollout status deployment/web --namespace web"))
        #expect(
            try String(contentsOf: scratch.appendingPathComponent("attached.txt"), encoding: .utf8).contains(
                "kustomization.yaml"))

        // A failing command fails the job, although `az` itself exits 0.
        try Self.stub("az", in: bin, #"echo '{"exitCode":1,"logs":"error: namespaces \"web\" is forbidden"}'"#)
        let failed = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), ["-eo", "pipefail", "-c", apply.script],
            in: repository, environment: apply.environment(values, environment))
        #expect(failed.status != 0)
        #expect(!substitute.script.contains("${{") && !apply.script.contains("${{"))
    }

    @Test func bumpJobRewritesTheInputRegeneratesAndPushesABranch() throws {
        let scratch = Support.temporaryDirectory()
        let bin = scratch.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = scratch.appendingPathComponent("calls.log")
        for tool in ["slipway", "git"] {
            try Self.stub(tool, in: bin, "printf '%s\\n' \"\(tool) $*\" >> '\(log.path)'")
        }
        let model = WorkloadTests.environment([WorkloadTests.web(.pull)]).resolved()
        let scripts = try Self.steps("bump-image-tag", of: model, dslFile: "environments.swift")
        let bump = try #require(scripts["Bump web.tag and regenerate Output/"])
        let push = try #require(scripts["Push the branch"])
        let output = scratch.appendingPathComponent("github-output")
        let base = [
            "PATH": "\(bin.path):/usr/bin:/bin", "GITHUB_OUTPUT": output.path, "GITHUB_WORKSPACE": scratch.path,
        ]
        let values = [
            "needs.promote-release.outputs.tag": "1.4.0", "steps.bump.outputs.branch": "slipway/apps-web-1.4.0",
            "secrets.SLIPWAY_PR_TOKEN || github.token": "token-1234",
        ]
        let run = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), ["-eo", "pipefail", "-c", bump.script], in: scratch,
            environment: bump.environment(values, base))
        #expect(run.status == 0, "\(run.stderr)")
        // The bump step never sees the token; the push step gets it as a header for one command.
        #expect(bump.environment(values, base)["PUSH_TOKEN"] == nil)
        let pushed = try Support.run(
            URL(fileURLWithPath: "/bin/bash"), ["-eo", "pipefail", "-c", push.script], in: scratch,
            environment: push.environment(values, base))
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            calls.filter { $0.hasPrefix("slipway") } == [
                "slipway set-input environments.swift web.tag=1.4.0",
                "slipway generate environments.swift --quiet",
            ])
        #expect(calls.contains("git switch --create slipway/apps-web-1.4.0"))
        #expect(calls.contains("git add -- environments.swift Output .github/workflows"))
        let header = "AUTHORIZATION: basic \(Data("x-access-token:token-1234".utf8).base64EncodedString())"
        #expect(calls.contains("git -c http.extraheader=\(header) push --force origin slipway/apps-web-1.4.0"))
        let outputs = try String(contentsOf: output, encoding: .utf8)
        #expect(outputs.contains("branch=slipway/apps-web-1.4.0"))
    }
}

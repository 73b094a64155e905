import Foundation
import SlipwayModel
import Testing

@testable import SlipwayCLI
@testable import SlipwayRender

/// `slipway init` and the CLI conventions.
@Suite struct InitTests {
    @Test(arguments: ["minimal", "baseline", "multi-region"])
    func scaffoldsARepositoryThatGenerates(template: String) throws {
        let directory = Support.temporaryDirectory().appendingPathComponent("platform")
        let run = try Support.slipway(
            [
                "init", directory.path, "--template", template, "--slipway-source",
                "https://example.com/slipway.git@v1.2.3",
            ],
            in: Support.temporaryDirectory())
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["environments.swift", ".gitignore", "README.md", "slipway.json"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        // init no longer owns the pipeline: generate derives it from the DSL.
        let pipelinePath = directory.appendingPathComponent(".github/workflows/slipway-deploy-environments.yml")
        #expect(!FileManager.default.fileExists(atPath: pipelinePath.path))
        let settings = try String(contentsOf: directory.appendingPathComponent("slipway.json"), encoding: .utf8)
        #expect(
            settings
                == "{\n  \"source\": \"https://example.com/slipway.git@v1.2.3\",\n  \"workflows\": \".github/workflows\"\n}\n"
        )
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("with Slipway\n(https://example.com/slipway.git@v1.2.3)"))
        #expect(!readme.contains("{{"))
        let generate = try Support.slipway(["generate", "environments.swift", "--quiet"], in: directory)
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(!generate.stderr.contains("running"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("Output").path))
        let workflow = try String(contentsOf: pipelinePath, encoding: .utf8)
        #expect(workflow.contains("SLIPWAY_SOURCE_URL: \"https://example.com/slipway.git\""))
        #expect(workflow.contains("SLIPWAY_SOURCE_REF: v1.2.3"))
        #expect(workflow.contains("run: \"slipway check environments.swift\""))
        // A second init refuses to overwrite; --force does, but never the DSL file.
        let again = try Support.slipway(["init", directory.path, "--template", template])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exist"))
        let dsl = directory.appendingPathComponent("environments.swift")
        try (String(contentsOf: dsl, encoding: .utf8) + "// the team's own edit\n").write(
            to: dsl, atomically: true, encoding: .utf8)
        let forced = try Support.slipway(["init", directory.path, "--template", template, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("kept environments.swift (a DSL file is never overwritten)"))
        #expect(try String(contentsOf: dsl, encoding: .utf8).hasSuffix("// the team's own edit\n"))
    }

    /// Renaming an environment and running generate moves the deploy job; check fails until then.
    @Test func theDeployPipelineFollowsTheDSLsEnvironments() throws {
        let directory = Support.temporaryDirectory().appendingPathComponent("platform")
        #expect(try Support.slipway(["init", directory.path, "--template", "minimal", "--quiet"]).status == 0)
        #expect(try Support.slipway(["generate", "environments.swift", "--quiet"], in: directory).status == 0)
        let pipelinePath = directory.appendingPathComponent(".github/workflows/slipway-deploy-environments.yml")
        let before = try String(contentsOf: pipelinePath, encoding: .utf8)
        #expect(before.contains("  deploy-dev:\n") && before.contains("bash Output/dev/deploy.sh\""))
        let dsl = directory.appendingPathComponent("environments.swift")
        let source = try String(contentsOf: dsl, encoding: .utf8)
        #expect(source.contains("Environment(\"dev\""))
        try source.replacing("Environment(\"dev\"", with: "Environment(\"weu\"").write(
            to: dsl, atomically: true, encoding: .utf8)
        let stale = try Support.slipway(["check", "environments.swift"], in: directory)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("changed: .github/workflows/slipway-deploy-environments.yml"))
        #expect(try Support.slipway(["generate", "environments.swift", "--quiet"], in: directory).status == 0)
        let after = try String(contentsOf: pipelinePath, encoding: .utf8)
        #expect(after.contains("  deploy-weu:\n") && after.contains("bash Output/weu/deploy.sh\""))
        #expect(!after.contains("deploy-dev") && !after.contains("Output/dev/"))
        #expect(try Support.slipway(["check", "environments.swift"], in: directory).status == 0)
    }

    @Test func baselineScaffoldCarriesItsWorkloadSourceInputsAndPipeline() throws {
        let directory = Support.temporaryDirectory().appendingPathComponent("platform")
        #expect(try Support.slipway(["init", directory.path, "--template", "baseline", "--quiet"]).status == 0)
        let dockerfile = directory.appendingPathComponent("Examples/workloads/aspnetapp/Dockerfile")
        #expect(try String(contentsOf: dockerfile, encoding: .utf8).contains("FROM mcr.microsoft.com/dotnet/samples"))
        #expect(try Support.slipway(["generate", "environments.swift", "--quiet"], in: directory).status == 0)
        let pipeline = try String(
            contentsOf: directory.appendingPathComponent(".github/workflows/slipway-aks-baseline-aspnetapp.yml"),
            encoding: .utf8)
        #expect(pipeline.contains("slipway set-input environments.swift \"aspnetapp.tag=$TAG\""))
        #expect(pipeline.contains("git add -- environments.swift Output .github/workflows"))
        #expect(try Support.slipway(["check", "environments.swift"], in: directory).status == 0)
    }

    @Test func unknownTemplateIsAUsageError() throws {
        let run = try Support.slipway(["init", Support.temporaryDirectory().path, "--template", "gigantic"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("choose one of baseline, minimal, multi-region"))
    }

    @Test func deployPipelineHasTheRequiredStructure() throws {
        let input = EnvironmentPipeline.Input(
            dslFile: "environments.swift", output: "Output",
            environments: [("hub", []), ("dev", ["hub"]), ("prod", ["hub"])],
            source: WorkflowSource.Pin(url: "https://example.com/s.git", reference: "v1"))
        let workflow = EnvironmentPipeline.workflow(input)
        let jobs = try #require(workflow["jobs"])
        guard case .object(let fields) = jobs else { Issue.record("jobs is not an object"); return }
        // Permissions: pull-requests: write to comment, id-token: write for OIDC; nothing broader.
        #expect(workflow["permissions"] == .object(["contents": "read"]))
        #expect(workflow["env"]?["SLIPWAY_SOURCE_REF"] == "v1")
        #expect(jobs["check"]?["permissions"]?["pull-requests"] == "write")
        #expect(jobs["preflight"]?["permissions"]?["id-token"] == "write")
        // The preflight runs on pull requests when credentials are configured: validate, then what-if.
        guard case .string(let condition)? = jobs["preflight"]?["if"] else { Issue.record("no condition"); return }
        #expect(condition.contains("vars.AZURE_CLIENT_ID != ''"))
        guard case .array(let steps)? = jobs["preflight"]?["steps"] else { Issue.record("no steps"); return }
        let runs = steps.compactMap { step -> String? in
            if case .string(let run)? = step["run"], run.hasPrefix("bash ") { return run }
            return nil
        }
        #expect(
            runs == [
                "bash Output/hub/deploy.sh validate", "bash Output/hub/deploy.sh what-if",
                "bash Output/dev/deploy.sh validate", "bash Output/dev/deploy.sh what-if",
                "bash Output/prod/deploy.sh validate", "bash Output/prod/deploy.sh what-if",
            ])
        // One deploy job per environment, after the environments it needs, each in its Environment.
        let deploys = fields.filter { $0.key.hasPrefix("deploy-") }
        #expect(deploys.map(\.key) == ["deploy-hub", "deploy-dev", "deploy-prod"])
        #expect(jobs["deploy-hub"]?["needs"] == "check")
        #expect(jobs["deploy-dev"]?["needs"] == .array(["check", "deploy-hub"]))
        #expect(jobs["deploy-prod"]?["environment"] == "prod")
        #expect(jobs["deploy-prod"]?["concurrency"]?["group"] == "deploy-prod")
        #expect(jobs["deploy-prod"]?["permissions"]?["id-token"] == "write")
        // Deploy jobs stop early, naming every unset Azure variable, before signing in.
        guard case .array(let deploySteps)? = jobs["deploy-dev"]?["steps"] else { Issue.record("no steps"); return }
        #expect(deploySteps[1]["name"] == "Azure variables are set")
        guard case .string(let check)? = deploySteps[1]["run"] else { Issue.record("no check"); return }
        #expect(check.contains("[ -n \"$AZURE_SUBSCRIPTION_ID\" ] || missing=\"$missing AZURE_SUBSCRIPTION_ID\""))
        #expect(check.contains("exit 1"))
        #expect(deploySteps[2]["uses"] == .string(GitHubActions.azureLoginAction.uses))
        guard case .array(let checkSteps)? = jobs["check"]?["steps"] else { Issue.record("no steps"); return }
        // Slipway is fetched at the pin (a commit works: no clone --branch) and its build is cached on it.
        let build =
            checkSteps.compactMap { step -> String? in
                if case .string(let run)? = step["run"], run.contains("swift build") { return run }
                return nil
            }.first ?? ""
        #expect(build.contains(#"fetch --quiet --depth 1 "$SLIPWAY_SOURCE_URL" "$SLIPWAY_SOURCE_REF""#))
        #expect(build.contains("checkout --quiet --force FETCH_HEAD") && !build.contains("--branch"))
        #expect(
            checkSteps.contains {
                $0["with"]?["key"] == .string("slipway-${{ env.SLIPWAY_SOURCE_REF }}-\(GitHubActions.swiftImage)")
            })
        // Comments are skipped on forks.
        #expect(
            checkSteps.contains {
                $0["if"]
                    == "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository"
            })
        // With a pin, no step asks for the variables; without one, the first step does.
        #expect(!checkSteps.contains { $0["name"] == "Slipway's source is set" })
        var unpinned = input
        unpinned.source = nil
        let unpinnedWorkflow = EnvironmentPipeline.workflow(unpinned)
        #expect(unpinnedWorkflow["env"]?["SLIPWAY_SOURCE_URL"] == "${{ vars.SLIPWAY_SOURCE_URL }}")
        guard case .array(let unpinnedSteps)? = unpinnedWorkflow["jobs"]?["check"]?["steps"] else {
            Issue.record("no steps")
            return
        }
        #expect(unpinnedSteps[1]["name"] == "Slipway's source is set")
    }

    @Test func versionAndHelpOnEveryVerb() throws {
        let version = try Support.slipway(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "slipway \(SlipwayVersion.current)\n")
        for verb in ["generate", "check", "diff", "explain", "init", "sample"] {
            let help = try Support.slipway([verb, "--help"])
            #expect(help.status == 0, "\(verb)")
            #expect(help.stdout.hasPrefix("usage: slipway \(verb)"), "\(verb)")
        }
        for verb in ["generate", "check", "diff", "init"] {
            #expect(try Support.slipway([verb, "--help"]).stdout.contains("example"), "\(verb) help has no examples")
        }
    }

    @Test func progressGoesToStandardErrorUnlessQuiet() throws {
        let loud = try Support.slipway(["check", "Examples/aks-baseline.swift"])
        #expect(loud.stderr.contains("slipway: running Examples/aks-baseline.swift…"))
        #expect(loud.stderr.contains(" Examples/aks-baseline.swift in "))
        #expect(!loud.stdout.contains("running"))
        let quiet = try Support.slipway(["check", "Examples/aks-baseline.swift", "--quiet"])
        #expect(quiet.stderr.isEmpty)
        // Not a terminal, so no colour even without NO_COLOR.
        #expect(!loud.stderr.contains("\u{1B}["))
    }
}

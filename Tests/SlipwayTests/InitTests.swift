import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import SlipwayCLI

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
        for file in ["environments.swift", ".gitignore", "README.md", ".github/workflows/slipway.yml"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let workflow = try String(
            contentsOf: directory.appendingPathComponent(".github/workflows/slipway.yml"), encoding: .utf8)
        #expect(workflow.contains("SLIPWAY_SOURCE_URL: \"https://example.com/slipway.git\""))
        #expect(workflow.contains("SLIPWAY_SOURCE_REF: v1.2.3"))
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("built in CI from https://example.com/slipway.git at v1.2.3"))
        #expect(
            readme.contains(
                "`SLIPWAY_SOURCE_URL` and `SLIPWAY_SOURCE_REF` to https://example.com/slipway.git and v1.2.3"))
        #expect(!readme.contains("{{"))
        let generate = try Support.slipway(["generate", "environments.swift", "--quiet"], in: directory)
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(!generate.stderr.contains("running"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("Output").path))
        // A second init refuses to overwrite; --force does.
        let again = try Support.slipway(["init", directory.path, "--template", template])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exist"))
        #expect(try Support.slipway(["init", directory.path, "--template", template, "--force"]).status == 0)
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

    @Test func workflowHasTheRequiredStructure() throws {
        let workflow = WorkflowRenderer.render(
            environments: ["dev", "prod"], sourceURL: "https://example.com/s.git", sourceReference: "v1",
            dslFile: "environments.swift")
        let jobs = try #require(workflow["jobs"])
        guard case .object(let fields) = jobs else { Issue.record("jobs is not an object"); return }
        // Permissions: pull-requests: write to comment, id-token: write for OIDC; nothing broader.
        #expect(workflow["permissions"] == .object(["contents": "read"]))
        #expect(jobs["check"]?["permissions"]?["pull-requests"] == "write")
        #expect(jobs["what-if"]?["permissions"]?["id-token"] == "write")
        // What-if is guarded on configured credentials, job and steps alike.
        guard case .string(let condition)? = jobs["what-if"]?["if"] else { Issue.record("no condition"); return }
        #expect(condition.contains("vars.AZURE_CLIENT_ID != ''"))
        guard case .array(let steps)? = jobs["what-if"]?["steps"] else { Issue.record("no steps"); return }
        let whatIfs = steps.filter {
            if case .string(let run)? = $0["run"] { return run.contains("what-if") } else { return false }
        }
        #expect(whatIfs.count == 2)
        #expect(whatIfs.allSatisfy { $0["if"] == "vars.AZURE_CLIENT_ID != ''" })
        // One deploy job per environment, in order, each with an environment and a concurrency group.
        let deploys = fields.filter { $0.key.hasPrefix("deploy-") }
        #expect(deploys.map(\.key) == ["deploy-dev", "deploy-prod"])
        #expect(jobs["deploy-dev"]?["environment"] == "dev")
        #expect(jobs["deploy-prod"]?["needs"] == "deploy-dev")
        #expect(jobs["deploy-prod"]?["concurrency"]?["group"] == "deploy-prod")
        #expect(jobs["deploy-prod"]?["permissions"]?["id-token"] == "write")
        // Comments are skipped on forks.
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
        #expect(
            checkSteps.contains {
                $0["if"]
                    == "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository"
            })
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

import Foundation
import Testing

/// `slipway install --prefix DIR` gives a relocatable installation that works with no checkout.
@Suite struct InstallTests {
    @Test func anInstallationWorksWithoutTheCheckoutAndSaysWhatIsMissing() throws {
        let scratch = Support.temporaryDirectory()
        let prefix = scratch.appendingPathComponent("prefix")
        let install = try Support.slipway(["install", "--prefix", prefix.path])
        #expect(install.status == 0, "\(install.stderr)")
        let installed = prefix.appendingPathComponent("bin/slipway")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: installed.path) == "../lib/slipway/slipway")
        let manifest = try String(contentsOf: prefix.appendingPathComponent("lib/slipway/INSTALL"), encoding: .utf8)
        #expect(manifest.contains("\"version\" : \"0.9.0\""))
        // The blueprint that is a link in the checkout is a file in the installation.
        let baseline = prefix.appendingPathComponent("lib/slipway/Templates/blueprints/baseline/environments.swift")
        #expect(
            try FileManager.default.attributesOfItem(atPath: baseline.path)[.type] as? FileAttributeType == .typeRegular
        )

        // Moved elsewhere, and run from outside any checkout with only the toolchain on PATH.
        let moved = scratch.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: prefix, to: moved)
        let slipway = moved.appendingPathComponent("bin/slipway")
        let swiftc = try #require(
            ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").first {
                FileManager.default.isExecutableFile(atPath: "\($0)/swiftc")
            })
        let environment = ["PATH": "\(swiftc):/usr/bin:/bin"]
        let repository = scratch.appendingPathComponent("platform")
        let version = try Support.run(slipway, ["--version"], in: scratch, environment: environment)
        #expect(version.stdout == "slipway 0.9.0\n")
        let scaffold = try Support.run(
            slipway, ["init", repository.path, "--template", "minimal", "--quiet"], in: scratch,
            environment: environment)
        #expect(scaffold.status == 0, "\(scaffold.stderr)")
        let generate = try Support.run(
            slipway, ["generate", "environments.swift", "--quiet"], in: repository, environment: environment)
        #expect(generate.status == 0, "\(generate.stderr)")
        let check = try Support.run(
            slipway, ["check", "environments.swift"], in: repository, environment: environment)
        #expect(check.status == 0, "\(check.stderr)")

        // A copy without the library says what is missing and how to fix it.
        try FileManager.default.removeItem(at: moved.appendingPathComponent("lib/slipway/libSlipway.so"))
        let broken = try Support.run(
            slipway, ["check", "environments.swift"], in: repository, environment: environment)
        #expect(broken.status == 6)
        #expect(broken.stderr.contains("is incomplete; missing: libSlipway.so"), "\(broken.stderr)")
        #expect(broken.stderr.contains("swift run -c release slipway install --prefix \(moved.path)"))
    }
}

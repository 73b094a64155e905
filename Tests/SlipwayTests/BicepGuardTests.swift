import Foundation
import SlipwayModel
import Testing

@testable import SlipwayRender

/// The syntax tree's two compile guards: one namespace for parameters, variables, resources and
/// modules (BCP028), and no run-time value where Bicep needs a deploy-time constant (BCP120).
@Suite struct BicepGuardTests {
    static func identity(_ symbol: String) -> BicepResource {
        BicepResource(
            symbol, "Microsoft.ManagedIdentity/userAssignedIdentities", body: [.init("name", .string(symbol))])
    }

    static func vault() -> BicepResource {
        BicepResource("keyVault", "Microsoft.KeyVault/vaults", body: [.init("name", "kv")])
    }

    // MARK: every name read is declared

    /// A parameter renamed where it is declared but not where a module reads it (BCP057).
    @Test func aNameNoDeclarationProvidesIsRefused() {
        var template = BicepTemplate()
        let vnetName = template.parameter("spokeVnetName", .string, "The spoke.", value: "vnet-spoke")
        template.add(
            BicepModule(
                "access", path: "modules/access.bicep", name: "access", scope: .expression("resourceGroup()"),
                parameters: [.init("vnetName", .expression("vnetSpokeName")), .init("other", vnetName)]))
        #expect(template.problems.map(\.kind) == [.undeclaredSymbol])
        #expect(template.problems.first?.message == "reads 'vnetSpokeName', which this template does not declare")
    }

    /// Loop variables, lambda parameters, object keys inside an expression and functions are bound.
    @Test func loopVariablesLambdasAndObjectKeysAreNotSymbols() {
        var template = BicepTemplate()
        let count = template.parameter("ipCount", .int, "How many.", value: .int(2))
        template.variable("names", .expression("filter(['a', 'b'], (item, index) => index < \(count.expressionText))"))
        template.add(
            BicepResource(
                "firewall", "Microsoft.Network/azureFirewalls",
                body: [
                    .init("name", "fw"),
                    .init(
                        "ipConfigurations",
                        .expression(
                            """
                            [for i in range(0, ipCount): {
                              name: names[i]
                              properties: {
                                subnet: i == 0 ? null : null
                              }
                            }]
                            """)),
                    .init("zones", .expression("map(names, zone => toUpper(zone))")),
                ]))
        #expect(template.problems.isEmpty, "\(template.problems)")
    }

    // MARK: one namespace

    @Test func aParameterAndAResourceCannotShareAName() {
        var template = BicepTemplate()
        template.add(Self.vault())
        template.parameter("ingressCertificate", .string, "The certificate.", value: .null, secure: true)
        template.add(
            BicepResource(
                "ingressCertificate", "Microsoft.KeyVault/vaults/secrets",
                body: [.init("parent", .expression("keyVault")), .init("name", "tls")]))
        #expect(template.problems.map(\.kind) == [.duplicateSymbol])
        #expect(template.problems.first?.symbol == "ingressCertificate")
        #expect(template.problems.first?.message.contains("already a parameter") == true)
        // The second declaration is never printed.
        let printed = BicepPrinter.print(template)
        #expect(printed.components(separatedBy: "ingressCertificate").count == 2)
        #expect(!printed.contains("resource ingressCertificate"))
    }

    @Test func everyKindSharesTheNamespaceButOutputsHaveTheirOwn() {
        var template = BicepTemplate()
        template.parameter("shared", .string, "A parameter.", value: "x")
        template.variable("shared", .string("y"))
        template.add(
            BicepModule(
                "shared", path: "modules/m.bicep", name: "m", scope: .expression("resourceGroup()"), parameters: []))
        template.add(Self.identity("shared"))
        #expect(template.problems.count == 3)
        #expect(template.problems.allSatisfy { $0.kind == .duplicateSymbol && $0.symbol == "shared" })
        var outputs = BicepTemplate()
        outputs.parameter("clusterName", .string, "A parameter.", value: "x")
        outputs.add(BicepOutput("clusterName", .string, .expression("clusterName")))
        #expect(outputs.problems.isEmpty)
        outputs.add(BicepOutput("clusterName", .string, .expression("clusterName")))
        #expect(outputs.problems.map(\.kind) == [.duplicateSymbol])
    }

    @Test func askingForTheSameParameterOrReferenceAgainIsOneDeclaration() {
        var template = BicepTemplate()
        template.parameter("location", .string, "Region.", value: "eastus")
        template.parameter("location", .string, "Region.", value: "eastus")
        let reference = BicepResource(
            "vnet", "Microsoft.Network/virtualNetworks", existing: true, body: [.init("name", "vnet-a")])
        template.add(reference)
        template.add(reference)
        #expect(template.problems.isEmpty)
        #expect(template.parameters.count == 1)
        #expect(template.resources.count == 1)
        // The same symbol for a different parameter type or another resource is not the same declaration.
        template.parameter("location", .int, "Region.", value: 1)
        template.add(
            BicepResource("vnet", "Microsoft.Network/virtualNetworks", existing: true, body: [.init("name", "vnet-b")]))
        #expect(template.problems.count == 2)
        #expect(template.parameters.count == 1)
        #expect(template.resources.count == 1)
    }

    // MARK: deploy-time constants

    @Test func aPrincipalIDInARoleAssignmentNameIsRefused() {
        var template = BicepTemplate()
        template.add(Self.vault())
        template.add(Self.identity("gatewayIdentity"))
        template.add(
            BicepResource(
                "access", "Microsoft.Authorization/roleAssignments",
                body: [
                    .init("name", .expression("guid(keyVault.id, gatewayIdentity.properties.principalId, 'role')")),
                    .init("scope", .expression("keyVault")),
                ]))
        #expect(template.problems.map(\.kind) == [.runtimeValueInConstant])
        #expect(template.problems.first?.symbol == "access")
        #expect(template.problems.first?.message.contains("gatewayIdentity.properties") == true)
    }

    @Test func theRoleAssignmentHelperNamesByResourceID() {
        var template = BicepTemplate()
        template.add(Self.vault())
        template.add(Self.identity("gatewayIdentity"))
        template.add(
            ModuleTemplates.roleAssignment(
                "access", scope: "keyVault", role: BuiltInRole.keyVaultReader, for: .identity("gatewayIdentity")))
        #expect(template.problems.isEmpty)
        let name = template.resources.last?.body.first { $0.key == "name" }?.value
        #expect(name == .expression("guid(keyVault.id, gatewayIdentity.id, '\(BuiltInRole.keyVaultReader)')"))
        let properties = template.resources.last?.body.first { $0.key == "properties" }?.value
        #expect(properties?["principalId"] == .expression("gatewayIdentity.properties.principalId"))
    }

    @Test func runTimeValuesAreFoundThroughModulesVariablesLoopsAndExistingReferences() {
        var template = BicepTemplate()
        template.add(Self.identity("identity"))
        template.add(
            BicepModule(
                "stamp", path: "modules/m.bicep", name: "stamp", scope: .expression("resourceGroup()"), parameters: []))
        // A module output in another module's name.
        template.add(
            BicepModule(
                "second", path: "modules/m.bicep", name: .expression("'x-${stamp.outputs.suffix}'"),
                scope: .expression("resourceGroup()"), parameters: []))
        // A variable built from a run-time value, in a location.
        template.variable("principal", .expression("identity.properties.principalId"))
        template.add(
            BicepResource(
                "topic", "Microsoft.EventGrid/systemTopics",
                body: [.init("name", "topic"), .init("location", .expression("principal"))]))
        // An existing reference whose name is a run-time value has a run-time id.
        template.add(
            BicepResource(
                "zone", "Microsoft.Network/privateDnsZones", existing: true,
                body: [.init("name", .expression("reference('x').zone"))]))
        template.add(
            BicepResource(
                "zoneAccess", "Microsoft.Authorization/roleAssignments",
                body: [.init("name", .expression("guid(zone.id)")), .init("scope", .expression("zone"))]))
        // An interpolated key in a deploy-time place.
        template.add(
            BicepResource(
                "cluster", "Microsoft.ContainerService/managedClusters",
                body: [
                    .init("name", "aks"),
                    .init("identity", .object([.init("${identity.properties.clientId}", .object([Value.Field]()))])),
                ]))
        let symbols = template.problems.map(\.symbol)
        #expect(symbols == ["topic", "zoneAccess", "cluster", "second"])
        #expect(template.problems.allSatisfy { $0.kind == .runtimeValueInConstant })
    }

    @Test func deployTimeReadsAndLiteralTextAreAccepted() {
        var template = BicepTemplate()
        template.parameter("clusterName", .string, "Name.", value: "aks")
        template.add(Self.identity("identity"))
        template.add(
            BicepModule(
                "stamp", path: "modules/m.bicep", name: "stamp", scope: .expression("resourceGroup()"), parameters: []))
        template.add(
            BicepResource(
                "cluster", "Microsoft.ContainerService/managedClusters",
                body: [
                    // `.properties` inside a string literal is text, not a read.
                    .init("name", .expression("'${clusterName}-identity.properties-${stamp.name}'")),
                    .init("location", .expression("resourceGroup().location")),
                    .init("identity", .object([.init("${identity.id}", .object([Value.Field]()))])),
                    .init("tags", .object(["principal": .expression("identity.name")])),
                    // Properties may read run-time values.
                    .init("properties", .object(["principal": .expression("identity.properties.principalId")])),
                ]))
        #expect(template.problems.isEmpty)
    }

    @Test func theScannerSeesRootsPropertiesAndCallsOnly() {
        let uses = BicepExpressionScanner.uses(
            in: "guid(vault.id, 'a.properties ${x[0].properties.y} \\'b', listKeys(s.id, '1').keys)")
        #expect(
            uses == [
                .init(identifier: "guid", property: nil, isCall: true, callsProperty: false),
                .init(identifier: "vault", property: "id", isCall: false, callsProperty: false),
                .init(identifier: "x", property: "properties", isCall: false, callsProperty: false),
                .init(identifier: "listKeys", property: nil, isCall: true, callsProperty: false),
                .init(identifier: "s", property: "id", isCall: false, callsProperty: false),
            ])
    }

    // MARK: the renderer refuses

    @Test func theRendererRefusesATemplateWithProblems() throws {
        var template = BicepTemplate()
        template.add(Self.identity("identity"))
        template.add(Self.identity("identity2"))
        template.add(
            BicepResource("identity", "Microsoft.KeyVault/vaults", body: [.init("name", "kv")]))
        let failure = EnvironmentRenderer.TemplateConstructionFailure(
            environment: "dev", file: "cluster-aks.bicep", problems: template.problems)
        #expect(failure.description.contains("dev/cluster-aks.bicep"))
        #expect(failure.description.contains("[BCP028] identity"))
    }

    @Test func everyModuleTemplateIsCompileClean() {
        for (path, template) in EnvironmentRenderer.moduleTemplates {
            #expect(template.problems.isEmpty, "\(path): \(template.problems)")
        }
    }
}

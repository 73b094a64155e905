import Foundation
import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway
@testable import SlipwayRules

/// `.managedGrafana(admins:)`: the workspace on the managed Prometheus data, its roles, AKS024.
@Suite struct ManagedGrafanaTests {
    static let admin = "22222222-2222-2222-2222-222222222222"

    func messages(_ model: EnvironmentModel) -> [String] {
        Validator.validate([model]).filter { $0.code == "AKS024" }.map(\.message)
    }

    @Test func grafanaReadsTheMonitorWorkspaceAndTheAdminGroupsAdministerIt() throws {
        let model = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .managedPrometheus()
            .managedGrafana(admins: [Self.admin]))
        #expect(Validator.validate([model]).filter { $0.severity == .error }.map(\.message) == [])
        let (bicep, parameters) = try PoolKindTests().template(model)
        #expect(
            bicep.contains(
                """
                resource grafana 'Microsoft.Dashboard/grafana@2024-10-01' = {
                  name: grafanaName
                  location: location
                  sku: {
                    name: 'Standard'
                  }
                  identity: {
                    type: 'SystemAssigned'
                  }
                  properties: {
                    apiKey: 'Disabled'
                    deterministicOutboundIP: 'Disabled'
                    grafanaMajorVersion: '11'
                    publicNetworkAccess: 'Enabled'
                    zoneRedundancy: 'Enabled'
                    grafanaIntegrations: {
                      azureMonitorWorkspaceIntegrations: [
                        {
                          azureMonitorWorkspaceResourceId: monitorWorkspace.id
                        }
                      ]
                    }
                  }
                }
                """))
        // Grafana's own identity reads the metrics; the role assignment's name is known at start.
        #expect(
            bicep.contains(
                """
                resource grafanaMonitoringDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
                  name: guid(monitorWorkspace.id, grafana.id, 'b0d8363b-8ddd-447d-831f-62ca05bff136') // Monitoring Data Reader
                  scope: monitorWorkspace
                """))
        #expect(
            bicep.contains("    principalId: grafana.identity.principalId\n    principalType: 'ServicePrincipal'\n"))
        #expect(
            bicep.contains(
                "resource grafanaAdmins 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for i in range(0, length(grafanaAdminGroupObjectIds)): {\n  name: guid(grafana.id, grafanaAdminGroupObjectIds[i], '22926164-76b3-42b3-bc55-97df8dab3e41') // Grafana Admin\n  scope: grafana\n"
            ))
        #expect(bicep.contains("    principalId: grafanaAdminGroupObjectIds[i]\n    principalType: 'Group'\n"))
        #expect(bicep.contains("        category: 'GrafanaLoginEvents'\n"))
        #expect(parameters.contains("\"grafanaName\": {\n      \"value\": \"amg-aks\"\n"))
        #expect(
            parameters.contains("\"grafanaAdminGroupObjectIds\": {\n      \"value\": [\n        \"\(Self.admin)\"\n"))
    }

    @Test func aks024RequiresMetricsAGoodNameAndObjectIDs() {
        let model = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .managedGrafana(admins: ["platform-team"], name: "amg-a-name-far-too-long-for-grafana"))
        #expect(
            messages(model) == [
                "Managed Grafana of cluster 'aks' has no Azure Monitor workspace to read: the cluster does not send managed Prometheus metrics",
                "Managed Grafana name 'amg-a-name-far-too-long-for-grafana' is not 2 to 23 letters, digits and hyphens starting with a letter and ending with a letter or digit",
                "Managed Grafana admin 'platform-team' of cluster 'aks' is not an Entra object ID",
            ])
        let hyphen = PoolKindTests.environment(
            PoolKindTests.cluster {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .managedPrometheus()
            .managedGrafana(admins: [], name: "amg-"))
        #expect(messages(hyphen).count == 1)
    }
}

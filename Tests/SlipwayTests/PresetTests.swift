import SlipwayModel
import SlipwayRender
import Testing

@testable import Slipway

/// The policy and alert presets are data a user can trim and extend.
@Suite struct PresetTests {
    @Test func baselinePolicyPresetHasTheReferenceAssignments() {
        let preset = PolicyPreset.baseline()
        #expect(preset.keys.count == 19)
        #expect(preset.keys.first == "podSecurityRestricted")
        #expect(preset.keys.last == "ingressTLSDomain")
        let imageSource = preset.assignments.first { $0.key == "imageSource" }
        #expect(imageSource?.definitionID == "febd0533-8e55-448f-b837-bd0e06f16469")
        #expect(imageSource?.parameters["effect"]?["value"] == "Deny")
    }

    @Test func policyPresetCanBeTrimmedAndExtended() {
        let preset = PolicyPreset.baseline()
            .excluding("authorizedIPRangesDefined", "defaultNamespace")
            .adding(
                "noPrivileged", displayName: "No privileged containers",
                definitionID: "95edb821-ddaf-4404-9732-666045e056b4", parameters: ["effect": "Deny"])
        #expect(preset.keys.count == 18)
        #expect(!preset.keys.contains("authorizedIPRangesDefined"))
        #expect(preset.keys.last == "noPrivileged")
        #expect(preset.assignments.last?.parameters["effect"]?["value"] == "Deny")
    }

    @Test func trimmedPresetRendersOnlyWhatRemains() throws {
        let env = Environment("policies", location: .eastUS) {
            AKSCluster("aks", kubernetesVersion: "1.34.2") {
                NodePool.system("system", vmSize: .standardD2dV5, autoscale: 1...3)
            }
            .policies(.baseline().excluding("ingressTLSDomain", "hostPaths"))
        }
        let model = env.resolved()
        let files = try EnvironmentRenderer.render(model, among: [model], fluxPathPrefix: "Output")
        let cluster = try #require(files["cluster-aks.bicep"])
        // The assignments live in the policies module, which the cluster waits for.
        let template = try #require(files["modules/policies-aks.bicep"])
        #expect(cluster.contains("module policies 'modules/policies-aks.bicep' = {"))
        #expect(!cluster.contains("'Microsoft.Authorization/policyAssignments@"))
        #expect(template.components(separatedBy: "'Microsoft.Authorization/policyAssignments@").count - 1 == 17)
        #expect(!template.contains("policyHostPaths"))
        #expect(!cluster.contains("policy-ingress-tls-domain.bicep"))
        #expect(files["modules/policy-ingress-tls-domain.bicep"] == nil)
        // Without a registry the image policy allows only the allow-list.
        #expect(template.contains("mcr\\\\.microsoft\\\\.com/.+$|docker\\\\.io/library/.+$"))
    }

    @Test func recommendedAlertsCanBeTrimmedAndExtended() {
        let recommended = AlertPreset.recommended
        #expect(recommended.alertNames.count == 30)
        #expect(recommended.alertNames.contains("KubePodCrashLooping"))
        let custom = recommended.excluding("KubeHpaMaxedOut").adding(
            "NodeNotReady", expression: "kube_node_status_condition{condition=\"Ready\",status=\"false\"} == 1",
            summary: "A node is not ready.", group: "node-level")
        #expect(custom.alertNames.count == 30)
        #expect(!custom.alertNames.contains("KubeHpaMaxedOut"))
        #expect(custom.model.prometheusRuleGroups[1].rules.last?.alert == "NodeNotReady")
    }
}

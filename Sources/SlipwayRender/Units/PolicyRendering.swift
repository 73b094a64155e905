import FoundationEssentials
import SlipwayModel

/// Azure Policy assignments at a unit's resource group, and Slipway's custom ingress-domain policy.
enum PolicyRendering {
    /// One assignment of a built-in definition or initiative, named `guid(definition, group, seed)`.
    /// The policies module's parameter for the custom ingress-domain definition's ID.
    static let customDefinitionParameter = "ingressDomainPolicyDefinitionId"

    static func assignment(
        _ symbolName: String, definition: String, initiative: Bool, displayName: Value, seed: Value, parameters: Value
    ) -> BicepResource {
        let type = initiative ? "policySetDefinitions" : "policyDefinitions"
        return assignment(
            symbolName,
            definition: .expression("tenantResourceId('Microsoft.Authorization/\(type)', '\(definition)')"),
            displayName: displayName, nameSeed: "'\(definition)'", seed: seed, parameters: parameters)
    }

    static func assignment(
        _ symbolName: String, definition: Value, displayName: Value, nameSeed: String, seed: Value, parameters: Value
    ) -> BicepResource {
        BicepResource(
            symbolName, "Microsoft.Authorization/policyAssignments",
            body: [
                .init("name", .expression("guid(\(nameSeed), resourceGroup().id, \(seed.expressionText))")),
                .init(
                    "properties",
                    .object([
                        "displayName": displayName,
                        "policyDefinitionId": definition,
                        "parameters": parameters,
                        "enforcementMode": "Default",
                    ])),
            ])
    }

    /// Assigns a cluster's preset. The image-source policy gets the registry and allow-list regex,
    /// the ingress-domain policy the ingress domain.
    static func add(
        _ assignments: [PolicyAssignmentModel], cluster: ClusterModel, clusterName: Value, registryName: Value?,
        unit: inout UnitTemplate
    ) {
        for policy in assignments {
            var parameters = policy.parameters
            if policy.key == "imageSource" {
                var alternatives = unit.context.environment.allowedImageSources.map {
                    $0.replacingEvery(".", with: "\\\\.") + ".+$"
                }
                if let registryName {
                    alternatives.insert("${\(registryName.expressionText)}\\\\.azurecr\\\\.io/.+$", at: 0)
                }
                parameters = parameters.setting(
                    .expression("'\(alternatives.joined(separator: "|"))'"),
                    at: ["allowedContainerImagesRegex", "value"])
            }
            let displayName = Value.expression(
                "take('[${\(clusterName.expressionText)}] \(policy.displayName.replacingEvery("'", with: "\\'"))', 120)"
            )
            let symbolName = symbol("policy", policy.key)
            if let definition = policy.definitionID {
                unit.bicep.name(definition: definition, as: policy.displayName)
                unit.bicep.add(
                    assignment(
                        symbolName, definition: definition, initiative: policy.isInitiative, displayName: displayName,
                        seed: clusterName, parameters: parameters))
            } else if let ingress = cluster.addOns.ingress {
                parameters = parameters.setting(
                    .array([.string(ingress.domain)]), at: ["allowedDomainSuffixes", "value"])
                let definition = unit.bicep.parameter(
                    customDefinitionParameter, .string,
                    "The ID of the custom policy definition that ingress TLS hosts end with the ingress domain.",
                    value: .null)
                unit.bicep.add(
                    assignment(
                        symbolName, definition: definition,
                        displayName: displayName, nameSeed: "'K8sCustomIngressTlsHostsHaveDefinedDomainSuffix'",
                        seed: clusterName, parameters: parameters))
            }
        }
    }

    /// The Gatekeeper constraint template behind the custom ingress-domain policy, written for Slipway.
    static let ingressDomainConstraintTemplate = """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata:
          name: k8scustomingresstlshostshavedefineddomainsuffix
        spec:
          crd:
            spec:
              names:
                kind: K8sCustomIngressTlsHostsHaveDefinedDomainSuffix
              validation:
                openAPIV3Schema:
                  type: object
                  properties:
                    allowedDomainSuffixes:
                      type: array
                      items:
                        type: string
          targets:
            - target: admission.k8s.gatekeeper.sh
              rego: |
                package k8scustomingresstlshostshavedefineddomainsuffix

                violation[{"msg": msg}] {
                  host := input.review.object.spec.tls[_].hosts[_]
                  not allowed(host)
                  msg := sprintf("ingress TLS host %v does not end with an allowed domain suffix %v", [host, input.parameters.allowedDomainSuffixes])
                }

                allowed(host) {
                  suffix := input.parameters.allowedDomainSuffixes[_]
                  endswith(host, concat("", [".", suffix]))
                }

        """

    /// `modules/policy-ingress-tls-domain.bicep`: the custom definition, at subscription scope.
    static func ingressDomainPolicyDefinition() -> BicepTemplate {
        var template = BicepTemplate(targetScope: "subscription")
        let content = Data(ingressDomainConstraintTemplate.utf8).base64EncodedString()
        func parameter(
            _ type: String, _ name: String, _ description: String, _ defaultValue: Value, allowed: [String]? = nil
        )
            -> Value.Field
        {
            var fields: [Value.Field] = [
                .init("type", .string(type)),
                .init("metadata", .object(["displayName": .string(name), "description": .string(description)])),
            ]
            if let allowed { fields.append(.init("allowedValues", .array(allowed.map { .string($0) }))) }
            fields.append(.init("defaultValue", defaultValue))
            return .init(name, .object(fields))
        }
        template.add(
            BicepResource(
                "definition", "Microsoft.Authorization/policyDefinitions",
                body: [
                    .init("name", "K8sCustomIngressTlsHostsHaveDefinedDomainSuffix"),
                    .init(
                        "properties",
                        .object([
                            .init("policyType", "Custom"),
                            .init("mode", "Microsoft.Kubernetes.Data"),
                            .init("displayName", "Kubernetes ingress TLS hosts must use an allowed domain suffix"),
                            .init(
                                "description",
                                "Denies ingress resources whose TLS hosts do not end with one of the allowed domain suffixes."
                            ),
                            .init("metadata", .object(["category": "Kubernetes", "version": "1.0.0"])),
                            .init(
                                "parameters",
                                .object([
                                    parameter(
                                        "String", "effect", "audit, deny or disabled", "audit",
                                        allowed: ["audit", "Audit", "deny", "Deny", "disabled", "Disabled"]),
                                    parameter(
                                        "Array", "excludedNamespaces", "Namespaces the policy ignores",
                                        ["kube-system", "gatekeeper-system", "azure-arc"]),
                                    parameter("Array", "namespaces", "Namespaces the policy checks (empty: all)", []),
                                    parameter(
                                        "Object", "labelSelector", "Objects the policy checks, by label",
                                        .object([Value.Field]())),
                                    parameter(
                                        "Array", "allowedDomainSuffixes", "Domain suffixes TLS hosts may use", []),
                                ])),
                            .init(
                                "policyRule",
                                .object([
                                    "if": .object([
                                        "field": "type", "in": ["Microsoft.ContainerService/managedClusters"],
                                    ]),
                                    "then": .object([
                                        "effect": "[parameters('effect')]",
                                        "details": .object([
                                            "templateInfo": .object([
                                                "sourceType": "Base64Encoded", "content": .string(content),
                                            ]),
                                            "apiGroups": ["networking.k8s.io"],
                                            "kinds": ["Ingress"],
                                            "excludedNamespaces": "[parameters('excludedNamespaces')]",
                                            "namespaces": "[parameters('namespaces')]",
                                            "labelSelector": "[parameters('labelSelector')]",
                                            "values": .object([
                                                "allowedDomainSuffixes": "[parameters('allowedDomainSuffixes')]"
                                            ]),
                                        ]),
                                    ]),
                                ])),
                        ])),
                ]))
        template.add(BicepOutput("policyId", .string, .expression("definition.id")))
        return template
    }
}

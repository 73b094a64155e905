import SlipwayModel

/// `<unit>.parameters.json`: every parameter of the template (none has a default), and nothing else.
/// Secure parameters take a Key Vault reference; no secret value is ever written.
enum ParametersRenderer {
    static let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"

    static func render(_ template: BicepTemplate) -> String {
        var parameters: [Value.Field] = []
        for parameter in template.parameters.sorted(by: { $0.name < $1.name }) {
            if let secret = parameter.keyVaultSecret {
                parameters.append(
                    .init(
                        parameter.name,
                        .object([
                            "reference": .object([
                                "keyVault": .object(["id": .string(secret.vaultID)]),
                                "secretName": .string(secret.secretName),
                            ])
                        ])))
            } else {
                parameters.append(.init(parameter.name, .object(["value": parameter.value])))
            }
        }
        return JSONPrinter.print(
            .object([
                "$schema": .string(schema),
                "contentVersion": "1.0.0.0",
                "parameters": .object(parameters),
            ]))
    }
}

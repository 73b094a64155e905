import SlipwayModel

/// The cluster stamp's identities, Key Vault, private DNS zones and role assignments.
enum ClusterSecurityRendering {
    /// A user-assigned identity and its symbol.
    static func identity(_ symbolName: String, name: Value, unit: inout UnitTemplate) -> String {
        unit.bicep.add(
            BicepResource(symbolName, "Microsoft.ManagedIdentity/userAssignedIdentities", body: unit.head(name: name)))
        return symbolName
    }

    /// The cluster's Key Vault with its private endpoint and zone, and the secrets the cluster
    /// needs, each taken from the secrets vault through a Key Vault reference.
    ///
    /// - Returns: what a client in the spoke waits for before it can reach the vault by name: the
    ///   private endpoint, its DNS zone group (the A record) and the zone's VNet links. With public
    ///   access off, a client that resolves the name before the record exists gets the public
    ///   address and is refused.
    static func keyVault(
        _ vault: KeyVaultModel, cluster: ClusterModel, network: String?, unit: inout UnitTemplate
    ) -> [String] {
        let base = unit.bicep.parameter(
            "keyVaultBaseName", .string,
            "The base name of the cluster's Key Vault; the naming convention appends a deterministic suffix.",
            value: .string(vault.baseName))
        let suffix = unit.context.uniqueSuffix(in: unit.resourceGroup)
        let name = unit.bicep.variable("keyVaultName", .expression("'${\(base.expressionText)}-${take(\(suffix), 8)}'"))
        unit.bicep.add(
            BicepResource(
                "keyVault", "Microsoft.KeyVault/vaults",
                body: unit.head(name: name) + [
                    .init(
                        "properties",
                        .object([
                            "tenantId": .expression("subscription().tenantId"),
                            "sku": .object(["family": "A", "name": "standard"]),
                            "enableRbacAuthorization": true,
                            "enableSoftDelete": true,
                            "softDeleteRetentionInDays": .int(vault.softDeleteRetentionDays),
                            "enablePurgeProtection": true,
                            "publicNetworkAccess": "Disabled",
                            "networkAcls": .object([
                                "bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [],
                                "virtualNetworkRules": [],
                            ]),
                            "enabledForDeployment": false,
                            "enabledForDiskEncryption": false,
                            "enabledForTemplateDeployment": false,
                        ]))
                ]))
        unit.diagnostics(
            on: "keyVault", logs: ["AuditEvent"], metrics: true,
            to: cluster.diagnosticsWorkspace ?? unit.context.environment.diagnosticsWorkspace)
        let links = unit.addPrivateDNSZone(
            "keyVaultPrivateDnsZone", name: "privatelink.vaultcore.azure.net", linkedTo: [network].compactMap { $0 })
        unit.addPrivateEndpoint(
            "keyVaultPrivateEndpoint", name: .expression("'pe-${keyVaultName}'"), for: "keyVault", groupID: "vault",
            subnet: vault.privateEndpoint, zone: "keyVaultPrivateDnsZone", zoneConfiguration: "privatelink-akv-net")
        unit.bicep.add(BicepOutput("keyVaultName", .string, .expression("keyVault.name")))
        return ["keyVaultPrivateEndpoint", "keyVaultPrivateEndpointZoneGroup"] + links
    }

    /// A certificate the cluster needs, copied from the secrets vault into the cluster's Key Vault.
    static func secret(
        _ symbolName: String, name: String, parameter: String, description: String, sourceSecret: String,
        contentType: String, unit: inout UnitTemplate
    ) {
        let value = unit.bicep.parameter(
            parameter, .string, description, value: .null, secure: true,
            keyVaultSecret: KeyVaultSecret(
                vaultID: unit.context.environment.secretsVaultID ?? "", secretName: sourceSecret))
        unit.bicep.add(
            BicepResource(
                symbolName, "Microsoft.KeyVault/vaults/secrets",
                body: [
                    .init("parent", .expression("keyVault")),
                    .init("name", .string(name)),
                    .init(
                        "properties",
                        .object([
                            "value": value, "contentType": .string(contentType),
                            "attributes": .object(["enabled": true]),
                        ])),
                ]))
    }

    /// Key Vault Secrets User and Key Vault Reader on the cluster's vault for `principal`.
    static func keyVaultAccess(for identity: String, unit: inout UnitTemplate) -> [String] {
        var symbols: [String] = []
        for (role, suffix) in [
            (BuiltInRole.keyVaultSecretsUser, "SecretsUser"), (BuiltInRole.keyVaultReader, "Reader"),
        ] {
            let symbolName = "\(identity)KeyVault\(suffix)"
            unit.bicep.add(
                ModuleTemplates.roleAssignment(
                    symbolName, scope: "keyVault", role: role, for: .identity(identity)))
            symbols.append(symbolName)
        }
        return symbols
    }
}

import SlipwayModel

/// Workload identities in the cluster stamp: a user-assigned identity per declared federated
/// identity, with a federated credential that trusts this cluster's OIDC issuer for one subject,
/// the identity's client ID as an output, and Key Vault read access for identities whose
/// workloads mount secrets.
enum ClusterIdentityRendering {
    /// The Bicep symbol of the identity `name`: `idAspnetappIdentity` for `id-aspnetapp`.
    static func symbol(of name: String) -> String { SlipwayRender.symbol(name, "identity") }

    /// - Returns: the role assignments the cluster's Flux configuration waits for.
    static func add(
        _ identities: [FederatedIdentityModel], readingKeyVault readers: Set<String>, unit: inout UnitTemplate
    ) -> [String] {
        var access: [String] = []
        for identity in identities {
            let symbolName = ClusterSecurityRendering.identity(
                symbol(of: identity.name), name: .string(identity.name), unit: &unit)
            unit.bicep.add(
                BicepResource(
                    "\(symbolName)FederatedCredential",
                    "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
                    body: [
                        .init("parent", .expression(symbolName)),
                        // Named after the cluster, so one identity can trust several clusters.
                        .init("name", .expression("clusterName")),
                        .init(
                            "properties",
                            .object([
                                "issuer": .expression("cluster.properties.oidcIssuerProfile.issuerURL"),
                                "subject": .string(identity.subject),
                                "audiences": ["api://AzureADTokenExchange"],
                            ])),
                    ]))
            unit.bicep.add(
                BicepOutput(
                    WorkloadVariables.clientID(of: identity.name), .string,
                    .expression("\(symbolName).properties.clientId")))
            if readers.contains(identity.name) {
                access += ClusterSecurityRendering.keyVaultAccess(for: symbolName, unit: &unit)
            }
        }
        return access
    }
}

import SlipwayModel

/// Built-in Azure role definition IDs used by the renderers.
enum BuiltInRole {
    static let acrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
    static let aksRBACReader = "7f6c6a51-bcf8-42ba-9220-52d62157d7db"
    static let keyVaultReader = "21090545-7ca7-4776-b22c-e363652d74d2"
    static let keyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6"
    static let privateDNSZoneContributor = "b12aa53e-6015-4669-85d0-8515ebb3ae7f"
    static let virtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"
    static let networkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7"
    static let aksRBACClusterAdmin = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"
    static let aksClusterUser = "4abbcc35-e782-43d8-92c5-2d3f1bd2253f"
    static let monitoringDataReader = "b0d8363b-8ddd-447d-831f-62ca05bff136"
    static let grafanaAdmin = "22926164-76b3-42b3-bc55-97df8dab3e41"

    /// Each role's name as Azure lists it, for the comment beside its GUID in the templates.
    static let names: [String: String] = [
        acrPull: "AcrPull",
        aksRBACReader: "Azure Kubernetes Service RBAC Reader",
        keyVaultReader: "Key Vault Reader",
        keyVaultSecretsUser: "Key Vault Secrets User",
        privateDNSZoneContributor: "Private DNS Zone Contributor",
        virtualMachineContributor: "Virtual Machine Contributor",
        networkContributor: "Network Contributor",
        aksRBACClusterAdmin: "Azure Kubernetes Service RBAC Cluster Admin",
        aksClusterUser: "Azure Kubernetes Service Cluster User Role",
        monitoringDataReader: "Monitoring Data Reader",
        grafanaAdmin: "Grafana Admin",
    ]
}

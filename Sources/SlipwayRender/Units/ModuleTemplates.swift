import SlipwayModel

/// Templates under `modules/`: deployed by a unit into another resource group, without parameter files.
enum ModuleTemplates {
    static let peeringFile = "virtual-network-peering.bicep"
    static let clusterNetworkAccessFile = "cluster-network-access.bicep"
    static let registryPullAccessFile = "registry-pull-access.bicep"
    static let ingressDomainPolicyFile = "policy-ingress-tls-domain.bicep"
    static let nodeResourceGroupAccessFile = "node-resource-group-access.bicep"
    static let apiServerZoneAccessFile = "api-server-dns-zone-access.bicep"

    static func peeringProperties(remote: Value) -> Value {
        .object([
            "remoteVirtualNetwork": .object(["id": remote]),
            "allowVirtualNetworkAccess": true,
            "allowForwardedTraffic": false,
            "allowGatewayTransit": false,
            "useRemoteGateways": false,
        ])
    }

    /// One side of a VNet peering, deployed into the local VNet's resource group.
    static func peering() -> BicepTemplate {
        var template = BicepTemplate()
        template.parameter("localVnetName", .string, "The VNet that owns this side of the peering.", value: .null)
        template.parameter("remoteVirtualNetworkId", .string, "The resource ID of the remote VNet.", value: .null)
        template.add(
            BicepResource(
                "localVnet", "Microsoft.Network/virtualNetworks", existing: true,
                body: [.init("name", .expression("localVnetName"))]))
        template.add(
            BicepResource(
                "peering", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
                body: [
                    .init("parent", .expression("localVnet")),
                    .init("name", .expression("'to_${last(split(remoteVirtualNetworkId, '/'))}'")),
                    .init("properties", peeringProperties(remote: .expression("remoteVirtualNetworkId"))),
                ]))
        return template
    }

    /// Who a role assignment is for. Its name must be known when the deployment starts (BCP120),
    /// so an identity created in the same template is named by its resource ID, and only its
    /// `principalId`, known once it exists, goes into the properties (as the reference does).
    enum Principal {
        /// A user-assigned identity declared in the same template, by symbol.
        case identity(String)
        /// An Entra group's object ID: a parameter or a loop element.
        case group(String)
        /// A service principal's object ID passed in: a module parameter.
        case objectID(String)
        /// The system-assigned identity of a resource declared in the same template, by symbol.
        case systemIdentity(String)

        var nameKey: String {
            switch self {
            case .identity(let symbol), .systemIdentity(let symbol): "\(symbol).id"
            case .group(let expression), .objectID(let expression): expression
            }
        }
        var principalID: String {
            switch self {
            case .identity(let symbol): "\(symbol).properties.principalId"
            case .systemIdentity(let symbol): "\(symbol).identity.principalId"
            case .group(let expression), .objectID(let expression): expression
            }
        }
        var principalType: String {
            if case .group = self { return "Group" }
            return "ServicePrincipal"
        }
    }

    static func roleAssignment(_ symbolName: String, scope: String, role: String, for principal: Principal)
        -> BicepResource
    {
        BicepResource(
            symbolName, "Microsoft.Authorization/roleAssignments",
            body: [
                .init("name", .expression("guid(\(scope).id, \(principal.nameKey), '\(role)')")),
                .init("scope", .expression(scope)),
                .init(
                    "properties",
                    .object([
                        "roleDefinitionId": .expression(
                            "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '\(role)')"),
                        "principalId": .expression(principal.principalID),
                        "principalType": .string(principal.principalType),
                    ])),
            ])
    }

    /// Network Contributor for the cluster's control-plane identity on its subnets, in the spoke's group.
    static func clusterNetworkAccess() -> BicepTemplate {
        var template = BicepTemplate()
        template.parameter("vnetName", .string, "The spoke VNet of the cluster.", value: .null)
        template.parameter(
            "subnetNames", .array, "The subnets the control plane manages (nodes, API server).", value: .null)
        template.parameter(
            "principalId", .string, "The object ID of the cluster's control-plane identity.", value: .null)
        template.add(
            BicepResource(
                "vnet", "Microsoft.Network/virtualNetworks", existing: true,
                body: [.init("name", .expression("vnetName"))]))
        template.add(
            BicepResource(
                "subnets", "Microsoft.Network/virtualNetworks/subnets", existing: true,
                loop: ("i", "length(subnetNames)"),
                body: [.init("parent", .expression("vnet")), .init("name", .expression("subnetNames[i]"))]))
        template.parameter(
            "vnetRoleDefinitionIds", .array,
            "Roles the control plane needs on the VNet itself (Private DNS Zone Contributor for a private cluster).",
            value: .null)
        var assignment = roleAssignment(
            "networkContributor", scope: "subnets[i]", role: BuiltInRole.networkContributor,
            for: .objectID("principalId"))
        assignment.loop = ("i", "length(subnetNames)")
        template.add(assignment)
        template.add(
            BicepResource(
                "vnetRoles", "Microsoft.Authorization/roleAssignments", loop: ("i", "length(vnetRoleDefinitionIds)"),
                body: [
                    .init("name", .expression("guid(vnet.id, principalId, vnetRoleDefinitionIds[i])")),
                    .init("scope", .expression("vnet")),
                    .init(
                        "properties",
                        .object([
                            "roleDefinitionId": .expression(
                                "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', vnetRoleDefinitionIds[i])"
                            ),
                            "principalId": .expression("principalId"),
                            "principalType": "ServicePrincipal",
                        ])),
                ]))
        return template
    }

    /// A central API-server zone, in its owner's group: Private DNS Zone Contributor for the
    /// cluster's control-plane identity (AKS writes the API server's A record), and the link to
    /// the cluster's spoke VNet unless the spoke resolves through the hub.
    static func apiServerZoneAccess() -> BicepTemplate {
        var template = BicepTemplate()
        template.parameter("zoneName", .string, "The central private DNS zone of the API server.", value: .null)
        template.parameter(
            "principalId", .string, "The object ID of the cluster's control-plane identity.", value: .null)
        template.parameter(
            "linkedVnetId", .string, "The spoke VNet to link the zone to; empty for none.", value: .null)
        template.add(
            BicepResource(
                "zone", "Microsoft.Network/privateDnsZones", existing: true,
                body: [.init("name", .expression("zoneName"))]))
        template.add(
            roleAssignment(
                "zoneContributor", scope: "zone", role: BuiltInRole.privateDNSZoneContributor,
                for: .objectID("principalId")))
        var link = BicepResource(
            "spokeLink", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
            body: [
                .init("parent", .expression("zone")),
                .init("name", .expression("'to_${last(split(linkedVnetId, '/'))}'")),
                .init("location", "global"),
                .init(
                    "properties",
                    .object([
                        "virtualNetwork": .object(["id": .expression("linkedVnetId")]),
                        "registrationEnabled": false,
                    ])),
            ])
        link.condition = "!empty(linkedVnetId)"
        template.add(link)
        return template
    }

    /// Virtual Machine Contributor for the kubelet identity on the cluster's node resource group.
    static func nodeResourceGroupAccess() -> BicepTemplate {
        var template = BicepTemplate()
        template.parameter("principalId", .string, "The object ID of the cluster's kubelet identity.", value: .null)
        var assignment = roleAssignment(
            "virtualMachineContributor", scope: "resourceGroup()", role: BuiltInRole.virtualMachineContributor,
            for: .objectID("principalId"))
        assignment.body.removeAll { $0.key == "scope" }
        assignment.body[0] = .init(
            "name", .expression("guid(resourceGroup().id, principalId, '\(BuiltInRole.virtualMachineContributor)')"))
        template.add(assignment)
        return template
    }

    /// AcrPull for the kubelet identity on a registry, in the registry stamp's group.
    static func registryPullAccess() -> BicepTemplate {
        var template = BicepTemplate()
        template.parameter("registryName", .string, "The registry the cluster pulls from.", value: .null)
        template.parameter("principalId", .string, "The object ID of the cluster's kubelet identity.", value: .null)
        template.add(
            BicepResource(
                "registry", "Microsoft.ContainerRegistry/registries", existing: true,
                body: [.init("name", .expression("registryName"))]))
        template.add(
            roleAssignment("acrPull", scope: "registry", role: BuiltInRole.acrPull, for: .objectID("principalId")))
        return template
    }
}

import SlipwayModel

/// Combinations that pass every other rule yet render templates or manifests Azure or the cluster
/// would reject, or that the renderer could only honour by leaving something out: each needs a
/// piece of the environment that is not there.
enum DeployabilityRules {
    static let combinations: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        for environment in environments {
            if environment.hub == nil && environment.spokes.isEmpty && environment.workspaces.isEmpty
                && environment.registries.isEmpty && environment.clusters.isEmpty && environment.rawResources.isEmpty
            {
                diagnostics.append(
                    Diagnostic(
                        .warning, "ENV004",
                        "environment '\(environment.name)' declares nothing to deploy: its deploy.sh would do nothing",
                        note: "declare its networks, workspaces, registries or clusters, or drop it from Slipway.emit",
                        at: environment.site))
            }
            diagnostics += hubServices(environment)
            diagnostics += workspacePlacement(environment)
            for cluster in environment.clusters {
                diagnostics += ingress(cluster, in: environment)
                diagnostics += applicationGateway(cluster, in: environment)
            }
        }
        return diagnostics
    }

    /// NET012 / NET013: Azure Firewall needs `AzureFirewallSubnet` in its VNet, Bastion
    /// `AzureBastionSubnet`; without it the hub template fails on the first IP configuration.
    static func hubServices(_ environment: EnvironmentModel) -> [Diagnostic] {
        guard let hub = environment.hub else { return [] }
        var diagnostics: [Diagnostic] = []
        if let firewall = hub.firewall, !hub.subnets.contains(where: { $0.role == .azureFirewall }) {
            diagnostics.append(
                Diagnostic(
                    .error, "NET012",
                    "firewall '\(firewall.name)' needs an AzureFirewallSubnet in hub '\(hub.name)', which declares none",
                    note: "add Subnet.azureFirewall(\"<a /26 of \(hub.addressSpace)>\") to the hub", at: firewall.site))
        }
        if let bastion = hub.bastion, !hub.subnets.contains(where: { $0.role == .azureBastion }) {
            diagnostics.append(
                Diagnostic(
                    .error, "NET013",
                    "Bastion '\(bastion.name)' needs an AzureBastionSubnet in hub '\(hub.name)', which declares none",
                    note: "add Subnet.azureBastion(\"<a /26 of \(hub.addressSpace)>\") to the hub", at: bastion.site))
        }
        return diagnostics
    }

    /// ENV003: a workspace placed in the hub of an environment that deploys no hub of its own
    /// would be created nowhere while everything that sends it diagnostics refers to it.
    static func workspacePlacement(_ environment: EnvironmentModel) -> [Diagnostic] {
        guard environment.hub == nil else { return [] }
        return environment.workspaces.filter { $0.unit == .hub }.map { workspace in
            Diagnostic(
                .error, "ENV003",
                "workspace '\(workspace.name)' is placed in the hub, but environment '\(environment.name)' deploys no hub",
                note:
                    "drop `in: .hub` (it then goes with the registry stamp's resource group), or declare the hub here",
                at: workspace.site)
        }
    }

    /// AKS013: the ingress controller reads its certificate from the cluster's Key Vault, takes
    /// its internal load balancer in a subnet of the cluster's own VNet, at a usable address.
    static func ingress(_ cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        guard let ingress = cluster.addOns.ingress else { return [] }
        var problems: [String] = []
        if cluster.addOns.keyVault == nil {
            problems.append("the cluster has no Key Vault for its certificate (add .keyVault(_:privateEndpointIn:))")
        }
        if let nodes = cluster.nodeSubnet, ingress.subnet.spoke != nodes.spoke {
            problems.append(
                "its subnet is in '\(ingress.subnet.spoke)', but the cluster's nodes are in '\(nodes.spoke)' (an internal load balancer takes a subnet of the cluster's VNet)"
            )
        }
        if let subnet = environment.subnet(ingress.subnet), let range = subnet.prefix.cidr,
            let address = CIDR.parseAddress(ingress.internalLoadBalancerIP)
        {
            // Azure keeps the first four addresses and the last one of every subnet.
            let first = range.address + 4
            let last = range.address + UInt32((1 << (32 - range.length)) - 2)
            if range.length > 29 || address < first || address > last {
                problems.append(
                    "\(ingress.internalLoadBalancerIP) is not a usable address of \(subnet.name) \(subnet.prefix) (Azure keeps the first four and the last)"
                )
            }
        } else if CIDR.parseAddress(ingress.internalLoadBalancerIP) == nil {
            problems.append("'\(ingress.internalLoadBalancerIP)' is not an IPv4 address")
        }
        return problems.map {
            Diagnostic(
                .error, "AKS013", "the ingress controller of cluster '\(cluster.name)' cannot deploy: \($0)",
                at: ingress.site)
        }
    }

    /// AKS014: the Application Gateway forwards to the ingress controller over TLS with the
    /// certificates of the cluster's Key Vault, from a subnet of the cluster's VNet, behind the
    /// spoke's ingress public IP.
    static func applicationGateway(_ cluster: ClusterModel, in environment: EnvironmentModel) -> [Diagnostic] {
        guard let gateway = cluster.addOns.applicationGateway else { return [] }
        var problems: [String] = []
        if cluster.addOns.ingress == nil {
            problems.append(
                "it forwards to the ingress controller, and the cluster has none (add .ingressController(…))")
        }
        if cluster.addOns.keyVault == nil {
            problems.append("its certificates come from the cluster's Key Vault, and the cluster has none")
        }
        if let nodes = cluster.nodeSubnet, gateway.subnet.spoke != nodes.spoke {
            problems.append("its subnet is in '\(gateway.subnet.spoke)', not in the cluster's spoke '\(nodes.spoke)'")
        } else if let spoke = environment.spoke(named: gateway.subnet.spoke), spoke.ingressPublicIP == nil {
            problems.append(
                "spoke '\(spoke.name)' has no ingress public IP for its frontend (add .ingressPublicIP(_:))")
        }
        if let subnet = environment.subnet(gateway.subnet), subnet.role != .applicationGateway {
            problems.append(
                "subnet '\(subnet.name)' is not an Application Gateway subnet (declare it with Subnet.applicationGateway)"
            )
        }
        return problems.map {
            Diagnostic(
                .error, "AKS014", "the Application Gateway of cluster '\(cluster.name)' cannot deploy: \($0)",
                at: gateway.site)
        }
    }
}

import SlipwayModel

/// How each resource whose public access Slipway turns off (the registry, the clusters' Key
/// Vaults, private API servers) is reached by every step the generated files describe: through
/// ARM (the control plane, which the resource's firewall does not see) or from inside the
/// network, and then from where. The README states it; `PrivateAccessTests` holds the generated
/// scripts, READMEs and workflows to it.
enum PrivateAccess {
    /// The label of the self-hosted runner the workload pipelines use for registry data-plane calls.
    static func runnerLabel(environment: String) -> String { "slipway-\(environment)" }

    static func lines(_ environment: EnvironmentModel, context: RenderContext) -> [String] {
        var lines: [String] = []
        for registry in environment.registries {
            var line =
                "- registry `\(registry.name)`: public network access is off; the nodes pull through its private endpoint. `deploy.sh` imports the bootstrap images with `az acr import`, an ARM operation the registry admits through its trusted-services bypass (`networkRuleBypassOptions: AzureServices`), so it runs from anywhere."
            if !environment.workloads.isEmpty {
                line +=
                    " Building, pushing and locking tags are data-plane calls: the workload pipelines run them on a self-hosted runner labelled `\(runnerLabel(environment: environment.name))` that the team provides inside the network (a VM in the spoke, or a VNet peered to it with the `privatelink.azurecr.io` zone linked), with Docker and the Azure CLI. Re-tagging between stages is `az acr import` and runs on GitHub's runners."
            }
            lines.append(line)
        }
        for cluster in environment.clusters {
            if let vault = cluster.addOns.keyVault {
                lines.append(
                    "- Key Vault of `\(cluster.name)` (`\(vault.baseName)-…`, output `keyVaultName`): public network access is off. Its secrets arrive through the cluster stamp (ARM writes `Microsoft.KeyVault/vaults/secrets` through the control plane) and are read in the cluster through the private endpoint, so no step reads or writes it from outside. To look at it by hand, use a machine in the spoke (a VM reached through Bastion)."
                )
                lines.append(
                    "- Key Vault of `\(cluster.name)`: purge protection is on and soft delete keeps a deleted vault for \(vault.softDeleteRetentionDays) days. Its name is deterministic, so after its resource group is deleted a redeployment within those days fails with a name conflict. Recover the vault first (control plane, from anywhere): `az keyvault list-deleted --query \"[?starts_with(name, '\(vault.baseName)-')].name\" --output tsv`, then `az keyvault recover --name <that name> --location \(environment.location)`, then run `deploy.sh` again."
                )
            }
            guard cluster.apiServer.privateCluster else { continue }
            var ways: [String] = []
            if let hub = context.environment.peeredHub(of: cluster), let bastion = environment.hub?.bastion,
                environment.hub?.name == hub.name
            {
                ways.append(
                    "through Bastion `\(bastion.name)` in the hub: `az aks bastion --name \(cluster.name) --resource-group \(cluster.resourceGroup.name) --bastion \"$(az deployment group show --name \(environment.name)-hub --resource-group \(hub.resourceGroup.name) --query properties.outputs.bastionHostResourceId.value --output tsv)\"`"
                )
            }
            ways.append("a machine in the spoke or in a VNet peered with it")
            if cluster.deploysWithRunCommand(in: environment) {
                ways.append(
                    "`az aks command invoke`, which goes through ARM: run command is on for this cluster because its push-delivered workloads deploy that way"
                )
            }
            var line =
                "- API server of `\(cluster.name)`: private. `kubectl` and `helm` reach it only from inside the network: \(ways.joined(separator: "; or "))."
            if environment.fleet != nil {
                line +=
                    " `deploy.sh` runs its Fleet steps with `helm` and `kubectl`, so run it from there; it stops with this advice when the API server does not answer."
            }
            lines.append(line)
        }
        return lines
    }
}

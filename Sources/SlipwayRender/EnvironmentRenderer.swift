import SlipwayModel

/// Renders one environment into its folder's files, keyed by path relative to `Output/<env>/`.
/// Pure: the same model gives the same bytes.
public enum EnvironmentRenderer {
    /// The resolved model `slipway diff` compares.
    public static let modelFile = "slipway-model.json"

    /// The module templates units call, printed once: they depend on nothing.
    static let moduleFiles: [String: String] = [
        "modules/\(ModuleTemplates.peeringFile)": ModuleTemplates.peering(),
        "modules/\(ModuleTemplates.clusterNetworkAccessFile)": ModuleTemplates.clusterNetworkAccess(),
        "modules/\(ModuleTemplates.registryPullAccessFile)": ModuleTemplates.registryPullAccess(),
        "modules/\(ModuleTemplates.nodeResourceGroupAccessFile)": ModuleTemplates.nodeResourceGroupAccess(),
        "modules/\(ModuleTemplates.ingressDomainPolicyFile)": PolicyRendering.ingressDomainPolicyDefinition(),
    ].mapValues(BicepPrinter.print)

    /// - Parameters:
    ///   - environment: the environment to render.
    ///   - all: every environment of the run (a hub's firewall allows the node subnets of spokes
    ///     in other environments that share it).
    ///   - fluxPathPrefix: the repository-relative location of the output folder, such as `Output`.
    ///   - templates: static manifest bases from `Templates/manifests/`, by name, then file name.
    public static func render(
        _ environment: EnvironmentModel, among all: [EnvironmentModel], fluxPathPrefix: String,
        templates: [String: [String: String]] = [:]
    ) -> [String: String] {
        let context = RenderContext(environment: environment, all: all, fluxPathPrefix: fluxPathPrefix)
        var files: [String: String] = [:]
        var steps: [DeployScriptRenderer.Step] = []
        var modules: Set<String> = []
        var units: [ResolvedModelRenderer.Unit] = []

        func add(unit: String, group: ResourceGroupModel, template: BicepTemplate) {
            units.append(.init(name: unit, group: group, template: template))
            files["\(unit).bicep"] = BicepPrinter.print(template)
            files["\(unit).parameters.json"] = ParametersRenderer.render(template)
            steps.append(.init(unit: unit, resourceGroup: group))
            for module in template.modules { modules.insert(module.path) }
        }

        if let hub = environment.hub {
            add(unit: "hub", group: hub.resourceGroup, template: HubRenderer.render(hub, context: context))
        }
        for spoke in environment.spokes {
            add(
                unit: "spoke-\(spoke.name)", group: spoke.resourceGroup,
                template: SpokeRenderer.render(spoke, context: context))
        }
        let registryUnitUsed =
            !environment.registries.isEmpty || environment.workspaces.contains { $0.unit == .registry }
            || environment.rawResources.contains { $0.unit == .registry }
        if registryUnitUsed {
            add(
                unit: "registry", group: environment.registryResourceGroup,
                template: RegistryRenderer.render(context: context))
        }
        for cluster in environment.clusters {
            add(
                unit: "cluster-\(cluster.name)", group: cluster.resourceGroup,
                template: ClusterRenderer.render(cluster, context: context))
        }
        for path in modules.sorted() {
            if let file = moduleFiles[path] { files[path] = file }
        }
        // Every manifest file (Flux tree, Fleet trees, push-workload folders): `slipway diff` lists them.
        let flux = FluxTreeRenderer.render(environment, templates: templates)
            .merging(FleetRenderer.render(environment, context: context)) { _, new in new }
            .merging(WorkloadKustomizations.pushFolders(environment)) { _, new in new }
        files.merge(flux) { _, new in new }
        files[modelFile] = ResolvedModelRenderer.render(environment: environment, units: units, flux: flux)
        files["deploy.sh"] = DeployScriptRenderer.render(environment: environment, steps: steps)
        files["README.md"] = ReadmeRenderer.render(
            environment, units: units, deployScript: files["deploy.sh"]!, context: context)
        return files
    }
}

import SlipwayModel

/// Renders one environment into its folder's files, keyed by path relative to `Output/<env>/`.
/// Pure: the same model gives the same bytes.
public enum EnvironmentRenderer {
    /// The resolved model `slipway diff` compares.
    public static let modelFile = "slipway-model.json"

    /// The module templates units call: they depend on nothing.
    static let moduleTemplates: [String: BicepTemplate] = [
        "modules/\(ModuleTemplates.peeringFile)": ModuleTemplates.peering(),
        "modules/\(ModuleTemplates.clusterNetworkAccessFile)": ModuleTemplates.clusterNetworkAccess(),
        "modules/\(ModuleTemplates.registryPullAccessFile)": ModuleTemplates.registryPullAccess(),
        "modules/\(ModuleTemplates.nodeResourceGroupAccessFile)": ModuleTemplates.nodeResourceGroupAccess(),
        "modules/\(ModuleTemplates.apiServerZoneAccessFile)": ModuleTemplates.apiServerZoneAccess(),
        "modules/\(MonitorPrivateLinkRendering.membersFile)": MonitorPrivateLinkRendering.membersTemplate(),
        "modules/\(ModuleTemplates.ingressDomainPolicyFile)": PolicyRendering.ingressDomainPolicyDefinition(),
    ]
    /// The module templates, printed once.
    static let moduleFiles: [String: String] = moduleTemplates.mapValues(BicepPrinter.print)

    /// A template Bicep would reject was built: a renderer bug, reported instead of written.
    public struct TemplateConstructionFailure: Error, CustomStringConvertible {
        public var environment: String
        public var file: String
        public var problems: [BicepTemplate.ConstructionProblem]
        public var description: String {
            "internal error: Slipway built a template Bicep would reject, \(environment)/\(file):\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    /// - Parameters:
    ///   - environment: the environment to render.
    ///   - all: every environment of the run (a hub's firewall allows the node subnets of spokes
    ///     in other environments that share it).
    ///   - fluxPathPrefix: the repository-relative location of the output folder, such as `Output`.
    ///   - templates: static manifest bases from `Templates/manifests/`, by name, then file name.
    /// - Throws: ``TemplateConstructionFailure`` when a template breaks Bicep's symbol or
    ///   deploy-time-constant rules (``BicepTemplate/problems``); nothing is returned then.
    public static func render(
        _ environment: EnvironmentModel, among all: [EnvironmentModel], fluxPathPrefix: String,
        templates: [String: [String: String]] = [:]
    ) throws(TemplateConstructionFailure) -> [String: String] {
        let context = RenderContext(environment: environment, all: all, fluxPathPrefix: fluxPathPrefix)
        var files: [String: String] = [:]
        var modules: Set<String> = []
        var units: [ResolvedModelRenderer.Unit] = []

        var failure: TemplateConstructionFailure?
        func add(unit: String, group: ResourceGroupModel, template: BicepTemplate) {
            let problems = template.problems
            if !problems.isEmpty, failure == nil {
                failure = TemplateConstructionFailure(
                    environment: environment.name, file: "\(unit).bicep", problems: problems)
            }
            units.append(.init(name: unit, group: group, template: template))
            files["\(unit).bicep"] = BicepPrinter.print(template)
            files[environment.parameterFormat.fileName(of: unit)] = ParametersRenderer.render(
                template, unit: unit, as: environment.parameterFormat)
            for module in template.modules where template.moduleTemplates[module.path] == nil {
                modules.insert(module.path)
            }
            // Modules the unit renders itself: checked like the unit, printed beside the shared ones.
            for (path, called) in template.moduleTemplates {
                if failure == nil, !called.problems.isEmpty {
                    failure = TemplateConstructionFailure(
                        environment: environment.name, file: path, problems: called.problems)
                }
                files[path] = BicepPrinter.print(called)
                for module in called.modules { modules.insert(module.path) }
            }
        }

        if let hub = environment.hub {
            add(unit: "hub", group: hub.resourceGroup, template: HubRenderer.render(hub, context: context))
        }
        for spoke in environment.spokes {
            add(
                unit: "spoke-\(spoke.name)", group: spoke.resourceGroup,
                template: SpokeRenderer.render(spoke, context: context))
        }
        if MonitoringRenderer.isNeeded(environment) {
            add(
                unit: MonitoringRenderer.unit, group: environment.registryResourceGroup,
                template: MonitoringRenderer.render(context: context))
        }
        if !environment.registries.isEmpty || environment.rawResources.contains(where: { $0.unit == .registry })
            || environment.monitorPrivateLink != nil
        {
            add(
                unit: "registry", group: environment.registryResourceGroup,
                template: RegistryRenderer.render(context: context))
        }
        for cluster in environment.clusters {
            add(
                unit: "cluster-\(cluster.name)", group: cluster.resourceGroup,
                template: ClusterRenderer.render(cluster, context: context))
        }
        if let failure { throw failure }
        for path in modules.sorted() {
            if let template = moduleTemplates[path], !template.problems.isEmpty {
                throw TemplateConstructionFailure(
                    environment: environment.name, file: path, problems: template.problems)
            }
            if let file = moduleFiles[path] { files[path] = file }
        }
        let plan: DeployOrder.Plan
        do {
            plan = try DeployOrder.plan(units: units.map { ($0.name, $0.group, $0.template) }, context: context)
        } catch {
            throw TemplateConstructionFailure(
                environment: environment.name, file: "deploy.sh",
                problems: [
                    BicepTemplate.ConstructionProblem(
                        kind: .unitCycle, symbol: error.units.joined(separator: ", "),
                        message: error.description)
                ])
        }
        let groups = Dictionary(units.map { ($0.name, $0.group) }) { first, _ in first }
        let readsVault = Set(
            units.filter { $0.template.parameters.contains { $0.keyVaultSecret != nil } }.map(\.name))
        let steps = plan.order.map {
            DeployScriptRenderer.Step(
                unit: $0, resourceGroup: groups[$0]!, needs: plan.dependencies[$0, default: []].sorted(),
                readsVault: readsVault.contains($0))
        }
        // Every manifest file (Flux tree, Fleet trees, push-workload folders): `slipway diff` lists them.
        let flux = FluxTreeRenderer.render(environment, templates: templates)
            .merging(FleetRenderer.render(environment, context: context)) { _, new in new }
            .merging(WorkloadKustomizations.pushFolders(environment)) { _, new in new }
        files.merge(flux) { _, new in new }
        // Units the committed output had (or still had to remove) that the DSL no longer declares.
        let retired = environment.committed?.retired(keeping: Set(units.map(\.name))) ?? [:]
        files[modelFile] = ResolvedModelRenderer.render(
            environment: environment, units: units, flux: flux, order: plan.order, retired: retired)
        files["deploy.sh"] = DeployScriptRenderer.render(
            environment: environment, steps: steps, prerequisites: plan.prerequisites, retired: retired,
            context: context)
        files["README.md"] = ReadmeRenderer.render(
            environment, units: units, deployScript: files["deploy.sh"]!, plan: plan, context: context)
        return files
    }
}

import SlipwayModel

/// `monitoring.bicep`: the workspaces placed in the registry stamp's resource group (the default
/// placement), each with its tables, daily-cap alert and diagnostic setting.
///
/// A unit of their own, deployed first: the hub, the spokes, the registry and the clusters all send
/// diagnostics to them, while the registry's private endpoint needs a spoke. Inside the registry
/// stamp (where the reference creates its workspace) a spoke would need the registry stamp and the
/// registry stamp the spoke, and no deploy order would work.
enum MonitoringRenderer {
    static let unit = "monitoring"

    /// Does the environment place any workspace in the registry stamp's resource group?
    static func isNeeded(_ environment: EnvironmentModel) -> Bool {
        environment.workspaces.contains { $0.unit == .registry }
    }

    static func render(context: RenderContext) -> BicepTemplate {
        let environment = context.environment
        var unit = UnitTemplate(context: context, resourceGroup: environment.registryResourceGroup)
        unit.addWorkspaces(for: .registry, diagnosticsTo: environment.diagnosticsWorkspace)
        return unit.bicep
    }
}

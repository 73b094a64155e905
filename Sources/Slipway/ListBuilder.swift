/// Collects the elements a container lists in its body: the subnets of a network, the node pools
/// of a cluster, the manifests of a kustomization, and so on. One builder serves every container;
/// the named aliases below say at the call site what a body holds.
@resultBuilder
public enum ListBuilder<Element> {
    /// Accepts one element in the body.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// Accepts an array of elements (from a helper function) in the body.
    public static func buildExpression(_ elements: [Element]) -> [Element] { elements }
    /// Joins the statements of a body.
    public static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    /// Supports `if` without `else`.
    public static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    /// Supports the first branch of `if`/`else` and `switch`.
    public static func buildEither(first part: [Element]) -> [Element] { part }
    /// Supports the other branches of `if`/`else` and `switch`.
    public static func buildEither(second part: [Element]) -> [Element] { part }
    /// Supports `for` loops.
    public static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
}

/// The subnets of a ``HubNetwork`` or ``SpokeNetwork``.
public typealias SubnetBuilder = ListBuilder<Subnet>
/// The node pools of an ``AKSCluster``.
public typealias NodePoolBuilder = ListBuilder<NodePool>
/// The manifests of a ``Kustomization`` or a ``FleetBundle``.
public typealias ManifestBuilder = ListBuilder<Manifest>
/// The kustomizations of a ``FluxConfiguration``.
public typealias KustomizationBuilder = ListBuilder<Kustomization>
/// The bundles of a ``GitRepo``.
public typealias FleetBundleBuilder = ListBuilder<FleetBundle>
/// The cluster groups and Git repositories of a ``FleetManager``.
public typealias FleetContentBuilder = ListBuilder<FleetContent>

extension ListBuilder where Element == FleetContent {
    /// Accepts a cluster group in a ``FleetManager`` body.
    public static func buildExpression(_ group: ClusterGroup) -> [FleetContent] { [.init(kind: .group(group))] }
    /// Accepts a Git repository in a ``FleetManager`` body.
    public static func buildExpression(_ repo: GitRepo) -> [FleetContent] { [.init(kind: .gitRepo(repo))] }
}

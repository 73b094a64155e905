package import SlipwayModel

/// A declaration an ``Environment`` holds: a network, workspace, registry, cluster, raw resource,
/// Fleet manager or workload. ``Environment/add(_:)`` accepts any of them.
public protocol EnvironmentMember: Sendable {
    /// The declaration as the environment stores it. An implementation detail of
    /// ``Environment/add(_:)``; DSL files never need it.
    var _environmentContent: EnvironmentContent { get }
}

extension HubNetwork: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .hub(self)) }
}

extension ExistingHub: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .existingHub(self)) }
}

extension SpokeNetwork: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .spoke(self)) }
}

extension LogAnalyticsWorkspace: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .workspace(self)) }
}

extension ExistingWorkspace: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .existingWorkspace(self)) }
}

extension ContainerRegistry: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .registry(self)) }
}

extension AKSCluster: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .cluster(self)) }
}

extension RawResource: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .raw(self)) }
}

extension ExistingPrivateDNSZone: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .existingZone(self)) }
}

extension FleetManager: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .fleet(self)) }
}

extension Workload: EnvironmentMember {
    /// See ``EnvironmentMember``.
    public var _environmentContent: EnvironmentContent { .init(kind: .workload(self)) }
}

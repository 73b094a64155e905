package import SlipwayModel

/// An Azure region.
public struct Region: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The region's programmatic name, such as `eastus2`.
    public let name: String

    /// Any region by its programmatic name.
    public static func custom(_ name: String) -> Region { Region(name: name) }

    /// Creates the value from a string literal.
    public init(stringLiteral value: String) { self.name = value }
    init(name: String) { self.name = name }

    /// The value as it is written in the DSL.
    public var description: String { name }

    /// East US.
    public static let eastUS = Region(name: "eastus")
    /// East US 2.
    public static let eastUS2 = Region(name: "eastus2")
    /// Central US.
    public static let centralUS = Region(name: "centralus")
    /// West US 2.
    public static let westUS2 = Region(name: "westus2")
    /// West Europe.
    public static let westEurope = Region(name: "westeurope")
    /// North Europe.
    public static let northEurope = Region(name: "northeurope")
    /// Sweden Central.
    public static let swedenCentral = Region(name: "swedencentral")
}

/// A VM size for node pools.
public struct VMSize: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The Azure SKU name, such as `Standard_D4d_v5`.
    public let name: String

    /// Any VM size by its SKU name.
    public static func custom(_ name: String) -> VMSize { VMSize(name: name) }

    /// Creates the value from a string literal.
    public init(stringLiteral value: String) { self.name = value }
    init(name: String) { self.name = name }

    /// The value as it is written in the DSL.
    public var description: String { name }

    /// 2 vCPU, 8 GiB, local temp disk (baseline system pool).
    public static let standardD2dV5 = VMSize(name: "Standard_D2d_v5")
    /// 4 vCPU, 16 GiB, local temp disk (baseline user pool).
    public static let standardD4dV5 = VMSize(name: "Standard_D4d_v5")
    /// 8 vCPU, 32 GiB, local temp disk.
    public static let standardD8dV5 = VMSize(name: "Standard_D8d_v5")
    /// 4 vCPU, 16 GiB, with a larger local disk.
    public static let standardD4dsV5 = VMSize(name: "Standard_D4ds_v5")
    /// 4 vCPU, 28 GiB, one NVIDIA T4 GPU (inference, light training), for ``NodePool/gpu(_:vmSize:autoscale:taint:)``.
    public static let standardNC4asT4V3 = VMSize(name: "Standard_NC4as_T4_v3")
    /// 24 vCPU, 220 GiB, one NVIDIA A100 GPU (training).
    public static let standardNC24adsA100V4 = VMSize(name: "Standard_NC24ads_A100_v4")
}

/// The pricing SKU of a Log Analytics workspace.
public enum WorkspaceSKU: String, Codable, Hashable, Sendable, CaseIterable {
    /// Pay as you go per GB ingested (the default).
    case perGB2018 = "PerGB2018"
    /// A daily commitment tier; set its level with
    /// `.property("properties.sku.capacityReservationLevel", …)`.
    case capacityReservation = "CapacityReservation"
}

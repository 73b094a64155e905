/// The service tier of an Azure Container Registry. Private endpoints, geo-replication and zone
/// redundancy need Premium.
public enum RegistrySKU: String, Codable, Hashable, Sendable, CaseIterable {
    case basic = "Basic"
    case standard = "Standard"
    case premium = "Premium"
}

/// How manifests refer to images in the environment's own registry.
public enum ImageReferences {
    /// The post-build variable that carries the registry's login server.
    public static let registryVariable = "registryLoginServer"

    /// Every `image` string inside a manifest body, in document order.
    public static func images(in value: Value) -> [String] {
        switch value {
        case .object(let fields):
            return fields.flatMap { field -> [String] in
                if field.key == "image", case .string(let image) = field.value { return [image] }
                return images(in: field.value)
            }
        case .array(let items): return items.flatMap(images(in:))
        default: return []
        }
    }

    /// The repository path of a source image when imported into the registry:
    /// `ghcr.io/kubereboot/kured:1.15.0` → `kubereboot/kured:1.15.0`,
    /// `docker.io/library/traefik:v3.4` → `library/traefik:v3.4`.
    public static func importedName(of source: String) -> String {
        let parts = source.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, parts[0].contains(".") || parts[0].contains(":") else { return source }
        return String(parts[1])
    }
}

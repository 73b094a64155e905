package import SlipwayModel

/// A Kubernetes object rendered into a kustomization's directory.
public struct Manifest: Sendable {
    let model: ManifestModel

    init(model: ManifestModel) { self.model = model }

    /// Any object: `body` holds everything after `metadata` (for example `spec`).
    public init(
        apiVersion: String, kind: String, name: String, namespace: String? = nil, labels: [String: String] = [:],
        body: Value, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column
    ) {
        model = ManifestModel(
            apiVersion: apiVersion, kind: kind, name: name, namespace: namespace, labels: labels, body: body,
            site: .site(fileID, filePath, line, column))
    }

    /// A namespace.
    public static func namespace(
        _ name: String, labels: [String: String] = [:], fileID: String = #fileID, filePath: String = #filePath,
        line: Int = #line, column: Int = #column
    ) -> Manifest {
        Manifest(
            apiVersion: "v1", kind: "Namespace", name: name, labels: labels, body: .object([Value.Field]()),
            fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// A config map with string data.
    public static func configMap(
        _ name: String, namespace: String, data: [String: String], fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> Manifest {
        Manifest(
            apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace,
            body: .object(["data": .sortedObject(data.mapValues { .string($0) })]), fileID: fileID,
            filePath: filePath, line: line, column: column)
    }
}

import SlipwayModel

/// `slipway-model.json`: the resolved model of one environment, as `slipway diff` compares it.
/// Every unit's parameters, and every resource and module with its properties flattened to
/// `path → value`, with parameter references replaced by their values, so that a changed subnet
/// prefix shows up in every property derived from it. Sorted keys, no paths, no timestamps.
public enum ResolvedModelRenderer {
    struct Unit {
        var name: String
        var group: ResourceGroupModel
        var template: BicepTemplate
    }

    static func render(environment: EnvironmentModel, units: [Unit], flux: [String: String]) -> String {
        var unitValues: [String: Value] = [:]
        for unit in units {
            let parameters = Dictionary(
                unit.template.parameters.map {
                    (
                        $0.name,
                        $0.keyVaultSecret == nil
                            ? $0.value : .string("<Key Vault secret \($0.keyVaultSecret!.secretName)>")
                    )
                },
                uniquingKeysWith: { first, _ in first })
            var resources: [String: Value] = [:]
            for resource in unit.template.resources where !resource.existing {
                let properties = flatten(
                    .object(resource.body.filter { $0.key != "parent" && $0.key != "scope" }), parameters: parameters)
                var fields: [String: Value] = [
                    "type": .string(resource.type), "apiVersion": .string(resource.apiVersion),
                    "properties": .object(properties),
                ]
                if let loop = resource.loop { fields["count"] = resolve(.expression(loop.count), parameters) }
                resources[resource.symbol] = .sortedObject(fields)
            }
            var modules: [String: Value] = [:]
            for module in unit.template.modules {
                modules[module.symbol] = .sortedObject([
                    "file": .string(module.path),
                    "scope": resolve(module.scope, parameters),
                    "parameters": .object(flatten(.object(module.parameters), parameters: parameters)),
                ])
            }
            var group: [String: Value] = ["name": .string(unit.group.name)]
            if let subscription = unit.group.subscription { group["subscription"] = .string(subscription) }
            unitValues[unit.name] = .sortedObject([
                "file": .string("\(unit.name).bicep"),
                "resourceGroup": .sortedObject(group),
                "parameters": .sortedObject(parameters),
                "resources": .sortedObject(resources),
                "modules": .sortedObject(modules),
            ])
        }
        var model: [String: Value] = [
            "format": 1,
            "environment": .string(environment.name),
            "location": .string(environment.location),
            "units": .sortedObject(unitValues),
            "flux": .sortedObject(flux.mapValues { .string(fingerprint($0)) }),
        ]
        if !environment.workloads.isEmpty { model["workloads"] = .sortedObject(workloads(environment)) }
        return JSONPrinter.print(.sortedObject(model))
    }

    /// What a reviewer of a workload change reads, `<workload>.<field>` → value: where it runs, the
    /// image with its tag, how it is delivered, its identity and its host.
    static func workloads(_ environment: EnvironmentModel) -> [String: Value] {
        var values: [String: Value] = [:]
        for workload in environment.workloads {
            let tag = workload.delivery == .push ? "(set by the pipeline)" : workload.imageTag.value
            var fields: [String: String] = [
                "cluster": workload.cluster, "namespace": workload.namespace,
                "image": "\(workload.imageRepository):\(tag)", "delivery": workload.delivery.rawValue,
                "stage": workload.stage.rawValue, "replicas": String(workload.replicas),
                "serviceAccount": workload.serviceAccount,
            ]
            if let identity = workload.identity { fields["identity"] = identity }
            if let ingress = workload.ingress { fields["ingress"] = "\(ingress.host)\(ingress.path)" }
            if !workload.secrets.isEmpty { fields["secrets"] = workload.secrets.map(\.name).joined(separator: ", ") }
            for (key, value) in fields { values["\(workload.name).\(key)"] = .string(value) }
        }
        return values
    }

    /// A parameter's value when `text` is exactly a parameter; otherwise the expression with
    /// `${parameter}` interpolations of string parameters replaced by their values (one pass, left
    /// to right), marked with a leading `=`.
    static func resolve(_ value: Value, _ parameters: [String: Value]) -> Value {
        guard case .expression(let text) = value else { return value }
        if let parameter = parameters[text] { return parameter }
        var resolved = "="
        var rest = text[...]
        while let open = rest.firstRange(of: "${") {
            resolved += rest[..<open.lowerBound]
            let inside = rest[open.upperBound...]
            guard let close = inside.firstIndex(of: "}") else { break }
            if case .string(let string)? = parameters[String(inside[..<close])] {
                resolved += string
            } else {
                resolved += rest[open.lowerBound...close]
            }
            rest = inside[inside.index(after: close)...]
        }
        resolved += rest
        return .string(resolved)
    }

    /// Flattens a value into `path → leaf`, sorted by path (the last value wins when two leaves
    /// share a path). Arrays of objects with a `name` key are keyed by name.
    static func flatten(_ value: Value, parameters: [String: Value], prefix: String = "") -> [Value.Field] {
        var pairs: [Value.Field] = []
        flatten(value, parameters: parameters, prefix: prefix, into: &pairs)
        // Sort by path, keeping declaration order among equal paths, then keep the last of each.
        let order = pairs.indices.sorted { (pairs[$0].key, $0) < (pairs[$1].key, $1) }
        var result: [Value.Field] = []
        result.reserveCapacity(order.count)
        for index in order {
            if let last = result.last, last.key == pairs[index].key {
                result[result.count - 1] = pairs[index]
            } else {
                result.append(pairs[index])
            }
        }
        return result
    }

    static func flatten(_ value: Value, parameters: [String: Value], prefix: String, into result: inout [Value.Field]) {
        let value = resolve(value, parameters)
        switch value {
        case .object(let fields):
            if fields.isEmpty {
                if !prefix.isEmpty { result.append(.init(prefix, .object([Value.Field]()))) }
                return
            }
            for field in fields {
                flatten(
                    field.value, parameters: parameters, prefix: prefix.isEmpty ? field.key : prefix + "." + field.key,
                    into: &result)
            }
        case .array(let items):
            if items.isEmpty {
                result.append(.init(prefix, .array([])))
                return
            }
            for (index, item) in items.enumerated() {
                var key = prefix + "[" + String(index) + "]"
                if case .object = item, case .string(let name)? = item["name"] { key = prefix + "[" + name + "]" }
                flatten(item, parameters: parameters, prefix: key, into: &result)
            }
        default:
            result.append(.init(prefix, value))
        }
    }

    /// FNV-1a, 64 bits, hex: a stable fingerprint of a file's content.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

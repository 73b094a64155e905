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
                var properties = flatten(.object(resource.body.filter { $0.key != "parent" }), parameters: parameters)
                properties.removeValue(forKey: "scope")
                var fields: [String: Value] = [
                    "type": .string(resource.type), "apiVersion": .string(resource.apiVersion),
                    "properties": .sortedObject(properties),
                ]
                if let loop = resource.loop { fields["count"] = resolve(.expression(loop.count), parameters) }
                resources[resource.symbol] = .sortedObject(fields)
            }
            var modules: [String: Value] = [:]
            for module in unit.template.modules {
                modules[module.symbol] = .sortedObject([
                    "file": .string(module.path),
                    "scope": resolve(module.scope, parameters),
                    "parameters": .sortedObject(flatten(.object(module.parameters), parameters: parameters)),
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
        return JSONPrinter.print(
            .sortedObject([
                "format": 1,
                "environment": .string(environment.name),
                "location": .string(environment.location),
                "units": .sortedObject(unitValues),
                "flux": .sortedObject(flux.mapValues { .string(fingerprint($0)) }),
            ]))
    }

    /// A parameter's value when `text` is exactly a parameter; otherwise the expression with
    /// `${parameter}` interpolations replaced by their values, marked with a leading `=`.
    static func resolve(_ value: Value, _ parameters: [String: Value]) -> Value {
        guard case .expression(let text) = value else { return value }
        if let parameter = parameters[text] { return parameter }
        guard text.contains("${") else { return .string("=" + text) }
        var resolved = text
        for (name, parameterValue) in parameters where resolved.contains("${\(name)}") {
            if case .string(let string) = parameterValue {
                resolved = resolved.replacing("${\(name)}", with: string)
            }
        }
        return .string("=" + resolved)
    }

    /// Flattens a value into `path → leaf`. Arrays of objects with a `name` key are keyed by name.
    static func flatten(_ value: Value, parameters: [String: Value], prefix: String = "") -> [String: Value] {
        var result: [String: Value] = [:]
        flatten(value, parameters: parameters, prefix: prefix, into: &result)
        return result
    }

    static func flatten(_ value: Value, parameters: [String: Value], prefix: String, into result: inout [String: Value])
    {
        let value = resolve(value, parameters)
        switch value {
        case .object(let fields):
            if fields.isEmpty {
                if !prefix.isEmpty { result[prefix] = .object([Value.Field]()) }
                return
            }
            for field in fields {
                flatten(
                    field.value, parameters: parameters, prefix: prefix.isEmpty ? field.key : prefix + "." + field.key,
                    into: &result)
            }
        case .array(let items):
            if items.isEmpty {
                result[prefix] = .array([])
                return
            }
            for (index, item) in items.enumerated() {
                var key = prefix + "[" + String(index) + "]"
                if case .object = item, case .string(let name)? = item["name"] { key = prefix + "[" + name + "]" }
                flatten(item, parameters: parameters, prefix: key, into: &result)
            }
        default:
            result[prefix] = value
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

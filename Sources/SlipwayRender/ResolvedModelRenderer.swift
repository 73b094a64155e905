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

    /// Body keys a resource's flattened properties leave out: where it sits, not what it is.
    static let keysOutsideTheModel = ["parent", "scope"]

    /// The resources a template declares (not its `existing` references), properties flattened.
    static func resourceNodes(of template: BicepTemplate, parameters: [String: Value]) -> [(
        key: String, node: JSONNode
    )] {
        let resolve = { (value: Value) in Self.resolve(value, parameters) }
        var resources: [(key: String, node: JSONNode)] = []
        // Through a buffer pointer: binding or subscripting each resource copied (and later
        // released) all of its fields.
        template.resources.withUnsafeBufferPointer { declared in
            for index in declared.indices where !declared[index].existing {
                var fields: [(key: String, node: JSONNode)] = [
                    ("apiVersion", .value(.string(declared[index].apiVersion)))
                ]
                if let loop = declared[index].loop {
                    fields.append(("count", .value(resolve(.expression(loop.count)))))
                }
                fields.append(
                    (
                        "properties",
                        .flattened(
                            FlattenedObject(
                                declared[index].body, skipping: keysOutsideTheModel, parameters: parameters))
                    ))
                fields.append(("type", .value(.string(declared[index].type))))
                resources.append((declared[index].symbol, .object(fields)))
            }
        }
        return resources
    }

    static func render(
        environment: EnvironmentModel, units: [Unit], flux: [String: String], order: [String] = [],
        retired: [String: ResourceGroupModel] = [:]
    ) -> String {
        var unitNodes: [String: JSONNode] = [:]
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
            let resolve = { (value: Value) in Self.resolve(value, parameters) }
            // Symbols are unique in a template; each resource's keys are written in sorted order.
            var resources = resourceNodes(of: unit.template, parameters: parameters)
            // The resources of a module the unit renders itself are part of what it deploys:
            // listed as `<module>/<resource>`, with the module's parameters resolved from the call.
            for module in unit.template.modules {
                guard let called = unit.template.moduleTemplates[module.path] else { continue }
                let arguments = Dictionary(
                    module.parameters.map { ($0.key, resolve($0.value)) }, uniquingKeysWith: { first, _ in first })
                resources += resourceNodes(of: called, parameters: arguments).map {
                    ("\(module.symbol)/\($0.key)", $0.node)
                }
            }
            var modules: [String: JSONNode] = [:]
            for module in unit.template.modules {
                modules[module.symbol] = .sortedObject([
                    "file": .value(.string(module.path)),
                    "scope": .value(resolve(module.scope)),
                    "parameters": .flattened(FlattenedObject(module.parameters, parameters: parameters)),
                ])
            }
            unitNodes[unit.name] = .sortedObject([
                "file": .value(.string("\(unit.name).bicep")),
                "resourceGroup": .value(resourceGroupValue(unit.group)),
                "parameters": .value(.sortedObject(parameters)),
                "resources": .object(resources.sorted { $0.key < $1.key }),
                "modules": .sortedObject(modules),
            ])
        }
        var model: [String: JSONNode] = [
            "format": .value(1),
            "environment": .value(.string(environment.name)),
            "location": .value(.string(environment.location)),
            "units": .sortedObject(unitNodes),
            "flux": .value(.sortedObject(flux.mapValues { .string(fingerprint($0)) })),
        ]
        if !environment.workloads.isEmpty { model["workloads"] = .value(.sortedObject(workloads(environment))) }
        // The deploy order (`slipway diff` tells in which order clusters upgrade), the strategy
        // (what a removal does), and units still to be removed from Azure (the next run keeps them
        // until the DSL declares them again).
        model["deployOrder"] = .value(.array(order.map { .string($0) }))
        if environment.parameterFormat != .json {
            model["parameterFiles"] = .value(.string(environment.parameterFormat.rawValue))
        }
        model["deployment"] = .value(deployment(environment.deployment))
        if !retired.isEmpty {
            model["retiredUnits"] = .value(.sortedObject(retired.mapValues { resourceGroupValue($0) }))
        }
        // About 40 KB per unit in the fleet example: a cluster's model is 33 KB, a spoke's 13 KB.
        return JSONPrinter.print(.sortedObject(model), expectedBytes: 16_384 + 40_960 * units.count)
    }

    static func resourceGroupValue(_ group: ResourceGroupModel) -> Value {
        var fields: [String: Value] = ["name": .string(group.name)]
        if let subscription = group.subscription { fields["subscription"] = .string(subscription) }
        return .sortedObject(fields)
    }

    static func deployment(_ strategy: DeploymentStrategyModel) -> Value {
        guard let stack = strategy.stack else { return .sortedObject(["strategy": "incremental"]) }
        return .sortedObject([
            "strategy": "stack", "actionOnUnmanage": .string(stack.actionOnUnmanage),
            "denyMode": .string(stack.denyMode),
            "excludedPrincipals": .array(stack.excludedPrincipals.map { .string($0) }),
        ])
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
        if let parameter = parameter(text, parameters) { return parameter }
        var resolved = TextBuffer(capacity: 128)
        appendResolved(text, parameters, to: &resolved)
        return .string(resolved.string)
    }

    /// The parameter an expression names, when it is exactly a parameter. Parameter names are
    /// Bicep identifiers, so other expressions (`vnet.id`, `resourceId(…)`) skip hashing their
    /// text: most expression leaves of the model are such references.
    static func parameter(_ text: String, _ parameters: [String: Value]) -> Value? {
        BicepPrinter.isIdentifier(text) ? parameters[text] : nil
    }

    /// Appends `=` and the expression `text` with its `${parameter}` interpolations of string
    /// parameters replaced by their values: ``resolve(_:_:)`` for an expression that is not itself
    /// a parameter, written into a buffer the caller can reuse.
    static func appendResolved(_ text: String, _ parameters: [String: Value], to resolved: inout TextBuffer) {
        func substitute(_ bytes: UnsafeBufferPointer<UInt8>) {
            resolved.append(UInt8(ascii: "="))
            var copied = 0
            var index = 0
            while index + 1 < bytes.count {
                guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{") else {
                    index += 1
                    continue
                }
                guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) else { break }
                let name = UnsafeBufferPointer(rebasing: bytes[(index + 2)..<close])
                if BicepPrinter.isIdentifier(name),
                    case .string(let string)? = parameters[String(decoding: name, as: UTF8.self)]
                {
                    resolved.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    resolved.append(contentsOf: string.utf8)
                    copied = close + 1
                }
                index = close + 1
            }
            resolved.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        text.withUTF8Bytes(substitute)
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

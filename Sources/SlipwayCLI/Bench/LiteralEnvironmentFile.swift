/// A DSL file that writes a large environment out literally, the way people start: one hub and one
/// registry, then per cluster a spoke with three subnets peered to the hub and a cluster with a
/// system and a user pool, its subnets, monitoring and registry (about 14 lines per cluster).
/// The bench type-checks it in each form to measure how compile time grows with the file.
struct LiteralEnvironmentFile {
    enum Form: String, CaseIterable, Sendable {
        /// What the README, the examples and `slipway init` teach: `var env = Environment(…)` in a
        /// function, one `env.add(…)` per declaration.
        case taught
        /// Every declaration a top-level `let`, and a builder body that lists the names.
        case lets
        /// Every declaration written inside one `Environment(…) { … }` builder body.
        case builder
    }

    var clusters: Int
    var form: Form

    /// The declarations, each as its lines (without indentation).
    var declarations: [[String]] {
        var declarations = [
            [#"LogAnalyticsWorkspace("la-big")"#],
            [
                #"HubNetwork("vnet-hub", addressSpace: "10.0.0.0/24") {"#,
                #"    Subnet.azureFirewall("10.0.0.0/26")"#, "}", #".firewall("fw-hub")"#,
            ],
            [#"ContainerRegistry("acrbig")"#, #".privateEndpoint(in: .spoke("vnet-spoke-0", "snet-endpoints"))"#],
        ]
        for index in 0..<clusters {
            // Cluster i gets the i-th /20 of 10.1.0.0/12.
            let (second, third) = (1 + index / 16, (index % 16) * 16)
            let prefix = "10.\(second)"
            declarations.append([
                #"SpokeNetwork("vnet-spoke-\#(index)", addressSpace: "\#(prefix).\#(third).0/20") {"#,
                #"    Subnet.nodes("snet-nodes", "\#(prefix).\#(third).0/22")"#,
                #"    Subnet.privateEndpoints("snet-endpoints", "\#(prefix).\#(third + 4).0/28")"#,
                #"    Subnet.apiServer("snet-api", "\#(prefix).\#(third + 4).16/28")"#,
                "}",
                #".peered(with: "vnet-hub")"#,
            ])
            declarations.append([
                #"AKSCluster("aks-\#(index)", kubernetesVersion: "1.34") {"#,
                #"    NodePool.system("system", vmSize: .standardD2dV5, autoscale: 2...3)"#,
                #"    NodePool.user("apps", vmSize: .standardD4dV5, autoscale: 1...5)"#,
                "}",
                #".nodes(in: .spoke("vnet-spoke-\#(index)", "snet-nodes"))"#,
                #".privateAPIServer(in: .spoke("vnet-spoke-\#(index)", "snet-api"))"#,
                #".monitoring(to: "la-big")"#,
                #".pullsImages(from: "acrbig")"#,
                #".maintenanceWindow("Sunday", startingAt: "01:00", hours: 6)"#,
            ])
        }
        return declarations
    }

    var source: String {
        func indented(_ lines: [String], by spaces: Int) -> [String] {
            lines.map { String(repeating: " ", count: spaces) + $0 }
        }
        var lines = ["import Slipway", ""]
        switch form {
        case .taught:
            lines += [
                "func big() -> Environment {",
                #"    var env = Environment("big", location: .eastUS)"#,
                #"        .diagnostics(to: "la-big")"#,
            ]
            for declaration in declarations {
                var statement = ["env.add("] + indented(declaration, by: 4)
                statement[statement.count - 1] += ")"
                lines += indented(statement, by: 4)
            }
            lines += ["    return env", "}", "", "Slipway.emit(big())"]
        case .lets:
            for (index, declaration) in declarations.enumerated() {
                lines.append("let d\(index) = " + declaration[0])
                lines += declaration.dropFirst()
            }
            lines.append(#"let env = Environment("big", location: .eastUS) {"#)
            lines += declarations.indices.map { "    d\($0)" }
            lines += ["}", #".diagnostics(to: "la-big")"#, "", "Slipway.emit(env)"]
        case .builder:
            lines.append(#"let env = Environment("big", location: .eastUS) {"#)
            for declaration in declarations { lines += indented(declaration, by: 4) }
            lines += ["}", #".diagnostics(to: "la-big")"#, "", "Slipway.emit(env)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

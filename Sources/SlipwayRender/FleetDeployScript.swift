import SlipwayModel

/// The Rancher Fleet steps of `deploy.sh`, after the clusters: install Fleet on the manager, apply
/// the manager objects, then register each downstream cluster. Tokens, kubeconfigs and CA data go
/// to a temporary directory outside `Output/`, removed on exit, and never onto a command line.
enum FleetDeployScript {
    static let namespace = "cattle-fleet-system"

    /// The variable naming the operator's kubeconfig for a manager that another team runs.
    static let existingManagerKubeconfig = "FLEET_MANAGER_KUBECONFIG"

    static func lines(_ environment: EnvironmentModel) -> [String] {
        guard let fleet = environment.fleet else { return [] }
        let q = DeployScriptRenderer.quote
        let registered = environment.clusters.filter { $0.fleetRegistration != nil }
        func credentials(_ cluster: ClusterModel, file: String) -> String {
            "  az aks get-credentials --resource-group \(q(cluster.resourceGroup.name))"
                + DeployScriptRenderer.subscription(cluster.resourceGroup)
                + " --name \(q(cluster.name)) --context \(q(cluster.name)) --file \(file) --overwrite-existing --output none"
        }
        // Helm and kubectl talk to the API server directly. A private one answers only inside its
        // network (run command is off on private clusters), so the script stops with where to run it.
        func reachable(_ cluster: ClusterModel) -> [String] {
            guard cluster.apiServer.privateCluster else { return [] }
            return [
                "  kubectl --context \(q(cluster.name)) version --request-timeout=15s >/dev/null 2>&1 || { echo \(q("deploy.sh: the API server of \(cluster.name) is private and does not answer from here; run the Fleet steps from inside its network: a VM in the hub reached through Bastion (az network bastion ssh), or a runner in the VNet")) >&2; exit 3; }"
            ]
        }
        let opening = [
            "if [[ \"$mode\" == create ]]; then",
            "  fleet_secrets=\"$(mktemp -d)\"",
            "  trap 'rm -rf \"$fleet_secrets\"' EXIT",
            "  export KUBECONFIG=\"$fleet_secrets/config\"",
            "  helm repo add fleet https://rancher.github.io/fleet-helm-charts/ --force-update",
        ]
        let managerName: String
        var lines: [String]
        if let name = fleet.managerCluster, let manager = environment.cluster(named: name) {
            managerName = q(name)
            lines =
                ["", "# Rancher Fleet: the manager on \(name), then the downstream agents."] + opening + [
                    credentials(manager, file: "\"$KUBECONFIG\"")
                ] + reachable(manager) + [
                    "  helm --kube-context \(managerName) -n \(namespace) upgrade --install --create-namespace --wait --version \(q(fleet.chartVersion)) fleet-crd fleet/fleet-crd",
                    "  helm --kube-context \(managerName) -n \(namespace) upgrade --install --create-namespace --wait --version \(q(fleet.chartVersion)) fleet fleet/fleet",
                    "  kubectl --context \(managerName) apply -k \"$here/fleet/manager\"",
                    "  manager_url=\"$(kubectl config view --raw -o jsonpath='{.clusters[?(@.name==\"\(name)\")].cluster.server}')\"",
                    "  kubectl config view --raw -o jsonpath='{.clusters[?(@.name==\"\(name)\")].cluster.certificate-authority-data}' | base64 -d > \"$fleet_secrets/manager-ca.pem\"",
                ]
        } else if let url = fleet.managerAPIServerURL {
            // Another team runs the manager: the operator brings its kubeconfig; Fleet is already installed.
            let variable = existingManagerKubeconfig
            managerName = "\"$manager_context\""
            lines =
                [
                    "", "# Rancher Fleet: register the downstream agents with the existing manager at \(url).",
                    "# Needs \(variable): a kubeconfig whose current context reaches that manager.",
                ] + opening + [
                    "  : \"${\(variable):?set \(variable) to a kubeconfig for the Fleet manager at \(url)}\"",
                    "  manager_context=\"$(kubectl --kubeconfig \"$\(variable)\" config current-context)\"",
                    "  kubectl --kubeconfig \"$\(variable)\" config view --raw --minify --flatten > \"$KUBECONFIG\"",
                    "  kubectl --context \(managerName) apply -k \"$here/fleet/manager\"",
                    "  manager_url=\(q(url))",
                    "  kubectl config view --raw --minify --context \(managerName) -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > \"$fleet_secrets/manager-ca.pem\"",
                ]
        } else {
            return []
        }
        for cluster in registered {
            guard let registration = cluster.fleetRegistration else { continue }
            lines.append("")
            switch registration.mode {
            case .agentInitiated:
                let token = "token-\(cluster.name)"
                let values = "\"$fleet_secrets/values-\(cluster.name).yaml\""
                lines +=
                    [
                        "  # \(cluster.name): the agent registers itself with a token.",
                        credentials(cluster, file: "\"$KUBECONFIG\""),
                    ] + reachable(cluster) + [
                        "  kubectl --context \(managerName) -n \(q(fleet.namespace)) wait --for=create secret/\(token) --timeout=300s",
                        "  kubectl --context \(managerName) -n \(q(fleet.namespace)) get secret \(token) -o 'jsonpath={.data.values}' | base64 -d > \(values)",
                    ]
                var install =
                    "  helm --kube-context \(q(cluster.name)) -n \(namespace) upgrade --install --create-namespace --wait"
                for (key, value) in registration.labels.sorted(by: { $0.key < $1.key }) {
                    install += " --set-string \(q("labels.\(key)=\(value)"))"
                }
                if let clientID = registration.clientID { install += " --set \(q("clientID=\(clientID)"))" }
                install +=
                    " --values \(values) --set-file apiServerCA=\"$fleet_secrets/manager-ca.pem\" --set apiServerURL=\"$manager_url\" --version \(q(fleet.chartVersion)) fleet-agent fleet/fleet-agent"
                lines += [install, "  rm -f \(values)"]
            case .managerInitiated:
                let file = "\"$fleet_secrets/kubeconfig-\(cluster.name)\""
                lines += [
                    "  # \(cluster.name): the manager deploys the agent with a kubeconfig secret made now.",
                    credentials(cluster, file: file),
                    "  kubectl --context \(managerName) -n \(q(fleet.namespace)) create secret generic kubeconfig-\(cluster.name) --from-file=value=\(file) --dry-run=client -o yaml | kubectl --context \(managerName) apply -f -",
                    "  rm -f \(file)",
                ]
            }
        }
        lines += [
            "", "  kubectl --context \(managerName) -n \(q(fleet.namespace)) get clusters.fleet.cattle.io", "fi",
        ]
        return lines
    }
}

// The mspnp AKS baseline (github.com/mspnp/aks-baseline) in one region: a hub with Azure Firewall
// and Bastion, the BU0001A0008 spoke, the registry stamp and the cluster stamp, bootstrapped by Flux.
//
// Deliberate differences from the reference are listed in README.md; the one visible here is the
// Bastion subnet: /26 (10.200.0.128/26) as Azure requires, where the reference uses a /27.
import Slipway

let region = Region.eastUS

/// The environment, declared in a function: the compiler checks each `add` on its own, so the
/// file compiles in time linear in its length however many declarations it grows to.
func aksBaseline() -> Environment {
    var baseline = Environment("aks-baseline", location: region)
        // Imported into the registry by deploy.sh before the cluster; the ingress controller runs
        // from it.
        .bootstrapImages(["docker.io/library/traefik:v3.4"])
        .resourceGroup(for: .registry, "rg-bu0001a0008")
        .resourceGroup(for: .cluster, "rg-bu0001a0008")
        .diagnostics(to: "la-aks-bu0001a0008")
        // The operator's bootstrap vault: it holds the two certificates (deploy step 02) and must
        // allow template deployment (`enabledForTemplateDeployment`).
        .secrets(
            fromVault:
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-bu0001a0008-bootstrap/providers/Microsoft.KeyVault/vaults/kv-bu0001a0008-boot"
        )
        .tags(["Business unit": "BU0001", "Application identifier": "a0008"])

    // The hub's workspace receives hub and spoke diagnostics; the workload workspace receives the
    // registry's and the cluster's.
    baseline.add(LogAnalyticsWorkspace("la-hub-eastus", in: .hub))
    baseline.add(
        LogAnalyticsWorkspace("la-aks-bu0001a0008")
            .basicPlan(tables: ["ContainerLogV2"])
            .alertOnDailyCap())

    baseline.add(
        HubNetwork("vnet-eastus-hub", addressSpace: "10.200.0.0/24") {
            Subnet.azureFirewall("10.200.0.0/26")
            Subnet.gateway("10.200.0.64/27")
            Subnet.azureBastion("10.200.0.128/26")
        }
        .firewall("fw-eastus")
        .bastion("ab-eastus")
        .resourceGroup("rg-enterprise-networking-hubs-eastus")
        .diagnostics(to: "la-hub-eastus"))

    baseline.add(
        SpokeNetwork("vnet-spoke-BU0001A0008-00", addressSpace: "10.240.0.0/16") {
            Subnet.nodes("snet-clusternodes", "10.240.0.0/22")
            Subnet.internalLoadBalancers("snet-clusteringressservices", "10.240.4.0/28")
            Subnet.privateEndpoints("snet-privatelinkendpoints", "10.240.4.32/28")
            Subnet.applicationGateway("snet-applicationgateway", "10.240.5.0/24")
            Subnet.apiServer("snet-privatecluster", "10.240.7.0/28")
        }
        .peered(with: "vnet-eastus-hub")
        .ingressPublicIP("pip-BU0001A0008-00")
        .resourceGroup("rg-enterprise-networking-spokes-eastus")
        .diagnostics(to: "la-hub-eastus"))

    baseline.add(
        ContainerRegistry("acraks")
            .privateEndpoint(in: .spoke("vnet-spoke-BU0001A0008-00", "snet-privatelinkendpoints"))
            .retention(days: 15)
            .replica(in: .centralUS))

    baseline.add(
        AKSCluster("aks-bu0001a0008", kubernetesVersion: "1.35.0") {
            NodePool.system("npsystem", vmSize: .standardD2dV5, autoscale: 3...4)
            NodePool.user("npuser01", vmSize: .standardD4dV5, autoscale: 2...5)
        }
        .nodes(in: .spoke("vnet-spoke-BU0001A0008-00", "snet-clusternodes"))
        .network(
            .azureCNIOverlay(podCIDR: "192.168.0.0/16", serviceCIDR: "172.16.0.0/16", dnsServiceIP: "172.16.0.10"))
        .privateAPIServer(in: .spoke("vnet-spoke-BU0001A0008-00", "snet-privatecluster"))
        // Replace with your tenant and the object ID of the cluster-admins group (deploy step 03).
        .entraID(
            tenantID: "00000000-0000-0000-0000-000000000000", adminGroups: ["11111111-1111-1111-1111-111111111111"])
        .monitoring(to: "la-aks-bu0001a0008")
        .pullsImages(from: "acraks")
        .maintenanceWindow("Tuesday", startingAt: "21:00", hours: 12)
        .namespaceReader("a0008", group: "22222222-2222-2222-2222-222222222222")
        .keyVault("kv-aks", privateEndpointIn: .spoke("vnet-spoke-BU0001A0008-00", "snet-privatelinkendpoints"))
        .ingressController(
            domain: "contoso.com", host: "bu0001a0008-00", internalLoadBalancerIP: "10.240.4.4",
            subnet: .spoke("vnet-spoke-BU0001A0008-00", "snet-clusteringressservices"),
            namespace: "a0008", serviceAccount: "traefik-ingress-controller",
            // One PEM document: the *.aks-ingress.contoso.com certificate chain and its private key.
            certificateSecret: "aks-ingress-controller-certificate")
        .applicationGateway(
            in: .spoke("vnet-spoke-BU0001A0008-00", "snet-applicationgateway"), hostName: "bicycle.contoso.com",
            listenerCertificateSecret: "app-gateway-listener-certificate",
            trustedBackendCertificateSecret: "aks-ingress-controller-public-certificate")
        .managedPrometheus()
        .eventGridSystemTopic()
        // The ASP.NET workload's identity: trusted for its service account only.
        .federatedIdentity("id-aspnetapp", subject: "system:serviceaccount:a0008:aspnetapp")
        .policies(.baseline())
        .alerts(.recommended)
        // Flux reads ./Output/aks-baseline/... from the repository that holds this Output/ folder
        // (the reference's cluster-manifests live in mspnp/aks-baseline, which has no Output/). Name
        // your own; deploy.sh stops before the cluster stamp when the branch does not hold those paths.
        .gitOps(
            FluxConfiguration(repository: "https://github.com/contoso/aks-baseline-platform", branch: "main") {
                // The baseline's cluster-manifests: namespaces, the ingress network policy and the
                // kube-system monitoring settings, as data (see BaselineManifests).
                Kustomization("cluster-manifests") {
                    BaselineManifests.all(workloadNamespace: "a0008", workload: "aspnetapp")
                }
            }))

    // The baseline's workload: the ASP.NET sample behind the Traefik ingress controller (rendered
    // from .ingressController above, TLS from Key Vault), delivered by Flux. The release pipeline
    // promotes an image and opens a pull request that bumps `aspnetapp.tag` in
    // aks-baseline.inputs.json.
    baseline.add(
        Workload("aspnetapp", on: "aks-bu0001a0008", namespace: "a0008")
            .source("Examples/workloads/aspnetapp")
            .image("a0008/aspnetapp", tag: .input("aspnetapp.tag", default: "1.0.0"))
            .port(8080)
            .probes(
                liveness: .http("/healthz", port: 8080), readiness: .http("/healthz", port: 8080),
                startup: .http("/healthz", port: 8080, periodSeconds: 5, failureThreshold: 24))
            .resources(requests: .init(cpu: "50m", memory: "128Mi"), limits: .init(cpu: "500m", memory: "256Mi"))
            .termination(gracePeriodSeconds: 30, preStopSleepSeconds: 10)
            .environment(["ASPNETCORE_URLS": "http://+:8080"])
            .nodePool("npuser01")
            .ingress(host: "bu0001a0008-00.aks-ingress.contoso.com")
            .workloadIdentity("id-aspnetapp")
            .delivery(.pull, stage: .release))

    return baseline
}

Slipway.emit(aksBaseline())

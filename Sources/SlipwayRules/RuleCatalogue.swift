/// Every diagnostic code Slipway emits, with what it checks and why. Codes are stable: a code is
/// never reused for another check. `slipway explain` prints this catalogue and `docs/rules.md` is
/// generated from it.
public enum RuleCatalogue {
    public struct Entry: Sendable {
        public let code: String
        public let severity: String
        public let title: String
        public let explanation: String
    }

    public static func entry(_ code: String) -> Entry? {
        entries.first { $0.code.caseInsensitiveEqual(code) }
    }

    public static let entries: [Entry] = [
        Entry(
            code: "ACR001", severity: "error", title: "A registry with a private endpoint is not Premium",
            explanation:
                "Azure Container Registry supports private endpoints only on the Premium SKU; a Basic or Standard registry with an endpoint fails to deploy."
        ),
        Entry(
            code: "ACR002", severity: "warning", title: "Public network access next to a private endpoint",
            explanation:
                "A registry reached through a private endpoint should not also be reachable from the internet. Suppress with a reason when a build agent outside the VNet must push."
        ),
        Entry(
            code: "AKS001", severity: "error", title: "Malformed Kubernetes version",
            explanation: "AKS accepts major.minor or major.minor.patch; anything else is rejected at deploy time."),
        Entry(
            code: "AKS002", severity: "warning", title: "Kubernetes minor outside the supported table",
            explanation:
                "AKS supports a rolling window of minors. The pinned table (SupportedKubernetesVersions, next to the API versions) lists them; a cluster outside it may not be creatable or may lose support."
        ),
        Entry(
            code: "AKS003", severity: "error", title: "No system node pool",
            explanation: "Every AKS cluster needs at least one System pool to run critical add-ons."),
        Entry(
            code: "AKS004", severity: "error", title: "Autoscale bounds out of order",
            explanation:
                "The cluster autoscaler needs minCount ≤ maxCount, at least one node in a system pool, and at most 1000 nodes per pool."
        ),
        Entry(
            code: "AKS005", severity: "error", title: "Malformed max surge",
            explanation: "maxSurge is a node count (\"1\") or a percentage from 1% to 100% (\"33%\")."),
        Entry(
            code: "AKS006", severity: "error", title: "userDefinedRouting without a route to a firewall",
            explanation:
                "With outboundType userDefinedRouting the cluster has no egress of its own; the node subnet must send 0.0.0.0/0 to a firewall or appliance, or the cluster never becomes ready."
        ),
        Entry(
            code: "AKS007", severity: "error", title: "Private API server without its subnet",
            explanation:
                "API server VNet integration needs a subnet delegated to Microsoft.ContainerService/managedClusters; Slipway brings the private DNS zone."
        ),
        Entry(
            code: "AKS008", severity: "error", title: "Local accounts disabled without Entra ID",
            explanation:
                "disableLocalAccounts removes the static admin credential; without Entra ID integration nobody can sign in to the cluster."
        ),
        Entry(
            code: "AKS009", severity: "warning", title: "Local accounts enabled",
            explanation:
                "Local accounts give a static cluster-admin credential that bypasses Entra ID, Conditional Access and its audit. The baseline disables them."
        ),
        Entry(
            code: "AKS010", severity: "warning", title: "An upgrade channel without a maintenance window",
            explanation:
                "Each enabled channel (the cluster auto-upgrade channel other than none, the node OS channel other than None/Unmanaged) gets a maintenance configuration of its own (aksManagedAutoUpgradeSchedule, aksManagedNodeOSUpgradeSchedule) only when the cluster declares a window for it: .maintenanceWindow(for: .cluster | .nodeOS, …), or .maintenanceWindow(…) for both. Without one AKS upgrades or reimages nodes whenever it likes. A warning, so an error under --strict."
        ),
        Entry(
            code: "AKS011", severity: "error", title: "Unknown upgrade channel",
            explanation:
                "AKS accepts the cluster channels none, patch, stable, rapid and node-image, and the node OS channels None, Unmanaged, NodeImage and SecurityPatch; anything else fails the deployment."
        ),
        Entry(
            code: "AKS012", severity: "error", title: "A maintenance window AKS rejects",
            explanation:
                "A weekly maintenance window names an English weekday, starts at HH:mm in its UTC offset (±HH:mm, +00:00 unless given) and lasts 4 to 24 hours; AKS rejects other windows for its managed schedules."
        ),
        Entry(
            code: "AKS013", severity: "error", title: "An ingress controller that cannot deploy",
            explanation:
                "The ingress controller reads its certificate from the cluster's Key Vault, and its internal load balancer takes an address of a subnet in the cluster's own VNet; Azure keeps the first four and the last address of every subnet. Without the vault Traefik never starts; with a subnet of another VNet or an unusable address the Service never gets its IP."
        ),
        Entry(
            code: "AKS014", severity: "error", title: "An Application Gateway that cannot deploy",
            explanation:
                "The gateway forwards to the ingress controller over TLS, reads its listener and trusted certificates from the cluster's Key Vault, sits in an Application Gateway subnet of the cluster's spoke and answers on the spoke's ingress public IP. Without one of these it cannot be rendered whole, and Slipway does not leave a part out."
        ),
        Entry(
            code: "AKS015", severity: "error", title: "A node pool version AKS does not allow",
            explanation:
                "A pool with its own version (.kubernetesVersion(_:)) may lag its control plane by up to two minors of the same major and never be newer: AKS refuses pool versions outside that skew. Upgrade the control plane first, then the pools."
        ),
        Entry(
            code: "AKS016", severity: "error", title: "A pinned pool the cluster cannot hold",
            explanation:
                "A pool whose version differs from the control plane's is its own managedClusters/agentPools resource, deployed after the cluster. Two things break that: a cluster auto-upgrade channel moves every pool with the control plane (the next deployment would ask AKS to downgrade the pool), and the cluster's own template must hold a system pool on the control plane's version."
        ),
        Entry(
            code: "AKS017", severity: "error", title: "A version change AKS cannot make",
            explanation:
                "Compared with the committed slipway-model.json (at --base REV, else Git's HEAD, else the output on disk): AKS upgrades a control plane one minor at a time (\"you can't skip Kubernetes minor versions\"; skipping is allowed only from an unsupported version back to a supported one, which this rule lets through) and downgrades neither control planes nor pools. Deploy each minor in turn."
        ),
        Entry(
            code: "AKS018", severity: "error", title: "Upgrade settings AKS rejects",
            explanation:
                "A pool's upgradeSettings: maxUnavailable is a count or a percentage (maxSurge is then 0), the drain timeout is 1 to 1440 minutes and the node soak 0 to 30 minutes."
        ),
        Entry(
            code: "AKS019", severity: "error", title: "A spot pool where the cluster needs steady nodes",
            explanation:
                "Spot nodes are evicted whenever Azure needs the capacity back. The system pool runs CoreDNS and the other critical add-ons, and the first pool of the cluster's template is the one AKS creates the cluster with; neither can be spot. AKS taints spot nodes kubernetes.azure.com/scalesetpriority=spot:NoSchedule itself: workloads that may run there need that toleration."
        ),
        Entry(
            code: "AKS020", severity: "error", title: "A Windows pool AKS cannot create",
            explanation:
                "Windows pool names are 1 to 6 lowercase letters and digits (they prefix the nodes' computer names); a cluster with Windows pools needs a Linux system pool and a Windows administrator whose password comes from the secrets vault (.windowsAdmin(username:passwordSecret:)), so it is never written into a file."
        ),
        Entry(
            code: "AKS021", severity: "error", title: "A GPU pool without GPUs",
            explanation:
                "NodePool.gpu(…) needs an N-series VM size (NC, ND, NV …); any other size has no GPU for the pods that tolerate the pool's taint."
        ),
        Entry(
            code: "AKS022", severity: "error", title: "A taint or label AKS rejects",
            explanation:
                "Taints are key=value:Effect (or key:Effect) with the effect NoSchedule, PreferNoSchedule or NoExecute. Keys under kubernetes.azure.com/ are AKS's own, such as the spot taint AKS adds by itself."
        ),
        Entry(
            code: "AKS023", severity: "error", title: "Cost analysis on the Free tier",
            explanation:
                "AKS cost analysis (metricsProfile.costAnalysis) is available on the Standard and Premium tiers only; a Free cluster rejects it."
        ),
        Entry(
            code: "AKS024", severity: "error", title: "Managed Grafana without metrics, or with a bad name or admin",
            explanation:
                "Managed Grafana reads the cluster's Azure Monitor workspace, which exists only with .managedPrometheus(). Its name is 2 to 23 letters, digits and hyphens (a letter first, no hyphen last) and becomes <name>.<region>.grafana.azure.com; its admins are Entra group object IDs."
        ),
        Entry(
            code: "DSL001", severity: "error", title: "The file describes no environment",
            explanation: "A DSL file must hand its environments over exactly once with Slipway.emit(…)."),
        Entry(
            code: "DSL002", severity: "error", title: "The file hands over its environments twice",
            explanation:
                "Slipway.emit must be called once, after every modifier; a second call would make the output depend on the order of calls."
        ),
        Entry(
            code: "DSL003", severity: "error", title: "The DSL program stopped",
            explanation:
                "The program trapped (an out-of-range index, a force unwrap, a reversed range…). Slipway reports the first frame in the user's file instead of a backtrace."
        ),
        Entry(
            code: "DSL004", severity: "error", title: "A --set value of the wrong type",
            explanation:
                "Slipway.input(_:default:) with an integer default takes an integer from --set; 'ten', '2.5' or an empty value is a usage error (exit 2) naming the input, never a silent fall back to the default."
        ),
        Entry(
            code: "DSL005", severity: "warning", title: "A builder body that is slow to compile",
            explanation:
                "Swift type-checks a result-builder body as one unit, so its compile time grows with the square of its length: an `Environment(…) { … }` with 40 literal spoke-and-cluster pairs takes about a second to type-check, with 160 about seventeen (against 0.7 s in the function form). Past 40 statements Slipway warns and shows the function form, `var env = Environment(name, location:)` with one `env.add(…)` per declaration, which the compiler checks statement by statement in linear time."
        ),
        Entry(
            code: "ENV001", severity: "error", title: "Duplicate environment name",
            explanation: "Environment names are output folders and must be unique across every file of a run."),
        Entry(
            code: "ENV002", severity: "error", title: "Invalid environment name",
            explanation:
                "Environment names become folder and deployment names: a letter, then letters, digits, '-' or '_'."),
        Entry(
            code: "ENV003", severity: "error", title: "A hub workspace in an environment without a hub",
            explanation:
                "A workspace placed with `in: .hub` is created by the hub template. An environment that only references another environment's hub deploys no hub template, so the workspace would exist nowhere while its diagnostics point at it."
        ),
        Entry(
            code: "ENV004", severity: "warning", title: "An environment that declares nothing",
            explanation:
                "An Environment without networks, workspaces, registries, clusters or raw resources renders a deploy.sh that deploys nothing; it is usually a builder body that lost its content."
        ),
        Entry(
            code: "FLX001", severity: "error", title: "dependsOn names a kustomization that does not exist",
            explanation: "Flux waits forever for a dependency it cannot find."),
        Entry(
            code: "FLX002", severity: "error", title: "dependsOn cycle",
            explanation: "Kustomizations that depend on each other in a cycle never reconcile."),
        Entry(
            code: "FLX003", severity: "error", title: "A path outside the repository tree",
            explanation:
                "Flux resolves kustomization paths from the repository root; a path must start with ./ and stay inside the repository."
        ),
        Entry(
            code: "FLX004", severity: "error", title: "Malformed interval",
            explanation: "Intervals, retries and timeouts are positive Go durations such as 10m or 1h30m."),
        Entry(
            code: "FLX005", severity: "error", title: "A ${var} without a value or a default",
            explanation:
                "Post-build substitution leaves an unknown ${var} empty, which silently breaks the manifest. Substitute it, or write ${var:=default}."
        ),
        Entry(
            code: "FLT001", severity: "error", title: "A registration token ttl Fleet does not accept",
            explanation: "Fleet parses ttl as a Go duration: hours, minutes and seconds (240h); d and w are rejected."),
        Entry(
            code: "FLT002", severity: "warning", title: "A short or predictable clientID",
            explanation:
                "A clientID ties an agent to a pre-defined Cluster; a guessable one lets another cluster impersonate it."
        ),
        Entry(
            code: "FLT003", severity: "warning", title: "A Fleet target that matches no cluster",
            explanation: "A ClusterGroup or GitRepo target that selects no registered cluster deploys nothing."),
        Entry(
            code: "FLT004", severity: "error", title: "A bundle dependsOn names a bundle that does not exist",
            explanation: "Fleet waits forever for a bundle it cannot find."),
        Entry(
            code: "FLT005", severity: "error", title: "A cluster registered twice",
            explanation: "Two registrations with one clientID fight over one Cluster object."),
        Entry(
            code: "FLT006", severity: "error", title: "Flux extension and Fleet on one cluster",
            explanation:
                "Two GitOps engines reconciling one cluster fight over its objects; choose one per cluster, or say alsoFlux: true."
        ),
        Entry(
            code: "FLT007", severity: "error", title: "Fleet registration without a manager",
            explanation: "A cluster registers with the environment's FleetManager, whose cluster must be declared."),
        Entry(
            code: "FLT008", severity: "error", title: "A manager-initiated private cluster the manager cannot reach",
            explanation:
                "Manager-initiated registration calls the downstream API server. Slipway accepts two paths: both clusters in one VNet, or spokes of one hub with a firewall, which routes between spokes and gets a Fleet rule."
        ),
        Entry(
            code: "FLT009", severity: "error", title: "A Helm chart that is not pinned",
            explanation:
                "A version range, 'latest' or a plain-http repository makes a Fleet Helm bundle, or the Fleet manager and agents deploy.sh installs, whatever the repository serves that day; pin an exact version (from https:// or oci:// for bundles)."
        ),
        Entry(
            code: "FLX006", severity: "error", title: "A Helm chart or OCI artifact that is not pinned",
            explanation:
                "A HelmRelease's chart version must name one release (1.2.3, v1.2.3-rc.1), and an OCIRepository must follow an exact version tag or a sha256 digest: a range (^1.2, ~1, >=1, 1.x, *) or latest makes the cluster change whenever the repository publishes, with no commit to review or revert."
        ),
        Entry(
            code: "FLX007", severity: "error", title: "A HelmRelease whose source, namespace or dependency is missing",
            explanation:
                "A HelmRelease names its HelmRepository (chart.spec.sourceRef) or OCIRepository (chartRef) and the releases it depends on by name; helm-controller waits forever for what the cluster's Flux tree does not declare. The namespace it installs into must be declared in its kustomization or one that kustomization depends on (or be a system namespace): Helm does not create it."
        ),
        Entry(
            code: "FLX008", severity: "warning",
            title: "A HelmRelease behind the firewall without its image registries",
            explanation:
                "A cluster that egresses through the hub firewall pulls a chart's images through it, and the firewall allows only the registries it knows (the environment's registry, MCR, Docker Hub and the chart sources). Slipway cannot see which images a chart uses: list their registries with HelmRelease.imageHosts(_:), which the firewall then allows, or import the images into the environment's registry and point the chart's values at it."
        ),
        Entry(
            code: "IMG001", severity: "error", title: "An image from outside the registry and the allow-list",
            explanation:
                "The baseline's image-source policy admits only the environment's registry, mcr.microsoft.com and docker.io/library, and the egress firewall blocks other registries. Import the image as a bootstrap image instead."
        ),
        Entry(
            code: "IMG002", severity: "error", title: "A registry image on a cluster that pulls from no registry",
            explanation:
                "registryImage(_:) needs the cluster to pull from the environment's registry (.pullsImages(from:))."),
        Entry(
            code: "NAM001", severity: "error", title: "A name breaks Azure's naming rules",
            explanation:
                "Each resource type has its own characters and length limits (registries 5–50 alphanumerics, Key Vaults 3–24, clusters and their DNS prefix, node pools 1–12 lowercase…). Azure rejects the deployment otherwise."
        ),
        Entry(
            code: "NAM002", severity: "error", title: "Duplicate name within a scope",
            explanation:
                "Two VNets, subnets, workspaces, registries, clusters, node pools or kustomizations with one name (compared without case) would overwrite each other."
        ),
        Entry(
            code: "NAM003", severity: "warning", title: "A literal global name",
            explanation:
                "Registry names are global across Azure. Without the naming convention's deterministic suffix the name may already be taken."
        ),
        Entry(
            code: "NET001", severity: "error", title: "Malformed CIDR, or host bits set",
            explanation:
                "Every address space and prefix is an IPv4 CIDR whose address is the network address (10.0.0.0/24, not 10.0.0.1/24)."
        ),
        Entry(
            code: "NET002", severity: "error", title: "Subnet outside its VNet",
            explanation: "A subnet's prefix must lie inside the VNet's address space."),
        Entry(
            code: "NET003", severity: "error", title: "Subnets overlap within a VNet",
            explanation: "Subnets of one VNet need disjoint prefixes."),
        Entry(
            code: "NET004", severity: "error", title: "Address spaces overlap across VNets",
            explanation:
                "Peered VNets cannot overlap, and every VNet of a run (every environment, and hubs referenced from outside) is checked, because a shared hub peers with spokes of several environments. The overlap is found at deploy time or after peering otherwise."
        ),
        Entry(
            code: "NET005", severity: "error", title: "Pod or service CIDR overlaps a routable range",
            explanation:
                "Pod and service ranges must not overlap any VNet, peered range, or each other, or traffic to those addresses is routed into the cluster."
        ),
        Entry(
            code: "NET006", severity: "error", title: "dnsServiceIP outside the service CIDR",
            explanation: "The cluster DNS service address must be a usable address of the service CIDR."),
        Entry(
            code: "NET007", severity: "error", title: "Reserved subnet below its minimum",
            explanation: "AzureFirewallSubnet and AzureBastionSubnet must be /26 or larger."),
        Entry(
            code: "NET008", severity: "warning", title: "GatewaySubnet below /27",
            explanation: "VPN and ExpressRoute gateways should get a /27 or larger to scale and coexist."),
        Entry(
            code: "NET009", severity: "error", title: "Subnet capacity exceeded",
            explanation:
                "For each subnet, the node pools in it need (maxCount + surge nodes) × (maxPods + 1) addresses under flat Azure CNI, or one per node under overlay, plus the 5 addresses Azure reserves."
        ),
        Entry(
            code: "NET011", severity: "error", title: "A second hub in one environment",
            explanation: "A hub belongs to exactly one environment; other environments reference it with ExistingHub."),
        Entry(
            code: "NET012", severity: "error", title: "Azure Firewall without AzureFirewallSubnet",
            explanation:
                "Azure Firewall deploys into the subnet named AzureFirewallSubnet of its VNet (at least a /26); a hub with .firewall(_:) and no such subnet fails to deploy."
        ),
        Entry(
            code: "NET013", severity: "error", title: "Bastion without AzureBastionSubnet",
            explanation:
                "Azure Bastion deploys into the subnet named AzureBastionSubnet of its VNet (at least a /26); a hub with .bastion(_:) and no such subnet fails to deploy."
        ),
        Entry(
            code: "NET014", severity: "error", title: "A pod subnet that cannot hold the pods",
            explanation:
                "With Azure CNI dynamic IP allocation (.podSubnet(in:)) pods take addresses from their own subnet: it needs flat Azure CNI (overlay pods use the pod CIDR), must not be the node subnet, must route through the firewall when the cluster egresses with userDefinedRouting (pods leave from the pod subnet; the firewall's node-subnet IP group includes it), and must hold (maxCount + surge) × maxPods addresses for every pool that uses it, plus Azure's five."
        ),
        Entry(
            code: "NET015", severity: "error", title: "Azure CNI powered by Cilium where it cannot run",
            explanation:
                "The Cilium data plane assigns pod addresses from an overlay or from pod subnets, not from the node subnet, runs no Windows nodes, and is the only data plane that enforces Cilium network policy."
        ),
        Entry(
            code: "NET016", severity: "error", title: "A NAT gateway egress does not take",
            explanation:
                "With .egress(.natGateway(…)) the spoke renders a NAT gateway on the cluster's node and pod subnets and the cluster uses outboundType userAssignedNATGateway. A route 0.0.0.0/0 to a virtual appliance takes precedence over a NAT gateway, so those subnets must not route through the hub firewall; a subnet takes one NAT gateway; a gateway takes 1 to 16 public IPs or a /28 to /31 prefix and an idle timeout of 4 to 120 minutes; and outboundType userAssignedNATGateway without a declared NAT gateway is refused by AKS."
        ),
        Entry(
            code: "NET017", severity: "error", title: "A central API-server zone the nodes cannot resolve",
            explanation:
                "A private API server's zone kept centrally (.apiServerDNSZone(.hub) or .existing(…)) must be named privatelink.<region>.azmk8s.io or a subzone of it, needs a hub when it is the hub's, and serves only a private API server. A link to the hub VNet alone works only when the spoke resolves DNS through the hub (.dnsThroughHubFirewall(): the firewall's DNS proxy resolves in the hub VNet); otherwise the spoke must be linked too. A spoke that resolves through the hub firewall needs a hub firewall with DNS proxy."
        ),
        Entry(
            code: "NET018", severity: "error", title: "Private ingestion that its senders cannot reach",
            explanation:
                "A workspace with .privateIngestion(endpointIn:) accepts data only through the environment's Azure Monitor Private Link Scope. The scope has one private endpoint (its DNS records are global names, shared by every linked network), so every such workspace names the same spoke subnet, and clusters that send Container Insights data to them sit in that spoke: between spokes, traffic goes through the hub firewall, which has no rule for it."
        ),
        Entry(
            code: "PRP001", severity: "error", title: "A .property path Azure does not know",
            explanation:
                "Every .property(path, value) is checked against the properties of the resource's pinned type@apiVersion in Azure's own type definitions (the bicep-types data the Bicep compiler uses, embedded in Slipway). Azure rejects an unknown property, or ignores it silently, which is worse. The message names the closest property when one is close."
        ),
        Entry(
            code: "PRP002", severity: "error", title: "A .property path Azure does not accept",
            explanation:
                "A read-only property (Azure sets it: provisioningState, fqdn, …) cannot be written. Reaching into an array's items needs a selector, properties.agentPoolProfiles[name=apps].maxPods, and [name=…] only selects in an array."
        ),
        Entry(
            code: "PRP003", severity: "error", title: "A .property path that selects no item",
            explanation:
                "properties.agentPoolProfiles[name=apps].maxPods sets one property of the array item named apps. The name must be one Slipway renders there (a node pool of the cluster, a subnet of the VNet), or the override would select nothing and be ignored silently; for arrays whose items Slipway cannot name before deployment, set the whole array instead. A malformed path is refused too."
        ),
        Entry(
            code: "REF001", severity: "error", title: "Dangling reference",
            explanation:
                "A cluster, registry, spoke or kustomization names a subnet, workspace, registry or hub that is neither declared nor referenced as existing."
        ),
        Entry(
            code: "REF002", severity: "error", title: "Private endpoint outside an endpoint subnet",
            explanation:
                "Private endpoints go into subnets declared with Subnet.privateEndpoints, whose NSG admits HTTPS from the VNet only."
        ),
        Entry(
            code: "SEC001", severity: "error", title: "A secret without a secrets vault",
            explanation:
                "Secrets reach parameter files only as Key Vault references to the operator's vault (.secrets(fromVault:)), whose resource ID must be a Key Vault ID."
        ),
        Entry(
            code: "SEC002", severity: "error",
            title: "A secret rendered into Git",
            explanation:
                "Templates, parameter files, manifests, fleet.yaml, Helm values and workload environment variables are committed under Output/. Each of these is an error, which no suppression silences: a v1 Secret manifest; a literal under a credential-named key (adminPassword, token, clientSecret, connectionString, …) in a .property override, a RawResource body, a manifest, Helm values or an environment variable (DB_PASSWORD); a credential-shaped value anywhere (a private key block, a connection string with Password=, AccountKey= or SharedAccessKey=, a SAS signature). Secrets come from Key Vault."
        ),
        Entry(
            code: "STK001", severity: "error", title: "Deny settings a stack cannot carry",
            explanation:
                "A deployment stack's deny settings exclude at most five principals, each an Entra object ID (a GUID) that exists before the stack: an identity the stack itself creates cannot be excluded. Slipway excludes the actions AKS and other units need instead; see docs/deployment-stacks.md."
        ),
        Entry(
            code: "TPL001", severity: "error", title: "A missing static manifest base",
            explanation: "A kustomization names a template that Templates/manifests/ does not have."),
        Entry(
            code: "WKL001", severity: "error", title: "A workload image from outside the environment's registry",
            explanation:
                "The baseline allows images only from the environment's registry and its allow-list (policy and egress firewall); any other image fails to pull or is denied. A repository of the environment's registry also needs the cluster to pull from it."
        ),
        Entry(
            code: "WKL002", severity: "error", title: "A workload on a cluster that cannot run it",
            explanation:
                "The workload names a cluster the environment does not declare, or is delivered by Flux (.pull) to a cluster without a Flux configuration."
        ),
        Entry(
            code: "WKL003", severity: "error", title: "A workload without probes or resource limits",
            explanation:
                "Without liveness and readiness probes Kubernetes routes traffic to pods that cannot serve and never restarts hung ones; the baseline's policies deny containers without CPU and memory limits, or with limits above the resource-limit policy's maximum (500m and 256Mi in the preset), and the scheduler needs requests."
        ),
        Entry(
            code: "WKL004", severity: "error", title: "A latest, moving or wrong-stage image tag",
            explanation:
                "Tags come from the promotion table: dev-<short sha> on main, staging-<short sha> re-tagged on staging, X.Y.Z from a vX.Y.Z tag (locked). Anything else, latest above all, can change under a running workload; a tag of another stage means the environment skipped promotion."
        ),
        Entry(
            code: "WKL005", severity: "error", title: "A pull-delivered tag the pipeline cannot bump",
            explanation:
                "With .pull delivery the pipeline opens a pull request that rewrites the default of the tag's input with slipway set-input; a tag that is not an input cannot be bumped that way. Take it from .input(name, default:)."
        ),
        Entry(
            code: "WKL006", severity: "error", title: "A workload identity that does not match its service account",
            explanation:
                "Entra ID issues a token only when the federated credential's subject is exactly system:serviceaccount:<namespace>:<service account>; the identity must be declared on the workload's cluster, and mounting Key Vault secrets needs both the identity and the cluster's vault."
        ),
        Entry(
            code: "WKL007", severity: "error", title: "An ingress host outside the environment's domain",
            explanation:
                "Mirrors the baseline's custom ingress policy: hosts must be under aks-ingress.<domain>, served over HTTPS by the cluster's internal ingress controller, which the cluster must declare and deliver through Flux; two workloads may not serve the same host and path on one cluster."
        ),
        Entry(
            code: "WKL008", severity: "error", title: "A workload running as root",
            explanation: "The baseline's policies deny containers that run as user 0."),
        Entry(
            code: "WKL009", severity: "error",
            title: "A workload declared twice, or a kustomization with a name Slipway uses",
            explanation:
                "Two workloads with one name in one environment would overwrite each other's manifests and pipeline; a declared kustomization called ingress-controller or workload-<name> would collide with the one Slipway renders."
        ),
        Entry(
            code: "WKL011", severity: "error", title: "A pre-stop wait as long as the grace period",
            explanation:
                "Kubernetes counts the pre-stop hook against terminationGracePeriodSeconds; when the wait uses it all, the container is killed without ever handling SIGTERM, dropping in-flight requests."
        ),
        Entry(
            code: "WKL012", severity: "error", title: "A pull-delivered workload in a namespace nobody creates",
            explanation:
                "Flux applies the workload's objects into its namespace but does not create it; one of the cluster's kustomizations must declare the Namespace (the workload's kustomization runs after them). Push-delivered workloads create theirs in the deploy job."
        ),
        Entry(
            code: "WKL013", severity: "error", title: "More replicas than the pool has nodes for",
            explanation:
                "Workload and ingress-controller pods require a node each (required pod anti-affinity on kubernetes.io/hostname, so one node drain takes out at most one replica), and a rolling update starts one new pod before it stops an old one. The pool they run on (or, without a node pool, every pool without a NoSchedule taint) must reach replicas + 1 nodes at its maximum; otherwise pods stay Pending and the rollout never completes."
        ),
        Entry(
            code: "WKL010", severity: "error", title: "A workload name Kubernetes rejects",
            explanation:
                "Workload, namespace and service account names must be DNS-1123 labels (63 lowercase letters, digits and '-'); port names at most 15 characters with a letter. The API server rejects anything else when Flux or the pipeline applies it."
        ),
    ]
}

extension String {
    func caseInsensitiveEqual(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

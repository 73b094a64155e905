import SlipwayModel

/// The ingress controller's zone, record and identity, and the Application Gateway in front of it.
enum ClusterIngressRendering {
    /// `aks-ingress.<domain>` with the controller's A record, and the controller's workload identity.
    static func ingress(_ ingress: IngressModel, network: String?, unit: inout UnitTemplate) -> String {
        let domain = unit.bicep.parameter(
            "ingressDomainName", .string, "The domain of the in-cluster ingress, under aks-ingress.",
            value: .string(ingress.domain))
        let address = unit.bicep.parameter(
            "ingressInternalLoadBalancerIP", .string, "The internal load balancer address of the ingress controller.",
            value: .string(ingress.internalLoadBalancerIP))
        unit.addPrivateDNSZone(
            "ingressPrivateDnsZone", name: .expression("'aks-ingress.${\(domain.expressionText)}'"),
            linkedTo: [network].compactMap { $0 })
        unit.bicep.add(
            BicepResource(
                "ingressRecord", "Microsoft.Network/privateDnsZones/A",
                body: [
                    .init("parent", .expression("ingressPrivateDnsZone")),
                    .init("name", .string(ingress.hostName)),
                    .init(
                        "properties",
                        .object(["ttl": 3600, "aRecords": .array([.object(["ipv4Address": address])])])),
                ]))
        let identity = ClusterSecurityRendering.identity(
            "ingressControllerIdentity", name: .expression("'podmi-ingress-${clusterName}'"), unit: &unit)
        unit.bicep.add(
            BicepResource(
                "ingressControllerFederatedCredential",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
                body: [
                    .init("parent", .expression(identity)),
                    .init("name", "ingress-controller"),
                    .init(
                        "properties",
                        .object([
                            "issuer": .expression("cluster.properties.oidcIssuerProfile.issuerURL"),
                            "subject": .string("system:serviceaccount:\(ingress.namespace):\(ingress.serviceAccount)"),
                            "audiences": ["api://AzureADTokenExchange"],
                        ])),
                ]))
        unit.bicep.add(
            BicepOutput(
                "ingressControllerClientId", .string, .expression("\(identity).properties.clientId")))
        unit.bicep.add(
            BicepOutput(
                "ingressHostName", .string,
                .expression("'\(ingress.hostName).${ingressPrivateDnsZone.name}'")))
        return identity
    }

    /// The WAF policy and the WAF_v2 Application Gateway, wired to the Key Vault certificates.
    static func applicationGateway(
        _ gateway: ApplicationGatewayModel, ingress: IngressModel, clusterName: Value, spoke: SpokeModel?,
        dependsOn: [String], unit: inout UnitTemplate
    ) {
        guard let spoke, let publicIP = spoke.ingressPublicIP else { return }
        let name = unit.bicep.variable("applicationGatewayName", .expression("'apw-${\(clusterName.expressionText)}'"))
        let hostName = unit.bicep.parameter(
            "applicationGatewayHostName", .string, "The public hostname the Application Gateway serves.",
            value: .string(gateway.hostName))
        let identity = ClusterSecurityRendering.identity(
            "applicationGatewayIdentity", name: .expression("'mi-appgateway-${\(clusterName.expressionText)}'"),
            unit: &unit)
        let access = ClusterSecurityRendering.keyVaultAccess(for: identity, unit: &unit)
        unit.bicep.add(
            BicepResource(
                "wafPolicy", "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
                body: unit.head(name: .expression("'waf-${\(clusterName.expressionText)}'")) + [
                    .init(
                        "properties",
                        .object([
                            "policySettings": .object([
                                "fileUploadLimitInMb": 10, "state": "Enabled", "mode": "Prevention",
                                "requestBodyCheck": true,
                            ]),
                            "managedRules": .object([
                                "managedRuleSets": .array([
                                    .object(["ruleSetType": "OWASP", "ruleSetVersion": "3.2"]),
                                    .object(["ruleSetType": "Microsoft_BotManagerRuleSet", "ruleSetVersion": "1.0"]),
                                ])
                            ]),
                        ]))
                ]))
        let subnet = unit.existingSubnet(network: spoke.name, subnet: gateway.subnet.subnet, in: spoke.resourceGroup)
        let pip = unit.existing(
            "ingressPublicIP", "Microsoft.Network/publicIPAddresses",
            name: unit.bicep.parameter(
                "ingressPublicIPName", .string, "The spoke's ingress public IP.", value: .string(publicIP)),
            in: spoke.resourceGroup)
        let backendFQDN = Value.expression("'\(ingress.hostName).aks-ingress.${ingressDomainName}'")
        func child(_ type: String, _ childName: String) -> Value {
            .object([
                "id": .expression(
                    "resourceId('Microsoft.Network/applicationGateways/\(type)', \(name.expressionText), '\(childName)')"
                )
            ])
        }
        unit.bicep.add(
            BicepResource(
                "applicationGateway", "Microsoft.Network/applicationGateways",
                body: unit.head(name: name) + [
                    .init(
                        "identity",
                        .object([
                            "type": "UserAssigned",
                            "userAssignedIdentities": .object([.init("${\(identity).id}", .object([Value.Field]()))]),
                        ])),
                    .init("zones", ["1", "2", "3"]),
                    .init(
                        "properties",
                        .object([
                            .init("sku", .object(["name": "WAF_v2", "tier": "WAF_v2"])),
                            .init(
                                "sslPolicy",
                                .object([
                                    "policyType": "Custom",
                                    "cipherSuites": [
                                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                    ],
                                    "minProtocolVersion": "TLSv1_2",
                                ])),
                            .init(
                                "trustedRootCertificates",
                                .array([
                                    .object([
                                        "name": "root-cert-wildcard-aks-ingress",
                                        "properties": .object([
                                            "keyVaultSecretId": .expression(
                                                "applicationGatewayBackendRootSecret.properties.secretUri")
                                        ]),
                                    ])
                                ])),
                            .init(
                                "gatewayIPConfigurations",
                                .array([
                                    .object([
                                        "name": "apw-ip-configuration",
                                        "properties": .object(["subnet": .object(["id": .expression("\(subnet).id")])]),
                                    ])
                                ])),
                            .init(
                                "frontendIPConfigurations",
                                .array([
                                    .object([
                                        "name": "apw-frontend-ip-configuration",
                                        "properties": .object([
                                            "publicIPAddress": .object(["id": .expression("\(pip).id")])
                                        ]),
                                    ])
                                ])),
                            .init(
                                "frontendPorts",
                                .array([.object(["name": "port-443", "properties": .object(["port": 443])])])),
                            .init(
                                "autoscaleConfiguration",
                                .object([
                                    "minCapacity": .int(gateway.minCapacity), "maxCapacity": .int(gateway.maxCapacity),
                                ])),
                            .init("firewallPolicy", .object(["id": .expression("wafPolicy.id")])),
                            .init("enableHttp2", false),
                            .init(
                                "sslCertificates",
                                .array([
                                    .object([
                                        "name": "listener-certificate",
                                        "properties": .object([
                                            "keyVaultSecretId": .expression(
                                                "applicationGatewayListenerSecret.properties.secretUri")
                                        ]),
                                    ])
                                ])),
                            .init(
                                "probes",
                                .array([
                                    .object([
                                        "name": "probe-ingress",
                                        "properties": .object([
                                            "protocol": "Https", "path": "/favicon.ico", "interval": 30,
                                            "timeout": 30, "unhealthyThreshold": 3,
                                            "pickHostNameFromBackendHttpSettings": true, "minServers": 0,
                                            "match": .object([Value.Field]()),
                                        ]),
                                    ])
                                ])),
                            .init(
                                "backendAddressPools",
                                .array([
                                    .object([
                                        "name": "ingress",
                                        "properties": .object([
                                            "backendAddresses": .array([.object(["fqdn": backendFQDN])])
                                        ]),
                                    ])
                                ])),
                            .init(
                                "backendHttpSettingsCollection",
                                .array([
                                    .object([
                                        "name": "ingress-https",
                                        "properties": .object([
                                            "port": 443, "protocol": "Https", "cookieBasedAffinity": "Disabled",
                                            "pickHostNameFromBackendAddress": true, "requestTimeout": 20,
                                            "probe": child("probes", "probe-ingress"),
                                            "trustedRootCertificates": .array([
                                                child("trustedRootCertificates", "root-cert-wildcard-aks-ingress")
                                            ]),
                                        ]),
                                    ])
                                ])),
                            .init(
                                "httpListeners",
                                .array([
                                    .object([
                                        "name": "listener-https",
                                        "properties": .object([
                                            "frontendIPConfiguration": child(
                                                "frontendIPConfigurations", "apw-frontend-ip-configuration"),
                                            "frontendPort": child("frontendPorts", "port-443"),
                                            "protocol": "Https",
                                            "sslCertificate": child("sslCertificates", "listener-certificate"),
                                            "hostName": hostName,
                                            "requireServerNameIndication": true,
                                        ]),
                                    ])
                                ])),
                            .init(
                                "requestRoutingRules",
                                .array([
                                    .object([
                                        "name": "apw-routing-rules",
                                        "properties": .object([
                                            "ruleType": "Basic", "priority": 100,
                                            "httpListener": child("httpListeners", "listener-https"),
                                            "backendAddressPool": child("backendAddressPools", "ingress"),
                                            "backendHttpSettings": child(
                                                "backendHttpSettingsCollection", "ingress-https"),
                                        ]),
                                    ])
                                ])),
                        ])),
                ],
                dependsOn: dependsOn + access))
        unit.diagnostics(
            on: "applicationGateway",
            logs: ["ApplicationGatewayAccessLog", "ApplicationGatewayPerformanceLog", "ApplicationGatewayFirewallLog"],
            metrics: false, to: unit.context.environment.diagnosticsWorkspace)
    }
}

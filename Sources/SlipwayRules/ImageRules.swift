import SlipwayModel

/// IMG001: a manifest image comes from neither the environment's registry nor the allow-list.
/// The baseline's image-source policy and egress firewall would block it at run time.
/// IMG002: a manifest uses the environment's registry but its cluster pulls from no registry.
enum ImageRules {
    static let sources: Validator.Rule = { environments in
        var diagnostics: [Diagnostic] = []
        let ownRegistry = "${\(ImageReferences.registryVariable)}/"
        for environment in environments {
            for cluster in environment.clusters {
                for kustomization in cluster.flux?.kustomizations ?? [] {
                    for manifest in kustomization.manifests {
                        for image in ImageReferences.images(in: manifest.body) {
                            if image.hasPrefix(ownRegistry) {
                                if cluster.registry == nil {
                                    diagnostics.append(
                                        Diagnostic(
                                            .error, "IMG002",
                                            "\(manifest.kind) '\(manifest.name)' uses the environment's registry but cluster '\(cluster.name)' pulls from none",
                                            note: "add .pullsImages(from: \"<registry>\") to the cluster",
                                            at: manifest.site))
                                }
                                continue
                            }
                            if !environment.allowedImageSources.contains(where: { image.hasPrefix($0) }) {
                                diagnostics.append(
                                    Diagnostic(
                                        .error, "IMG001",
                                        "\(manifest.kind) '\(manifest.name)' uses image '\(image)' from outside the environment's registry and the allow-list",
                                        note:
                                            "import it with .bootstrapImages([\"\(image)\"]) and refer to it with .registryImage(\"\(ImageReferences.importedName(of: image))\"), or allow its registry with .allowImages(from:)",
                                        at: manifest.site))
                            }
                        }
                    }
                }
            }
        }
        return diagnostics
    }
}

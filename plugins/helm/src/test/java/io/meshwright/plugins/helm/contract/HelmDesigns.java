package io.meshwright.plugins.helm.contract;

import io.meshwright.plugins.helm.Charts;

/** Meshery designs whose components name the test charts (testbed/charts) by a {@code helm:} source. */
final class HelmDesigns {

    private HelmDesigns() {}

    /** One component: the {@code gadgets} chart (a {@code crds/} CRD, two custom resources, a config map) in {@code namespace}, which the engine creates. */
    static String gadgets(String namespace) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 7d3e5b2a-0000-4000-8000-00000000c0de
                name: helm-gadgets
                version: 0.0.1
                components:
                """ + chart("7d3e5b2a-0000-4000-8000-000000000002", "gadgets", namespace);
    }

    /**
     * The gadgets chart with twelve gadgets in {@code namespace}, which the engine creates: Gadget 11 breaks the CRD's
     * maximum size, so Helm's install fails after it installed {@code crds/} and created the namespace.
     */
    static String brokenGadgets(String namespace) {
        return gadgets(namespace).replace("greeting: hi", "greeting: hi, gadgets: 12");
    }

    /** The gadgets chart in {@code namespace}, which the design also declares (built-in deployer, first level). */
    static String gadgetsInDeclaredNamespace(String namespace) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 7d3e5b2a-0000-4000-8000-00000000c0df
                name: helm-contract
                version: 0.0.1
                components:
                  - id: 7d3e5b2a-0000-4000-8000-000000000001
                    displayName: NS
                    component: {kind: Namespace, version: v1}
                    model: {name: kubernetes}
                    configuration: {metadata: {name: NS}}
                """.replace("NS", namespace) + chart("7d3e5b2a-0000-4000-8000-000000000003", "gadgets", namespace);
    }

    /** One component: the chart at {@code location} (a copy of {@code packed} with its subchart packed) in {@code namespace}. */
    static String packed(String namespace, java.nio.file.Path location) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 7d3e5b2a-0000-4000-8000-00000000c0e0
                name: helm-packed
                version: 0.1.0
                components:
                """ + chart("7d3e5b2a-0000-4000-8000-000000000004", "gadgets", namespace)
                .replace(Charts.dir("gadgets").toString(), location.toString()).replace("gadgets", "packed");
    }

    private static String chart(String id, String chart, String namespace) {
        return """
                  - id: ID
                    displayName: CHART
                    component: {kind: Chart, version: helm.meshwright.io/v1}
                    model: {name: CHART, version: 0.1.0}
                    metadata: {source: {type: helm, location: "LOCATION"}}
                    configuration: {metadata: {namespace: NS}, greeting: hi}
                """.replace("ID", id).replace("CHART", chart).replace("LOCATION", Charts.dir(chart).toString())
                .replace("NS", namespace);
    }
}

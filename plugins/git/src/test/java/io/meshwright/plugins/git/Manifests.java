package io.meshwright.plugins.git;

import java.util.Map;

/** The manifests of the test repositories: a CRD, a namespace, config and a custom resource. */
public final class Manifests {

    public static final String CRD_NAME = "widgets.gitplugin.meshwright.test";

    private Manifests() {}

    public static String crd() {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.gitplugin.meshwright.test
                spec:
                  group: gitplugin.meshwright.test
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec:
                              type: object
                              properties:
                                size: {type: integer}
                """;
    }

    /** Commit A: CRD, namespace {@code own}, a config map in it and one in the part's namespace, a widget. */
    public static Map<String, String> commitA(String own) {
        return Map.of(
                "deploy/crds/widget-crd.yaml", crd(),
                "deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + own + "\n",
                "deploy/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {color: blue}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: own-settings, namespace: OWN}
                        data: {size: "3"}
                        """.replace("OWN", own),
                "deploy/widgets/first.yaml", """
                        apiVersion: gitplugin.meshwright.test/v1
                        kind: Widget
                        metadata: {name: first, namespace: OWN}
                        spec: {size: 3}
                        """.replace("OWN", own),
                "deploy/README.md", "not a manifest\n",
                "deploy/skip/ignored.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: excluded}\n",
                "other/outside.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside}\n");
    }
}

package io.meshwright.testbed.lifecycle;

/** Small designs for the lifecycle scenarios, with per-test namespaces and CRD groups so tests never collide. */
final class Designs {

    private Designs() {}

    /** A namespace, a CRD and two of its resources, config, a service and a deployment, in one manifest. */
    /** A namespace and {@code count} config maps in it. */
    static String configMaps(String namespace, int count) {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n");
        for (int i = 0; i < count; i++) {
            text.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
                    .append(", namespace: ").append(namespace).append("}\ndata: {index: \"").append(i).append("\"}\n");
        }
        return text.toString();
    }

    static String shop(String namespace, String group) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: NS}
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.GROUP}
                spec:
                  group: GROUP
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
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
                ---
                apiVersion: GROUP/v1
                kind: Widget
                metadata: {name: small, namespace: NS}
                spec: {size: 1}
                ---
                apiVersion: GROUP/v1
                kind: Widget
                metadata: {name: large, namespace: NS}
                spec: {size: 9}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: NS}
                data: {color: blue}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: NS}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: NS}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          envFrom: [{configMapRef: {name: settings}}]
                """.replace("NS", namespace).replace("GROUP", group);
    }

    /** The shop without its second widget, config map and service: a smaller next version. */
    static String smallerShop(String namespace, String group) {
        String full = shop(namespace, group);
        StringBuilder kept = new StringBuilder();
        for (String document : full.split("(?m)^---\\n")) {
            boolean dropped = document.contains("name: large") || document.contains("kind: ConfigMap")
                    || document.contains("kind: Service\n");
            if (!dropped) {
                kept.append(kept.isEmpty() ? "" : "---\n").append(document.replace(
                        "          envFrom: [{configMapRef: {name: settings}}]\n", ""));
            }
        }
        return kept.toString();
    }

    /** Three components whose explicit dependencies form a cycle. */
    static String cycle(String namespace) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                name: cyclic-NS
                version: 0.0.1
                components:
                  - id: a
                    displayName: first
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    metadata: {dependsOn: [second]}
                    configuration: {metadata: {namespace: NS}, data: {k: v}}
                  - id: b
                    displayName: second
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    metadata: {dependsOn: [third]}
                    configuration: {metadata: {namespace: NS}, data: {k: v}}
                  - id: c
                    displayName: third
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    metadata: {dependsOn: [first]}
                    configuration: {metadata: {namespace: NS}, data: {k: v}}
                relationships: []
                """.replace("NS", namespace);
    }

    /** Just the shop's CRD: two designs made of it claim the same CRD. */
    static String crdOnly(String group) {
        return shop("unused", group).split("(?m)^---\\n")[1];
    }
}

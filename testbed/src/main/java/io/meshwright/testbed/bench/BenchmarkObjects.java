package io.meshwright.testbed.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The 1,000-object design of the deploy/undeploy benchmark, as the same objects kubectl applies:
 * 10 namespaces, 1 CRD, 400 config maps, 200 secrets, 149 services, 40 deployments and 200 custom resources
 * (the mix cluster.md §4 measured kubectl with).
 */
final class BenchmarkObjects {

    static final int NAMESPACES = 10;

    private BenchmarkObjects() {}

    /** The CRD's group, unique per run so runs never meet each other's leftovers. */
    static String group(String prefix) {
        return prefix + ".bench.example.com";
    }

    /** Namespaces, the CRD and the core objects: what kubectl applies first. */
    static List<String> core(String prefix) {
        List<String> documents = new ArrayList<>();
        for (int n = 0; n < NAMESPACES; n++) {
            documents.add("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace(prefix, n) + "}\n");
        }
        documents.add("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.GROUP}
                spec:
                  group: GROUP
                  scope: Namespaced
                  names: {plural: gadgets, singular: gadget, kind: Gadget, listKind: GadgetList}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec: {type: object, properties: {size: {type: integer}}}
                """.replace("GROUP", group(prefix)));
        for (int i = 0; i < 400; i++) {
            documents.add("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-" + i + ", namespace: "
                    + namespace(prefix, i) + "}\ndata: {index: \"" + i + "\", payload: \"" + "x".repeat(64) + "\"}\n");
        }
        for (int i = 0; i < 200; i++) {
            documents.add("apiVersion: v1\nkind: Secret\nmetadata: {name: secret-" + i + ", namespace: "
                    + namespace(prefix, i) + "}\ntype: Opaque\nstringData: {token: \"t-" + i + "\"}\n");
        }
        for (int i = 0; i < 149; i++) {
            documents.add("apiVersion: v1\nkind: Service\nmetadata: {name: svc-" + i + ", namespace: "
                    + namespace(prefix, i) + "}\nspec:\n  selector: {app: app-" + (i % 40) + "}\n"
                    + "  ports: [{port: 80, targetPort: 8080, protocol: TCP}]\n");
        }
        for (int i = 0; i < 40; i++) {
            documents.add("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: app-I, namespace: NS}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: app-I}}
                      template:
                        metadata: {labels: {app: app-I}}
                        spec:
                          containers:
                            - name: app
                              image: nginx:1.27
                              envFrom: [{configMapRef: {name: config-I}}]
                    """.replace("app-I", "app-" + i).replace("config-I", "config-" + i).replace("NS", namespace(prefix, i)));
        }
        return documents;
    }

    /** The custom resources: what kubectl applies once the CRD is Established. */
    static List<String> customResources(String prefix) {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            documents.add("apiVersion: " + group(prefix) + "/v1\nkind: Gadget\nmetadata: {name: gadget-" + i
                    + ", namespace: " + namespace(prefix, i) + "}\nspec: {size: " + i + "}\n");
        }
        return documents;
    }

    static String namespace(String prefix, int index) {
        return prefix + "-ns-" + (index % NAMESPACES);
    }

    static String yaml(List<String> documents) {
        return String.join("---\n", documents);
    }
}

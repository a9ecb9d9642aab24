package io.meshwright.engine.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/** A namespaced CRD ({@code Gizmo}) in a group of the test's own, and one of its objects, for the sync's tests. */
public final class ClusterWatchTestFixtures {

    private ClusterWatchTestFixtures() {}

    public static String crd(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gizmos.GROUP}
                spec:
                  group: GROUP
                  scope: Namespaced
                  names: {plural: gizmos, singular: gizmo, kind: Gizmo}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec: {type: object, properties: {size: {type: integer}}}
                """.replace("GROUP", group);
    }

    public static GenericKubernetesResource gizmo(String group, String name) {
        GenericKubernetesResource gizmo = new GenericKubernetesResource();
        gizmo.setApiVersion(group + "/v1");
        gizmo.setKind("Gizmo");
        gizmo.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        gizmo.setAdditionalProperty("spec", Map.of("size", 3));
        return gizmo;
    }
}

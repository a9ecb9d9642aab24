package io.meshwright.testkit.contract;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object in the cluster carrying a deployment's label, found by listing every kind the cluster serves (at
 * each group's preferred version) — independent of the engine's own scan, so the contract checks the engine
 * rather than trusting it.
 */
final class LabelledObjects {

    static final String LABEL = "meshwright.io/deployment";

    private LabelledObjects() {}

    /** {@code Kind/namespace/name} of each labelled object, sorted. */
    static List<String> of(KubernetesClient client, String deploymentId) {
        return List.copyOf(withVersions(client, deploymentId).keySet());
    }

    /** {@code Kind/namespace/name} → resourceVersion of every labelled object, sorted by key. */
    static java.util.Map<String, String> withVersions(KubernetesClient client, String deploymentId) {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        java.util.Map<String, String> found = new java.util.TreeMap<>();
        for (String groupVersion : groupVersions) {
            APIResourceList resources = client.getApiResources(groupVersion);
            if (resources == null) {
                continue;
            }
            for (APIResource resource : resources.getResources()) {
                if (resource.getName().contains("/") || !resource.getVerbs().contains("list")
                        || resource.getKind().equals("Event")) {
                    continue;
                }
                for (GenericKubernetesResource item : client.genericKubernetesResources(groupVersion, resource.getKind())
                        .inAnyNamespace().withLabel(LABEL, deploymentId).list().getItems()) {
                    String namespace = item.getMetadata().getNamespace();
                    found.put(resource.getKind() + "/" + (namespace == null ? "" : namespace + "/")
                            + item.getMetadata().getName(), item.getMetadata().getResourceVersion());
                }
            }
        }
        return found;
    }
}

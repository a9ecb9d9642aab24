package io.meshwright.testkit.contract;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        TreeSet<String> found = new TreeSet<>();
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
                    found.add(resource.getKind() + "/" + (namespace == null ? "" : namespace + "/")
                            + item.getMetadata().getName());
                }
            }
        }
        return List.copyOf(found);
    }
}

package io.meshwright.testkit.contract;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code Kind/namespace/name} → resourceVersion of every object carrying a deployment's label. */
final class ResourceVersions {

    private ResourceVersions() {}

    static Map<String, String> of(KubernetesClient client, String deploymentId) {
        Map<String, String> versions = new TreeMap<>();
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
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
                        .inAnyNamespace().withLabel(LabelledObjects.LABEL, deploymentId).list().getItems()) {
                    String namespace = item.getMetadata().getNamespace();
                    versions.put(resource.getKind() + "/" + (namespace == null ? "" : namespace + "/")
                            + item.getMetadata().getName(), item.getMetadata().getResourceVersion());
                }
            }
        }
        return versions;
    }
}

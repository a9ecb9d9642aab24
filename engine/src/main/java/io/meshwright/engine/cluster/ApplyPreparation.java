package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a declared object into the body Meshwright applies: the resolved namespace, the deployment label and
 * part annotation, no server-owned metadata, and the defaults a 1.20 API server needs spelled out under
 * server-side apply (cluster.md §4): a port list is keyed by port and protocol there, and an element without
 * {@code protocol} is refused ("associative list with keys has an element that omits key field").
 */
final class ApplyPreparation {

    static final String DEPLOYMENT_LABEL = "meshwright.io/deployment";
    static final String PART_ANNOTATION = "meshwright.io/part";
    static final String ENGINE_ANNOTATION = "meshwright.io/engine";
    static final String ADOPTED_ANNOTATION = "meshwright.io/adopted";

    private static final Set<String> SERVER_OWNED =
            Set.of("resourceVersion", "uid", "creationTimestamp", "managedFields", "generation", "selfLink");
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

    private ApplyPreparation() {}

    static Map<String, Object> prepare(Map<String, Object> declared, ResourceRef ref, String deploymentId,
            String partId) {
        Map<String, Object> body = ObjectTree.deepCopy(declared);
        body.put("apiVersion", ref.gvk().apiVersion());
        body.put("kind", ref.gvk().kind());
        Map<String, Object> metadata = ObjectTree.child(body, "metadata");
        metadata.keySet().removeAll(SERVER_OWNED);
        metadata.put("name", ref.name());
        if (ref.namespace() != null) {
            metadata.put("namespace", ref.namespace());
        } else {
            metadata.remove("namespace");
        }
        ObjectTree.child(metadata, "labels").put(DEPLOYMENT_LABEL, deploymentId);
        if (partId != null) {
            ObjectTree.child(metadata, "annotations").put(PART_ANNOTATION, partId);
        }
        fillDefaultedKeys(body, ref);
        foldStringData(body, ref);
        return body;
    }

    /**
     * Adds the marks that say whose the object is beyond its deployment id (which another engine computes alike for
     * a design of the same name): the applying engine's id, when it has one, and {@code adopted} for an object that
     * existed before the deployment took it over (so that no orphan clean deletes it once the records are gone).
     * Every apply states both, or server-side apply would drop them as fields the field manager no longer sets.
     */
    static Map<String, Object> stamp(Map<String, Object> body, String engineId, boolean adopted) {
        if (engineId == null && !adopted) {
            return body;
        }
        Map<String, Object> annotations = ObjectTree.child(ObjectTree.child(body, "metadata"), "annotations");
        if (engineId != null) {
            annotations.put(ENGINE_ANNOTATION, engineId);
        }
        if (adopted) {
            annotations.put(ADOPTED_ANNOTATION, "true");
        }
        return body;
    }

    /**
     * A Secret's {@code stringData} is write-only: the server folds it into {@code data} and forgets it, so every
     * apply of the same {@code stringData} changes the object again. Folding it here (base64 into {@code data},
     * {@code stringData} winning as the server would) makes a re-apply of an unchanged design a no-op.
     */
    private static void foldStringData(Map<String, Object> body, ResourceRef ref) {
        if (!ref.gvk().group().isEmpty() || !ref.gvk().kind().equals("Secret")
                || !(body.remove("stringData") instanceof Map<?, ?> strings)) {
            return;
        }
        Map<String, Object> data = ObjectTree.child(body, "data");
        strings.forEach((key, value) -> data.put(String.valueOf(key), java.util.Base64.getEncoder()
                .encodeToString(String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** Fills {@code protocol: TCP} where 1.20 needs the list key present: service ports, container ports. */
    static void fillDefaultedKeys(Map<String, Object> body, ResourceRef ref) {
        String group = ref.gvk().group();
        if (!group.isEmpty() && !group.equals("apps") && !group.equals("batch")) {
            return; // custom resources and other groups keep their own schemas' rules
        }
        if (ref.gvk().kind().equals("Service") && group.isEmpty()) {
            fillProtocol(ObjectTree.maps(body, "spec", "ports"));
        }
        fillContainerPorts(body);
    }

    @SuppressWarnings("unchecked")
    private static void fillContainerPorts(Object node) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (CONTAINER_LISTS.contains(String.valueOf(entry.getKey())) && entry.getValue() instanceof List<?> list) {
                    for (Object container : list) {
                        if (container instanceof Map<?, ?> c) {
                            fillProtocol(ObjectTree.maps((Map<String, Object>) c, "ports"));
                        }
                    }
                } else {
                    fillContainerPorts(entry.getValue());
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(ApplyPreparation::fillContainerPorts);
        }
    }

    private static void fillProtocol(List<Map<String, Object>> ports) {
        for (Map<String, Object> port : ports) {
            port.putIfAbsent("protocol", "TCP");
        }
    }

    /** Whether a CRD body carries CEL rules, which a server older than 1.25 refuses under apply. */
    static boolean carriesCelRules(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("x-kubernetes-validations")) {
                return true;
            }
            return map.values().stream().anyMatch(ApplyPreparation::carriesCelRules);
        }
        if (node instanceof List<?> list) {
            return list.stream().anyMatch(ApplyPreparation::carriesCelRules);
        }
        return false;
    }
}

package io.meshwright.plugins.git.deploy;

import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which objects go first (CRDs and namespaces, so that what lives in them can be applied) and which go last on removal. */
final class Kinds {

    static final String CRD_GROUP = "apiextensions.k8s.io";

    private Kinds() {}

    /** 0: namespaces and CRDs, applied first; 1: everything else. */
    static int applyStage(Map<String, Object> object) {
        return isNamespace(object) || isCrd(object) ? 0 : 1;
    }

    /** Deletion order of what a repository dropped: objects first, then CRDs, then namespaces (reverse of apply). */
    static int deleteStage(ResourceRef ref) {
        return switch (ref.gvk().groupKind()) {
            case "CustomResourceDefinition." + CRD_GROUP -> 1;
            case "Namespace" -> 2;
            default -> 0;
        };
    }

    static boolean isCrd(Map<String, Object> object) {
        return "CustomResourceDefinition".equals(object.get("kind"))
                && String.valueOf(object.get("apiVersion")).startsWith(CRD_GROUP + "/");
    }

    static boolean isNamespace(Map<String, Object> object) {
        return "Namespace".equals(object.get("kind")) && "v1".equals(object.get("apiVersion"));
    }

    /** The kinds a CRD serves (one per served version). */
    @SuppressWarnings("unchecked")
    static List<Gvk> served(Map<String, Object> crd) {
        List<Gvk> kinds = new ArrayList<>();
        if (crd.get("spec") instanceof Map<?, ?> spec && spec.get("names") instanceof Map<?, ?> names
                && spec.get("versions") instanceof List<?> versions) {
            for (Object version : versions) {
                if (version instanceof Map<?, ?> v && !Boolean.FALSE.equals(v.get("served"))) {
                    kinds.add(new Gvk(String.valueOf(spec.get("group")), String.valueOf(v.get("name")),
                            String.valueOf(names.get("kind"))));
                }
            }
        }
        return kinds;
    }

    /** The CRD's name for a kind's group and plural is {@code plural.group}; its stored kinds come from the cluster. */
    static Gvk gvkOf(Map<String, Object> object) {
        return Gvk.of(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
    }
}

package io.meshwright.plugins.helm.deploy;

import io.meshwright.plugins.helm.chart.Yaml;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the objects of rendered manifests. Helm puts an object without a namespace into the release's namespace
 * when its kind is namespaced; the scope of a kind comes from the built-in list below or from a CRD in the same
 * chart, and an unknown kind is taken as namespaced (custom resources mostly are).
 */
final class ObjectRefs {

    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
            "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "APIService", "CSIDriver", "CSINode", "RuntimeClass", "PodSecurityPolicy", "VolumeAttachment", "IngressClass",
            "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding");

    private final Set<String> clusterScopedCustom = new HashSet<>();
    private final String releaseNamespace;

    ObjectRefs(String releaseNamespace, List<Map<String, Object>> objects) {
        this.releaseNamespace = releaseNamespace;
        for (Map<String, Object> object : objects) {
            if (isCrd(object) && "Cluster".equals(Yaml.string(object, "spec", "scope"))) {
                clusterScopedCustom.add(Yaml.string(object, "spec", "group") + "/" + Yaml.string(object, "spec", "names", "kind"));
            }
        }
    }

    static boolean isCrd(Map<String, Object> object) {
        return "CustomResourceDefinition".equals(object.get("kind"))
                && String.valueOf(object.get("apiVersion")).startsWith("apiextensions.k8s.io/");
    }

    ResourceRef ref(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Gvk gvk = Gvk.of(apiVersion, kind);
        String name = Yaml.string(object, "metadata", "name");
        if (name == null) {
            throw new IllegalArgumentException("the chart renders a " + kind + " without metadata.name");
        }
        boolean clusterScoped = (gvk.group().isEmpty() || gvk.group().endsWith(".k8s.io") || !gvk.group().contains("."))
                ? CLUSTER_SCOPED.contains(kind) : clusterScopedCustom.contains(gvk.group() + "/" + kind);
        String namespace = Yaml.string(object, "metadata", "namespace");
        return new ResourceRef(gvk, clusterScoped ? null : namespace == null ? releaseNamespace : namespace, name);
    }

    /**
     * The objects as Helm creates them: a namespaced object the chart gives no namespace goes into the release's
     * (a copy; the originals stay as rendered). Plans dry-run these, so they must not land in the engine's default.
     */
    List<Map<String, Object>> placed(List<Map<String, Object>> objects) {
        List<Map<String, Object>> placed = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            ResourceRef ref = ref(object);
            if (ref.namespace() == null || Yaml.string(object, "metadata", "namespace") != null) {
                placed.add(object);
                continue;
            }
            Map<String, Object> copy = new java.util.LinkedHashMap<>(object);
            Map<String, Object> metadata = new java.util.LinkedHashMap<>(Yaml.mapAt(object, "metadata"));
            metadata.put("namespace", ref.namespace());
            copy.put("metadata", metadata);
            placed.add(copy);
        }
        return placed;
    }

    List<ResourceRef> refs(List<Map<String, Object>> objects) {
        Set<ResourceRef> refs = new LinkedHashSet<>();
        for (Map<String, Object> object : objects) {
            refs.add(ref(object));
        }
        return new ArrayList<>(refs);
    }
}

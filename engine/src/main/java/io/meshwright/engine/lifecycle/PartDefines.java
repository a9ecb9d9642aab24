package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The namespaces and CRD kinds (group/kind) among one part's rendered objects, so a plan preview does not
 * report as refused what only waits for its own part's namespace or CRD.
 */
public record PartDefines(Set<String> namespaces, Set<String> crdGroupKinds) {

    public static PartDefines of(List<Map<String, Object>> rendered) {
        Set<String> namespaces = new HashSet<>();
        Set<String> crds = new HashSet<>();
        for (Map<String, Object> object : rendered) {
            Object kind = object.get("kind");
            String apiVersion = String.valueOf(object.get("apiVersion"));
            if ("Namespace".equals(kind) && "v1".equals(apiVersion) && object.get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("name") instanceof String name) {
                namespaces.add(name);
            } else if ("CustomResourceDefinition".equals(kind) && apiVersion.startsWith("apiextensions.k8s.io/")
                    && object.get("spec") instanceof Map<?, ?> spec && spec.get("names") instanceof Map<?, ?> names) {
                crds.add(names.get("kind") + "." + spec.get("group"));
            }
        }
        return new PartDefines(Set.copyOf(namespaces), Set.copyOf(crds));
    }

    /** The object's ref when it is a custom resource of a CRD this part creates and the cluster does not serve yet. */
    public Optional<ResourceRef> customResourceOfOwnCrd(Map<String, Object> object, TargetCluster cluster) {
        if (!(object.get("apiVersion") instanceof String apiVersion) || !(object.get("kind") instanceof String kind)
                || !(object.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("name") instanceof String name)) {
            return Optional.empty();
        }
        Gvk gvk = Gvk.of(apiVersion, kind);
        if (!crdGroupKinds.contains(gvk.groupKind()) || cluster.serves(gvk)) {
            return Optional.empty();
        }
        Object namespace = metadata.get("namespace");
        return Optional.of(new ResourceRef(gvk, namespace instanceof String ns ? ns : null, name));
    }
}

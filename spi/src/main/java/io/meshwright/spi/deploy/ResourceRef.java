package io.meshwright.spi.deploy;

import io.meshwright.spi.model.Gvk;
import java.util.Objects;

/**
 * One Kubernetes object by kind, namespace and name.
 *
 * @param gvk       its kind
 * @param namespace its namespace, {@code null} for cluster-scoped objects
 * @param name      its name
 */
public record ResourceRef(Gvk gvk, String namespace, String name) {

    public ResourceRef {
        Objects.requireNonNull(gvk, "gvk");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    /**
     * The object's identity whatever version it is served at: {@code group-kind/namespace/name} (an empty
     * namespace for cluster-scoped objects). The one key every map, set and comparison of objects uses.
     */
    public String key() {
        return gvk.groupKind() + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    public boolean namespaced() {
        return namespace != null;
    }

    /** {@code Kind/namespace/name} (or {@code Kind/name} when cluster-scoped), kubectl's way of naming objects. */
    @Override
    public String toString() {
        return gvk.groupKind() + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}

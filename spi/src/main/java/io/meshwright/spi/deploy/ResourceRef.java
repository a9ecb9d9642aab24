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

    public boolean namespaced() {
        return namespace != null;
    }

    /** {@code Kind/namespace/name} (or {@code Kind/name} when cluster-scoped), kubectl's way of naming objects. */
    @Override
    public String toString() {
        return gvk.groupKind() + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}

package io.meshwright.spi.sync;

import io.meshwright.spi.model.Gvk;
import java.util.Map;
import java.util.Objects;

/**
 * One object as the sync sees it: which cluster, which object, how far it is known, who made it and how it is.
 * Carries metadata only, never a Secret's data.
 *
 * @param cluster         the cluster's name (the engine's own target is {@code local} unless configured)
 * @param gvk             group, version and kind as served
 * @param namespace       the namespace, or {@code null} for a cluster-scoped object
 * @param name            the name
 * @param uid             the object's uid
 * @param resourceVersion the resource version last seen
 * @param labels          the object's labels
 * @param state           DISCOVERED, REGISTERED or CONNECTED
 * @param origin          greenfield or brownfield
 * @param deploymentId    for greenfield objects, the deployment whose inventory holds it; otherwise {@code null}
 * @param health          its health
 */
public record ClusterObject(String cluster, Gvk gvk, String namespace, String name, String uid,
        String resourceVersion, Map<String, String> labels, ObjectState state, Origin origin, String deploymentId,
        Health health) {

    public ClusterObject {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(gvk, "gvk");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        health = health == null ? Health.unknown("not assessed") : health;
    }

    /** {@code cluster/group/version/kind/namespace/name}: one object of one cluster, stable across versions. */
    public String key() {
        return cluster + "/" + gvk.groupKind() + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}

package io.meshwright.engine.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a live object into a {@link ClusterObject}: REGISTERED when the registry has a component definition of its
 * kind (CONNECTED when also healthy), else DISCOVERED; greenfield when a deployment holds it; health from its
 * status combined with the extra {@link HealthSource}. Whether a kind is registered is remembered per kind and
 * asked again by {@link #recheck}.
 */
final class Classifier {

    private final String cluster;
    private final RegistryView registry;
    private final OriginLookup origins;
    private final HealthSource extraHealth;
    private final ObjectHealth statusHealth = new ObjectHealth();
    private final Map<Gvk, Boolean> registered = new ConcurrentHashMap<>();

    Classifier(String cluster, RegistryView registry, OriginLookup origins, HealthSource extraHealth) {
        this.cluster = cluster;
        this.registry = registry;
        this.origins = origins;
        this.extraHealth = extraHealth;
    }

    ClusterObject classify(Gvk gvk, GenericKubernetesResource object) {
        ObjectMeta metadata = object.getMetadata();
        String namespace = metadata.getNamespace();
        Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        Optional<String> deployment = origins.deploymentOf(new ResourceRef(gvk, namespace, metadata.getName()),
                metadata.getUid(), labels);
        boolean known = registered(gvk);
        ClusterObject bare = new ClusterObject(cluster, gvk, namespace, metadata.getName(), metadata.getUid(),
                metadata.getResourceVersion(), labels, known ? ObjectState.REGISTERED : ObjectState.DISCOVERED,
                deployment.isPresent() ? Origin.GREENFIELD : Origin.BROWNFIELD, deployment.orElse(null),
                statusHealth.fromStatus(tree(gvk, object)));
        Health health = ObjectHealth.combine(bare.health(), askExtra(bare));
        ObjectState state = known && health.status() == Health.Status.HEALTHY ? ObjectState.CONNECTED : bare.state();
        return new ClusterObject(cluster, gvk, namespace, bare.name(), bare.uid(), bare.resourceVersion(), bare.labels(),
                state, bare.origin(), bare.deploymentId(), health);
    }

    /** Whether the registry has a component definition of {@code gvk} (remembered until {@link #recheck}). */
    boolean registered(Gvk gvk) {
        return registered.computeIfAbsent(gvk, this::askRegistry);
    }

    /** Asks the registry again; whether the answer changed. */
    boolean recheck(Gvk gvk) {
        boolean now = askRegistry(gvk);
        Boolean before = registered.put(gvk, now);
        return before == null || before != now;
    }

    private boolean askRegistry(Gvk gvk) {
        try {
            return !registry.components(gvk, Optional.empty()).isEmpty();
        } catch (RuntimeException e) {
            return false; // the store failing is no reason to stop watching; the next recheck asks again
        }
    }

    private Optional<Health> askExtra(ClusterObject object) {
        try {
            return extraHealth.healthOf(object);
        } catch (RuntimeException e) {
            return Optional.empty(); // a failing extra source is no verdict: status health stands
        }
    }

    /** What the readiness rules read: apiVersion, kind, generation and deletion mark, spec and status. */
    private static Map<String, Object> tree(Gvk gvk, GenericKubernetesResource object) {
        Map<String, Object> metadata = new HashMap<>();
        ObjectMeta meta = object.getMetadata();
        if (meta.getGeneration() != null) {
            metadata.put("generation", meta.getGeneration());
        }
        if (meta.getDeletionTimestamp() != null) {
            metadata.put("deletionTimestamp", meta.getDeletionTimestamp());
        }
        Map<String, Object> tree = new HashMap<>(object.getAdditionalProperties());
        tree.remove("data");
        tree.put("apiVersion", gvk.apiVersion());
        tree.put("kind", gvk.kind());
        tree.put("metadata", metadata);
        return tree;
    }
}

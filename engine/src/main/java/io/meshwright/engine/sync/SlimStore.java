package io.meshwright.engine.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Map;

/**
 * The informer's cache, keeping each object without what the sync never reads: a Secret's {@code data} and
 * {@code stringData} (so they are never kept nor published), and every object's {@code managedFields} and
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation (often most of an object's size).
 *
 * <p>fabric8 7.9 cannot list or watch metadata only ({@code PartialObjectMetadata}: fabric8io/kubernetes-client
 * issue 7451 is open), so a Secret's data crosses the wire and is dropped here, on receipt, before the informer
 * stores it or hands it to any handler (fabric8 puts an object in its store before it notifies).
 */
final class SlimStore extends BasicItemStore<GenericKubernetesResource> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final boolean secrets;

    /** @param secrets whether this store holds Secrets (whose data is dropped) */
    SlimStore(boolean secrets) {
        super(Cache::metaNamespaceKeyFunc);
        this.secrets = secrets;
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource object) {
        return super.put(key, slim(object, secrets));
    }

    /** Drops, in place, what the sync never reads (the object was just read from the wire: nobody else holds it). */
    static GenericKubernetesResource slim(GenericKubernetesResource object, boolean secret) {
        if (secret) {
            Map<String, Object> fields = object.getAdditionalProperties();
            fields.remove("data");
            fields.remove("stringData");
        }
        ObjectMeta metadata = object.getMetadata();
        if (metadata != null) {
            metadata.setManagedFields(null);
            if (metadata.getAnnotations() != null) {
                metadata.getAnnotations().remove(LAST_APPLIED);
            }
        }
        return object;
    }
}

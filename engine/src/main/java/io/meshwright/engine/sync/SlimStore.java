package io.meshwright.engine.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Map;

/**
 * The informer's cache, keeping each object without what the sync never reads, so the cache grows with the
 * number of objects rather than with their payloads: a Secret's {@code data} and {@code stringData} (never kept
 * nor published), a ConfigMap's {@code data} and {@code binaryData} (up to 1 MiB each), a CRD's
 * {@code spec.versions[].schema} (often most of a CRD; group, names, served/storage flags and status stay, which is
 * all {@link ClusterWatch} reads of a CRD), and every object's {@code managedFields} and
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation.
 *
 * <p>fabric8 7.9 cannot list or watch metadata only ({@code PartialObjectMetadata}: fabric8io/kubernetes-client
 * issue 7451 is open), so the payloads cross the wire and are dropped here, on receipt. fabric8 puts an added or
 * updated object in its store before it notifies, so those reach the handler slimmed; a deletion removes the object
 * from the store and hands the handler the object as the watch received it, unslimmed: the handler must not keep
 * or publish its payload ({@link Classifier} reads no {@code data}, and a {@code ClusterObject} carries none).
 */
final class SlimStore extends BasicItemStore<GenericKubernetesResource> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** What is dropped of an object: its payload, by kind. */
    enum Payload {
        SECRET, CONFIG_MAP, CRD, NONE;

        static Payload of(String groupKind) {
            return switch (groupKind) {
                case "Secret" -> SECRET;
                case "ConfigMap" -> CONFIG_MAP;
                case "CustomResourceDefinition.apiextensions.k8s.io" -> CRD;
                default -> NONE;
            };
        }
    }

    private final Payload payload;

    /** @param groupKind the kind this store holds ({@code Secret}, {@code ConfigMap}, …), which says what is dropped */
    SlimStore(String groupKind) {
        super(Cache::metaNamespaceKeyFunc);
        this.payload = Payload.of(groupKind);
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource object) {
        return super.put(key, slim(object, payload));
    }

    /** Drops, in place, what the sync never reads (the object was just read from the wire: nobody else holds it). */
    static GenericKubernetesResource slim(GenericKubernetesResource object, Payload payload) {
        Map<String, Object> fields = object.getAdditionalProperties();
        switch (payload) {
            case SECRET -> {
                fields.remove("data");
                fields.remove("stringData");
            }
            case CONFIG_MAP -> {
                fields.remove("data");
                fields.remove("binaryData");
            }
            case CRD -> {
                if (fields.get("spec") instanceof Map<?, ?> spec) {
                    spec.remove("validation"); // apiextensions v1beta1's one schema
                    if (spec.get("versions") instanceof List<?> versions) {
                        versions.forEach(v -> {
                            if (v instanceof Map<?, ?> version) {
                                version.remove("schema");
                            }
                        });
                    }
                }
            }
            case NONE -> { }
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

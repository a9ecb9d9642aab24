package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * The undeploy post-condition, and the only leftover scan: lists every kind the cluster serves for objects
 * labelled {@code meshwright.io/deployment=<id>} (or carrying that label at all, for the orphan scan). The
 * post-condition counts only this engine's objects: another engine on the same cluster computes the same deployment
 * id for a design of the same name, so an object stamped by another engine ({@code meshwright.io/engine}) is not
 * ours to report; one stamped by none (applied by an older engine, or labelled by hand) still is. Kinds it could not list, and groups whose discovery failed,
 * are reported as unscanned with the reason, so that nobody claims "0 left" without having looked.
 *
 * <p>Fast because it lists each group/kind once (at the group's preferred version: other versions name the
 * same objects), asks for metadata only, skips what cannot hold deployed objects (events, non-listable
 * kinds, subresources), and lists {@code concurrency} kinds at a time.
 */
final class LeftoverScanner {

    private static final Set<String> SKIPPED = Set.of("Event", "Event.events.k8s.io");

    private final KubeApi api;
    private final Discovery discovery;
    private final int concurrency;

    LeftoverScanner(KubeApi api, Discovery discovery, int concurrency) {
        this.api = api;
        this.discovery = discovery;
        this.concurrency = concurrency;
    }

    /**
     * Every object of every served kind that carries {@code deploymentId}'s label and is this engine's: stamped with
     * {@code engineId}, or with no engine id at all. With no {@code engineId} (an engine that stamps none) every
     * labelled object counts.
     */
    TargetCluster.LabelScan scan(String deploymentId, Optional<String> engineId) {
        ConcurrentLinkedQueue<ResourceRef> found = new ConcurrentLinkedQueue<>();
        List<String> unscanned = list(ApplyPreparation.DEPLOYMENT_LABEL + "=" + deploymentId, (resource, item) -> {
            if (engineId.isEmpty() || ours(item, engineId.get())) {
                found.add(ref(resource, item));
            }
        });
        return new TargetCluster.LabelScan(new ArrayList<>(found), unscanned);
    }

    /** Stamped by {@code engineId}, or by no engine (an older engine stamped none; one might be ours). */
    private static boolean ours(Map<String, Object> item, String engineId) {
        return ObjectTree.string(item, "metadata", "annotations", ApplyPreparation.ENGINE_ANNOTATION)
                .map(engineId::equals).orElse(true);
    }

    /** Every object of every served kind that carries the deployment label, whatever its value (the orphan scan). */
    TargetCluster.LabelledScan scanAll() {
        ConcurrentLinkedQueue<TargetCluster.Labelled> found = new ConcurrentLinkedQueue<>();
        List<String> unscanned = list(ApplyPreparation.DEPLOYMENT_LABEL, (resource, item) -> found.add(
                new TargetCluster.Labelled(ref(resource, item),
                        ObjectTree.string(item, "metadata", "labels", ApplyPreparation.DEPLOYMENT_LABEL).orElse(""),
                        ObjectTree.string(item, "metadata", "uid").orElse(null),
                        ObjectTree.string(item, "metadata", "annotations", ApplyPreparation.ENGINE_ANNOTATION).orElse(null),
                        KubeObjects.adopted(item))));
        return new TargetCluster.LabelledScan(new ArrayList<>(found), unscanned);
    }

    private static ResourceRef ref(ServedResource resource, Map<String, Object> item) {
        return new ResourceRef(resource.gvk(), ObjectTree.string(item, "metadata", "namespace").orElse(null),
                ObjectTree.string(item, "metadata", "name").orElse(""));
    }

    /** Lists (metadata only) every served kind's objects matching {@code labelSelector}; answers the kinds it could not read. */
    private List<String> list(String labelSelector, BiConsumer<ServedResource, Map<String, Object>> sink) {
        // Fresh discovery: kinds may have come (a CRD a tool made) or failed since the cache was filled, and a kind
        // the scan does not know of is a kind it cannot vouch for.
        discovery.refresh();
        List<ServedResource> kinds = discovery.preferredResources().stream()
                .filter(r -> r.supports("list"))
                .filter(r -> !SKIPPED.contains(r.gvk().groupKind()))
                .toList();
        String selector = "?labelSelector=" + ServedResource.encode(labelSelector);
        Map<String, String> unscanned = new ConcurrentHashMap<>();
        discovery.unavailable().forEach((groupVersion, reason) -> unscanned.put(groupVersion, "discovery failed: " + reason));
        Bounded.forEach(kinds, concurrency, resource -> {
            String path = resource.collectionPath(null) + selector;
            try {
                ApiResponse response = api.get(path, KubeApi.METADATA_LIST);
                if (response.notFound()) {
                    return; // the kind went away since discovery (a CRD deleted meanwhile): nothing of it is left
                }
                if (!response.ok()) {
                    unscanned.put(resource.gvk().toString(), api.failure("GET", path, response).getMessage());
                    return;
                }
                for (Map<String, Object> item : ObjectTree.maps(api.parse(response.body()), "items")) {
                    sink.accept(resource, item);
                }
            } catch (RuntimeException e) {
                unscanned.put(resource.gvk().toString(), e.getMessage());
            }
        });
        return unscanned.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).sorted().toList();
    }
}

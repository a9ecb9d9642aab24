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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The undeploy post-condition, and the only leftover scan: lists every kind the cluster serves for objects
 * labelled {@code meshwright.io/deployment=<id>}. Kinds it could not list, and groups whose discovery failed,
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

    /** Every object of every served kind that carries {@code deploymentId}'s label. */
    TargetCluster.LabelScan scan(String deploymentId) {
        List<ServedResource> kinds = discovery.preferredResources().stream()
                .filter(r -> r.supports("list"))
                .filter(r -> !SKIPPED.contains(r.gvk().groupKind()))
                .toList();
        String selector = "?labelSelector=" + ServedResource.encode(ApplyPreparation.DEPLOYMENT_LABEL + "=" + deploymentId);
        ConcurrentLinkedQueue<ResourceRef> found = new ConcurrentLinkedQueue<>();
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
                    found.add(new ResourceRef(resource.gvk(),
                            ObjectTree.string(item, "metadata", "namespace").orElse(null),
                            ObjectTree.string(item, "metadata", "name").orElse("")));
                }
            } catch (RuntimeException e) {
                unscanned.put(resource.gvk().toString(), e.getMessage());
            }
        });
        return new TargetCluster.LabelScan(new ArrayList<>(found),
                unscanned.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).sorted().toList());
    }
}

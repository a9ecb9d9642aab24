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
 * The undeploy post-condition: lists every kind the cluster serves for objects labelled
 * {@code meshwright.io/deployment=<id>}, and compares what it finds with the deployment's inventory.
 *
 * <p>Fast because it lists each group/kind once (at the group's preferred version: other versions name the
 * same objects), asks for metadata only, skips what cannot hold deployed objects (events, non-listable
 * kinds, subresources), and lists {@code concurrency} kinds at a time.
 */
public final class OrphanScanner {

    private static final Set<String> SKIPPED = Set.of("Event", "Event.events.k8s.io");

    private final KubeApi api;
    private final Discovery discovery;
    private final int concurrency;

    public OrphanScanner(KubernetesClient client, Discovery discovery, int concurrency) {
        this(ClusterAccess.api(client), discovery, concurrency);
    }

    OrphanScanner(KubeApi api, Discovery discovery, int concurrency) {
        this.api = api;
        this.discovery = discovery;
        this.concurrency = concurrency;
    }

    /** Every object of every served kind that carries {@code deploymentId}'s label. */
    public OrphanScan scan(String deploymentId) {
        List<ServedResource> kinds = discovery.preferredResources().stream()
                .filter(r -> r.supports("list"))
                .filter(r -> !SKIPPED.contains(r.gvk().groupKind()))
                .toList();
        String selector = "?labelSelector=" + ServedResource.encode(ApplyPreparation.DEPLOYMENT_LABEL + "=" + deploymentId);
        ConcurrentLinkedQueue<LabelledObject> found = new ConcurrentLinkedQueue<>();
        Map<Gvk, String> unscanned = new ConcurrentHashMap<>();
        Bounded.forEach(kinds, concurrency, resource -> {
            String path = resource.collectionPath(null) + selector;
            try {
                ApiResponse response = api.get(path, KubeApi.METADATA_LIST);
                if (response.notFound()) {
                    return; // the kind went away since discovery (a CRD deleted meanwhile): nothing of it is left
                }
                if (!response.ok()) {
                    unscanned.put(resource.gvk(), api.failure("GET", path, response).getMessage());
                    return;
                }
                for (Map<String, Object> item : ObjectTree.maps(api.parse(response.body()), "items")) {
                    found.add(new LabelledObject(new ResourceRef(resource.gvk(),
                            ObjectTree.string(item, "metadata", "namespace").orElse(null),
                            ObjectTree.string(item, "metadata", "name").orElse("")),
                            ObjectTree.string(item, "metadata", "uid").orElse("")));
                }
            } catch (RuntimeException e) {
                unscanned.put(resource.gvk(), e.getMessage());
            }
        });
        return new OrphanScan(new ArrayList<>(found), unscanned, kinds.size());
    }

    /**
     * Labelled objects that should not be there: every one found, except those an inventory entry still
     * accounts for (intended or confirmed, with the same uid when one is recorded). After a complete undeploy
     * the inventory accounts only for kept pre-existing objects, so anything else found is a leftover; during
     * a deployment, a leftover is an object nobody tracks.
     */
    public List<Leftover> leftovers(String deploymentId, List<InventoryEntry> inventory) {
        return compare(scan(deploymentId), inventory);
    }

    /** The comparison of {@link #leftovers}, for a scan already made. */
    public static List<Leftover> compare(OrphanScan scan, List<InventoryEntry> inventory) {
        Map<String, InventoryEntry> byKey = new HashMap<>();
        inventory.forEach(e -> byKey.put(key(e.ref()), e));
        List<Leftover> leftovers = new ArrayList<>();
        for (LabelledObject object : scan.found()) {
            InventoryEntry entry = byKey.get(key(object.ref()));
            String reason;
            if (entry == null) {
                reason = "not in the inventory";
            } else if (entry.status() == InventoryStatus.CONFIRMED || entry.status() == InventoryStatus.INTENDED) {
                if (entry.uid() == null || entry.uid().equals(object.uid())) {
                    continue;
                }
                reason = "the inventory recorded another object under this name (uid " + entry.uid() + ")";
            } else {
                reason = "the inventory records it as " + entry.status().name().toLowerCase(Locale.ROOT);
            }
            leftovers.add(new Leftover(object.ref(), object.uid(), reason, deleteCommand(object.ref())));
        }
        return leftovers;
    }

    /** {@code kubectl delete <kind>.<group> <name> [-n <namespace>]}. */
    public static String deleteCommand(ResourceRef ref) {
        Gvk gvk = ref.gvk();
        String kind = gvk.kind().toLowerCase(Locale.ROOT) + (gvk.group().isEmpty() ? "" : "." + gvk.group());
        return "kubectl delete " + kind + " " + ref.name() + (ref.namespace() == null ? "" : " -n " + ref.namespace());
    }

    private static String key(ResourceRef ref) {
        return ref.gvk().groupKind() + "/" + (ref.namespace() == null ? "" : ref.namespace()) + "/" + ref.name();
    }
}

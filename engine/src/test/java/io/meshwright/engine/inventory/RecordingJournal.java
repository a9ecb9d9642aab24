package io.meshwright.engine.inventory;

import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An in-memory inventory journal that keeps the order of calls, and can run a probe at the moment of an
 * intent (to see what the cluster looked like then).
 */
final class RecordingJournal implements InventoryJournal {

    final List<String> calls = new ArrayList<>();
    private final Map<String, InventoryEntry> entries = new LinkedHashMap<>();
    private Consumer<ResourceRef> onIntend = ref -> {};

    void onIntend(Consumer<ResourceRef> probe) {
        this.onIntend = probe;
    }

    @Override
    public synchronized void intend(String deploymentId, ResourceRef ref, String partId, boolean preExisting) {
        onIntend.accept(ref);
        calls.add("intend " + ref);
        byTool.remove(key(deploymentId, ref));
        InventoryEntry previous = entries.get(key(deploymentId, ref));
        boolean live = previous != null && (previous.status() == InventoryStatus.INTENDED
                || previous.status() == InventoryStatus.CONFIRMED);
        entries.put(key(deploymentId, ref), live
                ? new InventoryEntry(deploymentId, ref, previous.uid(), partId, preExisting, previous.status())
                : new InventoryEntry(deploymentId, ref, null, partId, preExisting, InventoryStatus.INTENDED));
    }

    private final Map<String, ToolMarks> byTool = new java.util.HashMap<>();

    @Override
    public synchronized void intendForTool(String deploymentId, ResourceRef ref, String partId, boolean preExisting,
            ToolMarks marks) {
        intend(deploymentId, ref, partId, preExisting);
        byTool.put(key(deploymentId, ref), marks);
    }

    @Override
    public synchronized Optional<ToolMarks> toolMarks(String deploymentId, ResourceRef ref) {
        return Optional.ofNullable(byTool.get(key(deploymentId, ref)));
    }

    @Override
    public synchronized boolean intendedForTool(String deploymentId, ResourceRef ref) {
        return byTool.containsKey(key(deploymentId, ref));
    }

    @Override
    public synchronized void reintend(String deploymentId, ResourceRef ref, String partId, boolean preExisting) {
        calls.add("reintend " + ref);
        entries.put(key(deploymentId, ref), new InventoryEntry(deploymentId, ref, null, partId, preExisting,
                InventoryStatus.INTENDED));
    }

    @Override
    public synchronized void confirm(String deploymentId, ResourceRef ref, String uid) {
        calls.add("confirm " + ref);
        update(deploymentId, ref, uid, InventoryStatus.CONFIRMED);
    }

    @Override
    public synchronized void markDeleted(String deploymentId, ResourceRef ref) {
        calls.add("deleted " + ref);
        update(deploymentId, ref, null, InventoryStatus.DELETED);
    }

    @Override
    public synchronized void markLeftOver(String deploymentId, ResourceRef ref, String reason) {
        calls.add("left over " + ref);
        update(deploymentId, ref, null, InventoryStatus.LEFT_OVER);
    }

    @Override
    public synchronized void forget(String deploymentId, ResourceRef ref) {
        calls.add("forget " + ref);
        entries.remove(key(deploymentId, ref));
    }

    @Override
    public synchronized Optional<InventoryEntry> entry(String deploymentId, ResourceRef ref) {
        return Optional.ofNullable(entries.get(key(deploymentId, ref)));
    }

    @Override
    public synchronized List<InventoryEntry> entries(String deploymentId) {
        return entries.values().stream().filter(e -> e.deploymentId().equals(deploymentId)).toList();
    }

    @Override
    public synchronized java.util.Optional<String> releaseIfClaimed(String deploymentId, ResourceRef ref) {
        return java.util.Optional.empty();
    }

    @Override
    public synchronized java.util.Optional<String> releaseOrMarkDeleting(String deploymentId, ResourceRef ref) {
        return java.util.Optional.empty();
    }

    @Override
    public synchronized void clearDeleting(String deploymentId, ResourceRef ref) {
    }

    @Override
    public synchronized List<InventoryEntry> heldInNamespaceByOthers(String deploymentId, String namespace) {
        return List.of();
    }

    @Override
    public synchronized List<InventoryEntry> holders(ResourceRef ref) {
        return entries.values().stream().filter(e -> e.ref().key().equals(ref.key())
                && (e.status() == io.meshwright.spi.deploy.InventoryStatus.INTENDED
                        || e.status() == io.meshwright.spi.deploy.InventoryStatus.CONFIRMED)).toList();
    }

    @Override
    public synchronized List<InventoryEntry> recordsOnCluster(String clusterUid) {
        return List.copyOf(entries.values());
    }

    @Override
    public java.util.Optional<String> leftOverReason(String deploymentId, io.meshwright.spi.deploy.ResourceRef ref) {
        return java.util.Optional.empty();
    }

    @Override
    public synchronized boolean heldAsPreExisting(String deploymentId, ResourceRef ref) {
        return entries.values().stream().anyMatch(e -> e.ref().equals(ref) && e.preExisting());
    }

    @Override
    public synchronized List<InventoryEntry> claimsByOthers(String deploymentId, ResourceRef ref) {
        return entries.values().stream()
                .filter(e -> !e.deploymentId().equals(deploymentId) && e.ref().equals(ref)
                        && e.status() != InventoryStatus.DELETED)
                .toList();
    }

    synchronized List<String> calls() {
        return new ArrayList<>(calls);
    }

    private void update(String deploymentId, ResourceRef ref, String uid, InventoryStatus status) {
        InventoryEntry e = entries.get(key(deploymentId, ref));
        if (e != null) {
            entries.put(key(deploymentId, ref), new InventoryEntry(deploymentId, ref, uid != null ? uid : e.uid(),
                    e.partId(), e.preExisting(), status));
        }
    }

    private static String key(String deploymentId, ResourceRef ref) {
        return deploymentId + "|" + ref.gvk().groupKind() + "|" + ref.namespace() + "|" + ref.name();
    }
}

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A namespace the deployment created is deleted only when nothing else lives in it: deleting a namespace
 * deletes everything inside, so objects another deployment put there (without declaring the namespace) or
 * that nobody manages would go with it. Such a namespace is kept, and the report says what holds it.
 */
final class NamespaceSafetyRule {

    private static final int NAMED = 5;

    private final TargetCluster cluster;
    private final InventoryRecords inventory;

    NamespaceSafetyRule(TargetCluster cluster, InventoryRecords inventory) {
        this.cluster = cluster;
        this.inventory = inventory;
    }

    static boolean isNamespace(InventoryEntry entry) {
        return entry.ref().gvk().group().isEmpty() && entry.ref().gvk().kind().equals("Namespace");
    }

    /** Why the namespace must be kept, or empty when it may go. */
    Optional<String> reasonToKeep(InventoryEntry namespace) {
        return reasonToKeep(namespace, java.util.Set.of());
    }

    /**
     * Why the namespace must be kept, or empty when it may go; {@code removing} holds the keys of this deployment's
     * objects that the same removal deletes (they do not hold the namespace).
     */
    Optional<String> reasonToKeep(InventoryEntry namespace, java.util.Set<String> removing) {
        String name = namespace.ref().name();
        List<ResourceRef> ours = inventory.entries(namespace.deploymentId()).stream()
                .filter(e -> name.equals(e.ref().namespace()))
                .filter(e -> !removing.contains(e.ref().key()))
                .filter(e -> e.status() == io.meshwright.spi.deploy.InventoryStatus.INTENDED
                        || e.status() == io.meshwright.spi.deploy.InventoryStatus.CONFIRMED)
                .map(InventoryEntry::ref).toList();
        if (!ours.isEmpty()) {
            // A new version that dropped the namespace's declaration but still puts objects in it.
            return Optional.of("this deployment still has " + ours.size() + " object(s) in it (" + names(ours) + ")");
        }
        List<InventoryEntry> others = inventory.heldInNamespaceByOthers(namespace.deploymentId(), name);
        if (!others.isEmpty()) {
            return Optional.of("deployment(s) " + others.stream().map(InventoryEntry::deploymentId).distinct()
                    .collect(Collectors.joining(", ")) + " still have objects in it (" + names(others.stream()
                    .map(InventoryEntry::ref).toList()) + ")");
        }
        List<ResourceRef> foreign;
        try {
            foreign = cluster.foreignObjects(name, namespace.deploymentId());
        } catch (RuntimeException e) {
            return Optional.of("could not check what else lives in it (" + e.getMessage() + "); kept to be safe");
        }
        if (!foreign.isEmpty()) {
            return Optional.of(foreign.size() + " object(s) not made by this deployment live in it ("
                    + names(foreign) + ")");
        }
        return Optional.empty();
    }

    private static String names(List<ResourceRef> refs) {
        String shown = refs.stream().limit(NAMED).map(ResourceRef::toString).collect(Collectors.joining(", "));
        return refs.size() > NAMED ? shown + ", …" : shown;
    }
}

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.engine.inventory.JournalingApplier;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Removes inventoried objects in undeploy order: workloads, then services and networking, then config, custom
 * resources, CRDs (only when {@link CrdSafetyRule} allows) and last the namespaces the deployment created
 * (only when {@link NamespaceSafetyRule} allows). The objects of one rank are deleted together; a rank starts
 * when the one before it is really gone, so a namespace is never deleted under objects still being torn down.
 * Every record goes through the journaling applier (deleted, released, kept). Used by undeploy, and by
 * re-deploys to prune.
 */
final class Remover {

    private final InventoryRecords inventory;
    private final CrdSafetyRule crdSafety;
    private final NamespaceSafetyRule namespaceSafety;
    private final KindOrder kindOrder;
    private final int concurrency;
    private final TargetCluster cluster;

    Remover(InventoryRecords inventory, TargetCluster cluster, KindOrder kindOrder, int concurrency) {
        this.inventory = inventory;
        this.cluster = cluster;
        this.crdSafety = new CrdSafetyRule(cluster);
        this.namespaceSafety = new NamespaceSafetyRule(cluster, inventory);
        this.kindOrder = kindOrder;
        this.concurrency = concurrency;
    }

    /** The ranks {@code entries} are removed in, first rank first; deleted records are left out. */
    List<List<InventoryEntry>> order(Collection<InventoryEntry> entries) {
        Map<Integer, List<InventoryEntry>> byRank = new TreeMap<>();
        for (InventoryEntry entry : entries) {
            if (entry.status() != InventoryStatus.DELETED) {
                byRank.computeIfAbsent(kindOrder.undeployRank(entry.ref().gvk()), rank -> new ArrayList<>()).add(entry);
            }
        }
        return List.copyOf(byRank.values());
    }

    /** Removes {@code entries}; returns one outcome per entry, rank by rank. */
    List<DeleteOutcome> remove(Collection<InventoryEntry> entries, JournalingApplier applier, UndeployOptions options) {
        List<DeleteOutcome> outcomes = new ArrayList<>();
        for (List<InventoryEntry> rank : order(entries)) {
            outcomes.addAll(removeRank(rank, applier, options));
        }
        return outcomes;
    }

    private List<DeleteOutcome> removeRank(List<InventoryEntry> rank, JournalingApplier applier, UndeployOptions options) {
        DeleteOutcome[] outcomes = new DeleteOutcome[rank.size()];
        List<Integer> positions = new ArrayList<>();
        List<InventoryEntry> toDelete = new ArrayList<>();
        for (int i = 0; i < rank.size(); i++) {
            InventoryEntry entry = rank.get(i);
            Optional<String> holder = applier.releaseIfShared(entry);
            if (holder.isPresent()) {
                // Shared with a deployment that still holds it: this deployment lets go; the last one removes it.
                outcomes[i] = new DeleteOutcome.Kept(entry.ref(), "still claimed by deployment " + holder.get());
                continue;
            }
            Optional<String> keep = keepReason(entry, options);
            if (keep.isPresent()) {
                outcomes[i] = applier.keep(entry, keep.get());
            } else {
                positions.add(i);
                // The applier keeps pre-existing objects; asking to delete them too hands them over as ours.
                toDelete.add(entry.preExisting() ? owned(entry) : entry);
            }
        }
        List<DeleteOutcome> deleted = applier.deleteAll(toDelete, options.timeout(), concurrency);
        for (int i = 0; i < deleted.size(); i++) {
            outcomes[positions.get(i)] = deleted.get(i);
        }
        return List.of(outcomes);
    }

    /**
     * Why an object the deployment holds alone must stay: it existed before (unless --delete-adopted), it is a
     * CRD that may not go ({@link CrdSafetyRule}, for adopted CRDs too), or a namespace others still use
     * ({@link NamespaceSafetyRule}). Empty when it may be deleted.
     */
    Optional<String> keepReason(InventoryEntry entry, UndeployOptions options) {
        if (entry.preExisting() && !options.deletePreExisting()) {
            return Optional.of(adopted(entry) ? "existed before the deployment; kept (--delete-adopted to remove)"
                    : "existed before the deployment, declared unchanged; kept");
        }
        if (entry.preExisting() && !adopted(entry)) {
            // Declared unchanged and never taken over: --delete-adopted is about adopted objects only.
            return Optional.of("existed before the deployment and was never adopted (declared unchanged); kept");
        }
        if (CrdSafetyRule.isCrd(entry)) {
            return crdSafety.reasonToKeep(entry, options);
        }
        return NamespaceSafetyRule.isNamespace(entry) ? namespaceSafety.reasonToKeep(entry) : Optional.empty();
    }

    /** An adopted object carries the deployment's label (adoption applied it); one kept unchanged never does. */
    private boolean adopted(InventoryEntry entry) {
        try {
            return cluster.view().get(entry.ref())
                    .map(live -> live.get("metadata") instanceof java.util.Map<?, ?> metadata
                            && metadata.get("labels") instanceof java.util.Map<?, ?> labels
                            && entry.deploymentId().equals(labels.get("meshwright.io/deployment")))
                    .orElse(false);
        } catch (RuntimeException e) {
            return false; // unknown: keep it
        }
    }

    /** What would happen to {@code entry}, changing nothing (for dry runs). */
    DeleteOutcome preview(InventoryEntry entry, UndeployOptions options) {
        List<InventoryEntry> claims = inventory.claimsByOthers(entry.deploymentId(), entry.ref());
        if (!claims.isEmpty()) {
            return new DeleteOutcome.Kept(entry.ref(), "still claimed by deployment " + claims.getFirst().deploymentId());
        }
        return keepReason(entry, options).<DeleteOutcome>map(reason -> new DeleteOutcome.Kept(entry.ref(), reason))
                .orElseGet(() -> new DeleteOutcome.Deleted(entry.ref()));
    }

    private static InventoryEntry owned(InventoryEntry entry) {
        return new InventoryEntry(entry.deploymentId(), entry.ref(), entry.uid(), entry.partId(), false, entry.status());
    }

    static String describe(DeleteOutcome outcome) {
        return switch (outcome) {
            case DeleteOutcome.Deleted d -> d.ref() + " deleted";
            case DeleteOutcome.AlreadyGone g -> g.ref() + " already gone (" + g.reason() + ")";
            case DeleteOutcome.Kept k -> k.ref() + " kept: " + k.reason();
            case DeleteOutcome.BlockedByFinalizers b -> b.ref() + " is held by finalizers " + b.finalizers();
            case DeleteOutcome.Failed f -> f.ref() + " could not be deleted: " + f.message();
        };
    }
}

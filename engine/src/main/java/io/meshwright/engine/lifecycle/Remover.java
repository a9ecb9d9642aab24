package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.Bounded;
import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.engine.inventory.JournalingApplier;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes inventoried objects in undeploy order: workloads, then services and networking, then config, custom
 * resources, CRDs (only when {@link CrdSafetyRule} allows) and last the namespaces the deployment created
 * (only when {@link NamespaceSafetyRule} allows). The objects of one rank are deleted together; a rank starts
 * when the one before it is really gone. Workloads, services and config inside a namespace the deployment
 * created and removes go with the namespace, as in kubectl's namespace cascade, instead of one delete and one
 * wait each; webhooks and custom resources are still removed first, in order.
 * Every record goes through the journaling applier (deleted, released, kept). Used by undeploy, and by
 * re-deploys to prune.
 */
final class Remover {

    private static final int NAMESPACES_AT_ONCE = 4;
    private static final String CUSTOM_RESOURCES_PHASE = "custom-resources";

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

    /**
     * Removes {@code entries}; returns one outcome per entry. Workloads, services and config inside a namespace
     * that this removal deletes are not deleted one by one: they go with the namespace (the namespace controller deletes them, as in
     * kubectl's cascade), and are recorded deleted once the namespace is verified gone. The namespace's verdict is
     * taken before anything is deleted; when the namespace is kept after all (or does not go), its objects are
     * deleted one by one at the end.
     */
    List<DeleteOutcome> remove(Collection<InventoryEntry> entries, JournalingApplier applier, UndeployOptions options) {
        Map<String, Optional<String>> namespaceVerdicts = new HashMap<>();
        Set<String> going = namespacesGoing(entries, options, namespaceVerdicts);
        List<InventoryEntry> inside = new ArrayList<>();
        List<InventoryEntry> rest = new ArrayList<>();
        for (InventoryEntry entry : entries) {
            boolean goesWithNamespace = entry.status() != InventoryStatus.DELETED && entry.ref().namespace() != null
                    && going.contains(entry.ref().namespace()) && cascades(entry);
            (goesWithNamespace ? inside : rest).add(entry);
        }
        applier.markGoingWithNamespace(inside);
        List<DeleteOutcome> outcomes = new ArrayList<>();
        for (List<InventoryEntry> rank : order(rest)) {
            outcomes.addAll(removeRank(rank, applier, options, namespaceVerdicts));
        }
        Set<String> gone = new HashSet<>();
        outcomes.stream()
                .filter(o -> o.ref().gvk().group().isEmpty() && o.ref().gvk().kind().equals("Namespace"))
                .filter(o -> o instanceof DeleteOutcome.Deleted || o instanceof DeleteOutcome.AlreadyGone)
                .forEach(o -> gone.add(o.ref().name()));
        List<InventoryEntry> wentWith = inside.stream().filter(e -> gone.contains(e.ref().namespace())).toList();
        List<InventoryEntry> stayed = inside.stream().filter(e -> !gone.contains(e.ref().namespace())).toList();
        outcomes.addAll(applier.goneWithNamespace(wentWith));
        for (List<InventoryEntry> rank : order(stayed)) {
            outcomes.addAll(removeRank(rank, applier, options, namespaceVerdicts));
        }
        return outcomes;
    }

    /**
     * Whether the object may be left to its namespace's deletion: only kinds removed after the custom resources
     * (workloads, services, config, …), whose order among themselves kubectl's cascade shows does not matter.
     * Webhooks and custom resources keep their ordered, awaited removal: a custom resource must go while the
     * operator that finalizes it still runs. Nothing cascades when the kind order names no custom-resources phase.
     */
    private boolean cascades(InventoryEntry entry) {
        int customResources = -1;
        List<KindOrder.UndeployPhase> phases = kindOrder.undeployPhases();
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(CUSTOM_RESOURCES_PHASE)) {
                customResources = i;
            }
        }
        return customResources >= 0 && kindOrder.undeployRank(entry.ref().gvk()) > customResources
                && !NamespaceSafetyRule.isNamespace(entry) && !CrdSafetyRule.isCrd(entry);
    }

    /**
     * The namespaces among {@code entries} that this removal will delete: held by this deployment alone, allowed
     * by {@link NamespaceSafetyRule} now (while the deployment's own objects are still in them: they carry its
     * label, so they do not count as foreign), and holding no object of the deployment that must stay. Each
     * namespace's verdict is kept in {@code verdicts}, so that it is not checked twice.
     */
    private Set<String> namespacesGoing(Collection<InventoryEntry> entries, UndeployOptions options,
            Map<String, Optional<String>> verdicts) {
        Set<String> going = new HashSet<>();
        List<InventoryEntry> namespaces = entries.stream()
                .filter(entry -> entry.status() != InventoryStatus.DELETED && NamespaceSafetyRule.isNamespace(entry))
                .toList();
        // Each check lists every namespaced kind in its namespace; a few namespaces are checked at once.
        Set<String> removing = new HashSet<>();
        entries.forEach(entry -> removing.add(entry.ref().key()));
        List<Optional<String>> keep = Bounded.map(namespaces, NAMESPACES_AT_ONCE,
                entry -> keepReason(entry, options, removing));
        for (int i = 0; i < namespaces.size(); i++) {
            InventoryEntry entry = namespaces.get(i);
            verdicts.put(entry.ref().name(), keep.get(i));
            if (keep.get(i).isEmpty() && inventory.claimsByOthers(entry.deploymentId(), entry.ref()).isEmpty()) {
                going.add(entry.ref().name());
            }
        }
        for (InventoryEntry entry : entries) {
            // An object of ours that stays (adopted, not --delete-adopted) must not go with its namespace.
            if (entry.ref().namespace() != null && entry.status() != InventoryStatus.DELETED
                    && entry.preExisting() && !options.deletePreExisting()) {
                going.remove(entry.ref().namespace());
            }
        }
        return going;
    }

    private List<DeleteOutcome> removeRank(List<InventoryEntry> rank, JournalingApplier applier, UndeployOptions options,
            Map<String, Optional<String>> namespaceVerdicts) {
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
            Optional<String> keep = NamespaceSafetyRule.isNamespace(entry) && namespaceVerdicts.containsKey(entry.ref().name())
                    ? namespaceVerdicts.get(entry.ref().name()) : keepReason(entry, options);
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
        return keepReason(entry, options, Set.of());
    }

    /** {@link #keepReason(InventoryEntry, UndeployOptions)}, knowing which of the deployment's objects go too. */
    Optional<String> keepReason(InventoryEntry entry, UndeployOptions options, Set<String> removing) {
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
        return NamespaceSafetyRule.isNamespace(entry) ? namespaceSafety.reasonToKeep(entry, removing) : Optional.empty();
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
        // A dry run of a whole undeploy: every object of the deployment goes in the same removal.
        Set<String> removing = new HashSet<>();
        inventory.entries(entry.deploymentId()).forEach(e -> removing.add(e.ref().key()));
        return keepReason(entry, options, removing).<DeleteOutcome>map(reason -> new DeleteOutcome.Kept(entry.ref(), reason))
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

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.KindOrder;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;

/**
 * Removes inventoried objects in undeploy order: workloads, then services and networking, then config, custom
 * resources, CRDs (only when {@link CrdSafetyRule} allows) and last the namespaces the deployment created.
 * Objects of one rank are deleted concurrently; each rank waits until its objects are really gone before the
 * next starts, so that a namespace is never deleted under objects that are still being torn down.
 * Used by undeploy, and by re-deploys to prune what a new design version dropped.
 */
final class Remover {

    private final InventoryJournal journal;
    private final CrdSafetyRule crdSafety;
    private final EventSink events;
    private final int concurrency;

    Remover(InventoryJournal journal, TargetCluster cluster, EventSink events, int concurrency) {
        this.journal = journal;
        this.crdSafety = new CrdSafetyRule(journal, cluster);
        this.events = events;
        this.concurrency = concurrency;
    }

    /** The ranks {@code entries} would be removed in, first rank first (for dry runs and reports). */
    static List<List<InventoryEntry>> order(Collection<InventoryEntry> entries) {
        Map<Integer, List<InventoryEntry>> byRank = new TreeMap<>();
        for (InventoryEntry entry : entries) {
            if (entry.status() != InventoryStatus.DELETED) {
                byRank.computeIfAbsent(KindOrder.undeployRank(entry.ref().gvk()), rank -> new ArrayList<>()).add(entry);
            }
        }
        return List.copyOf(byRank.values());
    }

    /** Removes {@code entries}; returns one outcome per entry, in the order they were handled. */
    List<DeleteOutcome> remove(Collection<InventoryEntry> entries, ClusterApplier applier, UndeployOptions options) {
        List<DeleteOutcome> outcomes = new ArrayList<>();
        for (List<InventoryEntry> rank : order(entries)) {
            outcomes.addAll(removeRank(rank, applier, options));
        }
        return outcomes;
    }

    private List<DeleteOutcome> removeRank(List<InventoryEntry> rank, ClusterApplier applier, UndeployOptions options) {
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DeleteOutcome>> futures = new ArrayList<>();
            for (InventoryEntry entry : rank) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return removeOne(entry, applier, options);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<DeleteOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), rank.get(i).ref()));
            }
            return outcomes;
        }
    }

    private DeleteOutcome removeOne(InventoryEntry entry, ClusterApplier applier, UndeployOptions options) {
        ResourceRef ref = entry.ref();
        if (entry.preExisting() && !options.deletePreExisting()) {
            return record(entry, new DeleteOutcome.Kept(ref, "existed before the deployment; kept (--delete-adopted to remove)"));
        }
        if (CrdSafetyRule.isCrd(entry)) {
            Optional<String> keep = crdSafety.reasonToKeep(entry, options);
            if (keep.isPresent()) {
                return record(entry, new DeleteOutcome.Kept(ref, keep.get()));
            }
        }
        return record(entry, applier.delete(entry, options.timeout()));
    }

    private DeleteOutcome record(InventoryEntry entry, DeleteOutcome outcome) {
        String deploymentId = entry.deploymentId();
        switch (outcome) {
            case DeleteOutcome.Deleted deleted -> journal.markDeleted(deploymentId, deleted.ref());
            case DeleteOutcome.AlreadyGone gone -> journal.markDeleted(deploymentId, gone.ref());
            case DeleteOutcome.Kept kept -> {
                if (!entry.preExisting()) {
                    journal.markLeftOver(deploymentId, kept.ref(), kept.reason());
                }
            }
            case DeleteOutcome.BlockedByFinalizers blocked -> journal.markLeftOver(deploymentId, blocked.ref(),
                    "deletion blocked by finalizers " + blocked.finalizers());
            case DeleteOutcome.Failed failed -> journal.markLeftOver(deploymentId, failed.ref(), failed.message());
        }
        events.info("object.removed", deploymentId, describe(outcome));
        return outcome;
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

    private static DeleteOutcome await(Future<DeleteOutcome> future, ResourceRef ref) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new DeleteOutcome.Failed(ref, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeleteOutcome.Failed(ref, "interrupted");
        }
    }
}

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes orphans under undeploy's rules: in undeploy's kind order (custom resources before their CRD, namespaces
 * last), each delete with the uid the scan saw as precondition, a CRD only when {@link CrdSafetyRule} allows and no
 * live deployment claims it, a namespace only when {@link NamespaceSafetyRule} finds nothing else in it (judged
 * once the orphans inside are gone) and every orphan in it went, an object a deployment adopted never (by its record or
 * its {@code meshwright.io/adopted} mark), and what another engine applied, or no engine stamped, only when the user
 * names it ({@link Orphans.Include}). Nothing is journaled: no inventory holds these objects, and recording their
 * deletes into a live deployment's inventory would be a lie. Each rank's last look at the records and its deletes run
 * under the lifecycle's write guard, so a deploy of this engine cannot claim an orphan in between.
 */
final class OrphanCleaner {

    private final OrphanScan scan;
    private final TargetCluster cluster;
    private final KindOrder kindOrder;
    private final CrdSafetyRule crdSafety;
    private final NamespaceSafetyRule namespaceSafety;
    private final int concurrency;
    /** How long a clean waits for running deploys and undeploys before answering busy. */
    static final Duration GUARD_WAIT = Duration.ofSeconds(2);

    private final java.util.concurrent.locks.Lock transitions;

    OrphanCleaner(OrphanScan scan, InventoryRecords inventory, TargetCluster cluster, KindOrder kindOrder, int concurrency,
            java.util.concurrent.locks.Lock transitions) {
        this.transitions = transitions;
        this.scan = scan;
        this.cluster = cluster;
        this.kindOrder = kindOrder;
        this.crdSafety = new CrdSafetyRule(cluster);
        this.namespaceSafety = new NamespaceSafetyRule(cluster, inventory);
        this.concurrency = concurrency;
    }

    /** Scans, then removes what it found (or, with {@code dryRun}, says what it would remove). */
    OrphanReport clean(boolean dryRun, Duration timeout, Orphans.Include include) {
        OrphanReport found = scan.scan();
        List<Orphan> covered = found.orphans().stream().filter(include::covers).toList();
        Set<String> removing = new HashSet<>();
        covered.forEach(o -> removing.add(o.ref().key()));
        Map<Integer, List<Orphan>> byRank = new TreeMap<>();
        found.orphans().forEach(o -> byRank.computeIfAbsent(kindOrder.undeployRank(o.ref().gvk()), r -> new ArrayList<>()).add(o));
        List<OrphanReport.Removal> removals = new ArrayList<>();
        Map<String, String> notRemoved = new java.util.HashMap<>(); // namespace → an orphan in it that stays
        for (List<Orphan> rank : byRank.values()) {
            removals.stream().filter(r -> r.orphan().ref().namespace() != null)
                    .filter(r -> !(r.outcome() instanceof DeleteOutcome.Deleted || r.outcome() instanceof DeleteOutcome.AlreadyGone))
                    .forEach(r -> notRemoved.putIfAbsent(r.orphan().ref().namespace(), r.orphan().ref().toString()));
            if (!dryRun) {
                acquire(removals);
            }
            try {
                // Read the records again for each rank: a deploy may have claimed an orphan (a shared CRD) meanwhile.
                OrphanScan.Records records = scan.records();
                List<Orphan> toDelete = new ArrayList<>();
                for (Orphan orphan : rank) {
                    Optional<String> keep = !include.covers(orphan) ? Optional.of(notOurs(orphan, found.engineId()))
                            : NamespaceSafetyRule.isNamespace(entry(orphan)) && notRemoved.containsKey(orphan.ref().name())
                            ? Optional.of("orphan " + notRemoved.get(orphan.ref().name()) + " in it stays")
                            : keepReason(orphan, records, removing, covered, dryRun);
                    if (keep.isPresent()) {
                        removals.add(removal(orphan, new DeleteOutcome.Kept(orphan.ref(), keep.get()), include));
                    } else if (dryRun) {
                        removals.add(removal(orphan, new DeleteOutcome.Deleted(orphan.ref()), include));
                    } else {
                        toDelete.add(orphan);
                    }
                }
                if (!toDelete.isEmpty()) {
                    List<DeleteOutcome> outcomes = cluster.objects().delete(toDelete.stream()
                            .map(o -> new KubeObjects.Deletion(o.ref(), o.uid(), o.deploymentId())).toList(), timeout, concurrency);
                    for (int i = 0; i < outcomes.size(); i++) {
                        removals.add(removal(toDelete.get(i), outcomes.get(i), include));
                    }
                }
            } finally {
                if (!dryRun) {
                    transitions.unlock();
                }
            }
        }
        return new OrphanReport(found.orphans(), removals, found.unscanned(), dryRun, found.engineId());
    }

    /**
     * Takes the write guard, giving up after {@link #GUARD_WAIT}: a writer waiting on a read-write lock queues every
     * later deploy and undeploy behind it, so waiting out a long deploy would stall them all.
     */
    private void acquire(List<OrphanReport.Removal> removals) {
        boolean taken;
        try {
            taken = transitions.tryLock(GUARD_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            long done = removals.stream().filter(r -> r.outcome() instanceof DeleteOutcome.Deleted).count();
            throw new LifecycleBusyException("busy: a deploy or undeploy is running, try again"
                    + (done == 0 ? "" : " (" + done + " orphans were removed before it started; the rest remain)"));
        }
    }

    /** Why an orphan another engine applied, or no engine stamped, stays; says which flag removes it. */
    private static String notOurs(Orphan orphan, String engineId) {
        return orphan.origin() == Orphan.Origin.OTHER_ENGINE
                ? "applied by engine " + orphan.engineId() + ", not this one (" + engineId + "): that engine's"
                        + " deployment may be live; kept unless that engine is gone and named with --engine "
                        + orphan.engineId()
                : "carries no engine id (an older Meshwright, or another engine's deployment of a design of the same"
                        + " name): kept unless --include-unknown";
    }

    /** Why the orphan must stay, or empty when it may go. */
    private Optional<String> keepReason(Orphan orphan, OrphanScan.Records records, Set<String> removing,
            List<Orphan> orphans, boolean dryRun) {
        List<InventoryEntry> live = records.live(orphan.ref());
        if (!live.isEmpty()) {
            return Optional.of("claimed by deployment " + live.getFirst().deploymentId() + " since the scan");
        }
        if (orphan.preExisting()) {
            return Optional.of("it existed before deployment " + orphan.deploymentId() + " adopted it; kept (remove"
                    + " its " + KubeObjects.DEPLOYMENT_LABEL + " label and " + KubeObjects.ADOPTED_ANNOTATION
                    + " annotation instead)");
        }
        InventoryEntry entry = entry(orphan);
        if (CrdSafetyRule.isCrd(entry)) {
            Optional<String> keep = crdSafety.reasonToKeep(entry, UndeployOptions.defaults());
            if (keep.isPresent() && dryRun && onlyOrphansRemain(orphan.ref(), orphans)) {
                return Optional.empty(); // its custom resources are orphans too, and go in an earlier rank
            }
            return keep;
        }
        return NamespaceSafetyRule.isNamespace(entry) ? namespaceSafety.reasonToKeep(entry, removing) : Optional.empty();
    }

    /** The orphan as the safety rules see an inventory record: held by the deployment its label names. */
    private static InventoryEntry entry(Orphan orphan) {
        return new InventoryEntry(orphan.deploymentId(), orphan.ref(), orphan.uid(), null, false, InventoryStatus.CONFIRMED);
    }

    /** Whether every custom resource of the CRD left in the cluster is an orphan this clean removes first. */
    private boolean onlyOrphansRemain(ResourceRef crd, List<Orphan> orphans) {
        Optional<Map<String, Object>> live = cluster.view().get(crd);
        if (live.isEmpty() || !(live.get().get("spec") instanceof Map<?, ?> spec)
                || !(spec.get("names") instanceof Map<?, ?> names)) {
            return false;
        }
        Object group = spec.get("group");
        Object kind = names.get("kind");
        long orphanResources = orphans.stream()
                .filter(o -> o.ref().gvk().group().equals(group) && o.ref().gvk().kind().equals(kind)).count();
        return orphanResources > 0 && cluster.countCustomResources(crd) <= orphanResources;
    }

    private static OrphanReport.Removal removal(Orphan orphan, DeleteOutcome outcome, Orphans.Include include) {
        return new OrphanReport.Removal(orphan, outcome, command(orphan, outcome, include));
    }

    /** The command that removes what is still there; empty when it is gone. */
    static String command(Orphan orphan, DeleteOutcome outcome, Orphans.Include include) {
        if (outcome instanceof DeleteOutcome.Kept && !include.covers(orphan)) {
            return orphan.origin() == Orphan.Origin.OTHER_ENGINE
                    ? "meshwright orphans clean --engine " + orphan.engineId() + " (only once that engine is gone)"
                    : "meshwright orphans clean --include-unknown (only once no other engine deploys it)";
        }
        String delete = Undeploy.leftover(orphan.ref(), "").removeCommand();
        String object = delete.substring("kubectl delete ".length());
        return switch (outcome) {
            case DeleteOutcome.Deleted d -> "";
            case DeleteOutcome.AlreadyGone g -> "";
            case DeleteOutcome.Kept k -> orphan.preExisting()
                    ? "kubectl label " + object + " " + KubeObjects.DEPLOYMENT_LABEL + "- && kubectl annotate " + object
                            + " " + KubeObjects.ADOPTED_ANNOTATION + "- " + KubeObjects.ENGINE_ANNOTATION + "-"
                    : "(kept on purpose; delete it only once the reason no longer holds)";
            case DeleteOutcome.BlockedByFinalizers b -> "kubectl patch " + object
                    + " --type=merge -p '{\"metadata\":{\"finalizers\":null}}'";
            case DeleteOutcome.Failed f -> delete;
        };
    }
}

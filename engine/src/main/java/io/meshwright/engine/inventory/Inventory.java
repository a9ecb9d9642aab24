package io.meshwright.engine.inventory;

import io.meshwright.engine.cluster.ClusterUnavailableException;
import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.EventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owner of the inventory journal: the durable record of every object each deployment created, adopted or
 * shares. Nothing else writes records: deployers write through the {@link JournalingApplier} this hands out,
 * and crash recovery goes through {@link #settleIntents}. Everyone reads through {@link InventoryRecords}.
 */
public final class Inventory implements InventoryRecords {

    private final InventoryJournal journal;
    private final EventSink events;
    private final Clock clock;
    private final CrashPoints crashPoints;

    public Inventory(Database database, EventSink events, Clock clock, CrashPoints crashPoints) {
        this.journal = new SqliteInventoryJournal(database);
        this.events = events;
        this.clock = clock;
        this.crashPoints = crashPoints;
    }

    /**
     * The applier for {@code deploymentId} on {@code cluster}: journals every write and delete;
     * {@code adoptExisting} lets it take over objects Meshwright did not make.
     */
    public JournalingApplier applier(String deploymentId, TargetCluster cluster, boolean adoptExisting) {
        return applier(deploymentId, cluster, adoptExisting, Integer.MAX_VALUE);
    }

    /** The same, applying at most {@code maxConcurrency} objects at once whatever a deployer asks for. */
    public JournalingApplier applier(String deploymentId, TargetCluster cluster, boolean adoptExisting,
            int maxConcurrency) {
        return new JournalingApplier(journal, cluster.objects(), cluster.view(), deploymentId, adoptExisting, events,
                clock, crashPoints, maxConcurrency);
    }

    /**
     * Settles every intent of {@code deploymentId} against the cluster after a crash, so the inventory is exact
     * whatever happens next: an intended object that exists and carries this deployment's label is confirmed
     * with its uid; one that does not exist is forgotten; one that exists without this deployment's label was
     * made by someone else and is forgotten too (it is not ours, and confirming it would hand it to undeploy).
     * An intent recorded for a tool (Helm) with its marks is the exception: the tool creates its objects
     * unlabelled and the label comes only at confirmation, so an object that exists under such an intent, did not
     * exist when the intent was recorded (it would be pre-existing then), carries no label and carries one of the
     * tool's marks (its field manager, its annotations) is the tool's work and is confirmed; an unmarked one was
     * made by someone else and is forgotten. An intent whose object cannot be looked up (the cluster failed to
     * answer) is kept for the next attempt.
     */
    public Settlement settleIntents(String deploymentId, TargetCluster cluster) {
        List<ResourceRef> confirmed = new ArrayList<>();
        List<ResourceRef> forgotten = new ArrayList<>();
        List<ResourceRef> unknown = new ArrayList<>();
        KubeObjects objects = cluster.objects();
        for (InventoryEntry entry : journal.entries(deploymentId)) {
            if (entry.status() != InventoryStatus.INTENDED) {
                continue;
            }
            Optional<Map<String, Object>> live;
            try {
                live = objects.read(entry.ref());
            } catch (ClusterUnavailableException | io.fabric8.kubernetes.client.KubernetesClientException e) {
                unknown.add(entry.ref());
                continue;
            }
            Optional<String> label = live.flatMap(KubeObjects::labelOf);
            boolean ours = label.filter(deploymentId::equals).isPresent()
                    || entry.preExisting() && live.isPresent()
                    || live.isPresent() && label.isEmpty() && journal.toolMarks(deploymentId, entry.ref())
                            .filter(marks -> ToolObjects.carries(live.get(), marks)).isPresent();
            if (ours) {
                String uid = KubeObjects.uidOf(live.get()).orElse("");
                if (label.isEmpty() && !entry.preExisting()) {
                    markToolObject(objects, entry, uid);
                }
                journal.confirm(deploymentId, entry.ref(), uid);
                confirmed.add(entry.ref());
            } else {
                journal.forget(deploymentId, entry.ref());
                forgotten.add(entry.ref());
            }
        }
        return new Settlement(confirmed, forgotten, unknown);
    }

    /** A tool's object gets the label its confirmation would have given it; the next confirmation retries a failure. */
    private void markToolObject(KubeObjects objects, InventoryEntry entry, String uid) {
        try {
            objects.mark(entry.ref(), uid, entry.deploymentId(), entry.partId());
        } catch (RuntimeException e) {
            // Only the label scan misses it meanwhile; the record is what undeploy works from.
            events.publish(new io.meshwright.spi.event.Event.Note("object.mark-failed", entry.deploymentId(),
                    io.meshwright.spi.Severity.WARNING, "could not label " + entry.ref() + " as this deployment's (the"
                    + " inventory still records it): " + e.getMessage(), Map.of(), clock.instant()));
        }
    }

    /**
     * What {@link #settleIntents} did.
     *
     * @param confirmed intents whose object exists and is ours
     * @param forgotten intents whose object never came to be (or is not ours)
     * @param unknown   intents that could not be checked now; kept
     */
    public record Settlement(List<ResourceRef> confirmed, List<ResourceRef> forgotten, List<ResourceRef> unknown) {}

    @Override
    public Optional<InventoryEntry> entry(String deploymentId, ResourceRef ref) {
        return journal.entry(deploymentId, ref);
    }

    @Override
    public List<InventoryEntry> entries(String deploymentId) {
        return journal.entries(deploymentId);
    }

    /** Whether {@code ref}'s record in {@code deploymentId} was last intended for a tool (it creates the object itself). */
    public boolean toolManaged(String deploymentId, ResourceRef ref) {
        // by_tool alone: records from before tool marks were kept have none, yet are still the tool's.
        return journal.intendedForTool(deploymentId, ref);
    }

    @Override
    public List<InventoryEntry> claimsByOthers(String deploymentId, ResourceRef ref) {
        return journal.claimsByOthers(deploymentId, ref);
    }

    @Override
    public List<InventoryEntry> holders(ResourceRef ref) {
        return journal.holders(ref);
    }

    @Override
    public List<InventoryEntry> heldInNamespaceByOthers(String deploymentId, String namespace) {
        return journal.heldInNamespaceByOthers(deploymentId, namespace);
    }

    @Override
    public List<InventoryEntry> recordsOnCluster(String clusterUid) {
        return journal.recordsOnCluster(clusterUid);
    }

    @Override
    public Optional<String> leftOverReason(String deploymentId, ResourceRef ref) {
        return journal.leftOverReason(deploymentId, ref);
    }
}

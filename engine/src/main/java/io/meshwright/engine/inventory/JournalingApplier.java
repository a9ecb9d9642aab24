package io.meshwright.engine.inventory;

import io.meshwright.engine.cluster.Bounded;
import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.engine.cluster.Target;
import io.meshwright.engine.inventory.CrashPoints.Point;
import io.meshwright.spi.deploy.ApplyAttempt;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.ClusterView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The {@link ClusterApplier} every deployer is handed: the cluster's object I/O wrapped so that every write is
 * journaled — intent committed before the call, uid confirmed after, intent dropped when the object never came
 * to be — and every delete recorded (deleted, kept, or left over with the reason). The only writer of inventory
 * records besides {@link Inventory} itself.
 *
 * <p>Brownfield rule, recomputed from the live object on every apply: an object that exists and carries no
 * Meshwright deployment label, or carries one that no live record accounts for, was not made by Meshwright. It
 * is applied only with {@code adoptExisting} (it is then recorded pre-existing and never deleted unless the
 * user asks). An object another deployment made is shared: the inventories count the claims.
 */
public final class JournalingApplier implements ClusterApplier {

    private final InventoryJournal journal;
    private final KubeObjects objects;
    private final ClusterView view;
    private final String deploymentId;
    private final boolean adoptExisting;
    private final EventSink events;
    private final Clock clock;
    private final CrashPoints crashPoints;
    // The deploy's own --concurrency: a deployer's batch never goes wider.
    private final int maxConcurrency;

    JournalingApplier(InventoryJournal journal, KubeObjects objects, ClusterView view, String deploymentId,
            boolean adoptExisting, EventSink events, Clock clock, CrashPoints crashPoints) {
        this(journal, objects, view, deploymentId, adoptExisting, events, clock, crashPoints, Integer.MAX_VALUE);
    }

    JournalingApplier(InventoryJournal journal, KubeObjects objects, ClusterView view, String deploymentId,
            boolean adoptExisting, EventSink events, Clock clock, CrashPoints crashPoints, int maxConcurrency) {
        this.maxConcurrency = Math.max(1, maxConcurrency);
        this.journal = journal;
        this.objects = objects;
        this.view = view;
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.adoptExisting = adoptExisting;
        this.events = events;
        this.clock = clock;
        this.crashPoints = crashPoints;
    }

    @Override
    public String deploymentId() {
        return deploymentId;
    }

    /** The part's intended or confirmed records, read from the journal (never from the cluster). */
    @Override
    public List<InventoryEntry> inventory(String partId) {
        return journal.entries(deploymentId).stream()
                .filter(entry -> partId.equals(entry.partId()))
                .filter(entry -> entry.status() == InventoryStatus.INTENDED || entry.status() == InventoryStatus.CONFIRMED)
                .toList();
    }

    @Override
    public ClusterView view() {
        return view;
    }

    @Override
    public ApplyResult apply(Map<String, Object> object, String partId) {
        Target target = objects.resolve(object);
        return applyTo(target, object, partId, objects.read(target));
    }

    /**
     * Applies many objects, {@code concurrency} at a time, reading what exists with one list per collection
     * first; one refusal does not stop the others.
     */
    @Override
    public List<PartOutcome> applyMany(List<Map<String, Object>> items, List<String> partIds, int requested) {
        return applyEach(items, partIds, requested).stream().map(ApplyAttempt::outcome).toList();
    }

    /** {@link #applyMany}, answering each object's result (with the resourceVersion stored) or refusal. */
    @Override
    public List<ApplyAttempt> applyEach(List<Map<String, Object>> items, List<String> partIds, int requested) {
        int concurrency = Math.max(1, Math.min(requested, maxConcurrency));
        if (items.size() != partIds.size()) {
            throw new IllegalArgumentException("one part id per object: " + items.size() + " objects, "
                    + partIds.size() + " part ids");
        }
        List<Object> targets = new ArrayList<>(items.size());
        for (Map<String, Object> object : items) {
            try {
                targets.add(objects.resolve(object));
            } catch (ApplyException e) {
                targets.add(e);
            }
        }
        Map<String, Optional<Map<String, Object>>> live = objects.prefetch(
                targets.stream().filter(Target.class::isInstance).map(Target.class::cast).toList(), concurrency);
        return Bounded.map(IntStream.range(0, items.size()).boxed().toList(), concurrency, i -> {
            if (targets.get(i) instanceof ApplyException refused) {
                return new ApplyAttempt(refused.ref(), null, refused.getMessage());
            }
            Target target = (Target) targets.get(i);
            try {
                Optional<Map<String, Object>> known = live.get(target.path());
                ApplyResult result = applyTo(target, items.get(i), partIds.get(i),
                        known != null ? known : objects.read(target));
                return new ApplyAttempt(result.ref(), result, null);
            } catch (RuntimeException e) {
                return new ApplyAttempt(target.ref(), null, e.getMessage());
            }
        });
    }

    private ApplyResult applyTo(Target target, Map<String, Object> object, String partId,
            Optional<Map<String, Object>> live) {
        ResourceRef ref = target.ref();
        boolean preExisting = preExisting(ref, live);
        if (preExisting && !adoptExisting && !adoptedByUs(ref, live)) {
            return keepUnchanged(target, object, partId, live.orElseThrow());
        }
        try {
            if (staleRecord(ref, live)) {
                // The recorded object is gone or was replaced: the record must not keep naming its old uid.
                journal.reintend(deploymentId, ref, partId, preExisting);
            } else {
                journal.intend(deploymentId, ref, partId, preExisting);
            }
        } catch (ObjectBeingDeletedException e) {
            throw new ApplyException(ref, e.getMessage(), e);
        }
        crashPoints.reached(Point.AFTER_INTENT);
        try {
            Map<String, Object> stored = objects.apply(target, object, deploymentId, partId, live, preExisting);
            crashPoints.reached(Point.AFTER_WRITE);
            String uid = KubeObjects.uidOf(stored).orElseThrow(
                    () -> new ApplyException(ref, "the API server answered without a uid"));
            journal.confirm(deploymentId, ref, uid);
            crashPoints.reached(Point.AFTER_CONFIRM);
            boolean changed = live.isEmpty()
                    || !KubeObjects.resourceVersion(live.get()).equals(KubeObjects.resourceVersion(stored));
            events.publish(new Event.ObjectApplied(deploymentId, ref, partId, live.isEmpty() ? Event.Change.CREATED
                    : changed ? Event.Change.CONFIGURED : Event.Change.UNCHANGED, clock.instant()));
            return new ApplyResult(ref, uid, live.isEmpty(), changed, KubeObjects.resourceVersion(stored));
        } catch (RuntimeException e) {
            forgetIfAbsent(target, ref);
            throw e instanceof ApplyException applyException ? applyException
                    : new ApplyException(ref, e.getMessage(), e);
        }
    }

    /**
     * An object that exists and was not made by Meshwright is never taken over without {@code --adopt}. But a
     * declaration that would change nothing on it (Meshery designs declare {@code default}, say) needs no takeover:
     * it is recorded as pre-existing — never modified, never deleted — and the deploy goes on.
     */
    private ApplyResult keepUnchanged(Target target, Map<String, Object> object, String partId,
            Map<String, Object> live) {
        ResourceRef ref = target.ref();
        Optional<String> change;
        try {
            change = objects.changeToForeign(target, object);
        } catch (ApplyException e) {
            change = Optional.of("(the server refused a dry run: " + e.getMessage() + ")");
        }
        if (change.isPresent()) {
            throw new ApplyException(ref, "already exists and was not made by Meshwright, and this declaration would"
                    + " change it (" + change.get() + "); deploy with --adopt to take it over (an adopted object is never"
                    + " deleted on undeploy unless --delete-adopted is given)");
        }
        String uid = KubeObjects.uidOf(live).orElse("");
        try {
            journal.intend(deploymentId, ref, partId, true);
        } catch (ObjectBeingDeletedException e) {
            throw new ApplyException(ref, e.getMessage(), e);
        }
        journal.confirm(deploymentId, ref, uid);
        events.publish(new Event.ObjectKept(deploymentId, ref, "exists, unchanged by this design; kept as it is and"
                + " never deleted", clock.instant()));
        return new ApplyResult(ref, uid, false, false);
    }

    /**
     * Whether the live object was there before Meshwright: it carries no deployment label, or a label that no
     * live record accounts for (a kept CRD re-created by someone else, say), or another deployment adopted it
     * (then it stays brownfield for everyone). Never read from old records alone. The exception to "no label" is
     * a tool's work: an unlabelled object under this deployment's open tool intent (recorded when the object did
     * not exist) that carries the tool's marks was made by the tool, as crash recovery
     * ({@link Inventory#settleIntents}) settles it too.
     */
    private boolean preExisting(ResourceRef ref, Optional<Map<String, Object>> live) {
        if (live.isEmpty()) {
            return false;
        }
        Optional<String> label = KubeObjects.labelOf(live.get());
        String uid = KubeObjects.uidOf(live.get()).orElse("");
        Optional<InventoryEntry> mine = journal.entry(deploymentId, ref)
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED);
        Optional<InventoryEntry> held = mine.filter(e -> uid.equals(e.uid()));
        if (held.isPresent()) {
            // The very object this deployment holds (a tool's object carries no label of ours): what it was.
            return held.get().preExisting();
        }
        if (label.isEmpty() && madeByTool(ref, mine, live.get())) {
            // A tool that failed after creating objects (a failed Helm install) is asked to intend them again:
            // they are unlabelled until confirmed, but the tool made them for this deployment.
            return false;
        }
        if (label.isEmpty()) {
            return true;
        }
        if (journal.heldAsPreExisting(deploymentId, ref)) {
            return true;
        }
        Optional<InventoryEntry> ours = journal.entry(deploymentId, ref);
        // Our label on an object our record names is ours, whatever uid the record kept (a re-create whose
        // confirmation a crash cut off).
        boolean oursAlive = ours.filter(e -> uid.equals(e.uid()) || label.get().equals(deploymentId)).isPresent();
        boolean sharedAlive = journal.claimsByOthers(deploymentId, ref).stream()
                .anyMatch(claim -> claim.uid() == null || uid.equals(claim.uid()));
        return !(oursAlive || sharedAlive);
    }

    /**
     * This deployment's tool intent, recorded when the object did not exist and never confirmed with a uid, and the
     * live object carries the marks the tool declared (its field manager or annotations): the same test crash
     * recovery applies, so that a stranger's object created at an intended name is never taken for the tool's.
     */
    private boolean madeByTool(ResourceRef ref, Optional<InventoryEntry> mine, Map<String, Object> live) {
        return mine.filter(e -> e.status() == InventoryStatus.INTENDED && e.uid() == null && !e.preExisting())
                .isPresent()
                && journal.toolMarks(deploymentId, ref).filter(marks -> ToolObjects.carries(live, marks)).isPresent();
    }

    /** Whether this deployment's live record names an object other than the live one (or one that is gone). */
    private boolean staleRecord(ResourceRef ref, Optional<Map<String, Object>> live) {
        String liveUid = live.flatMap(KubeObjects::uidOf).orElse(null);
        return journal.entry(deploymentId, ref)
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED)
                .filter(e -> e.uid() != null && !e.uid().equals(liveUid))
                .isPresent();
    }

    /**
     * A re-apply of an object this deployment adopted earlier (with --adopt: it carries our label since) and still
     * holds. An object merely kept as it was carries no label of ours and stays untouched.
     */
    private boolean adoptedByUs(ResourceRef ref, Optional<Map<String, Object>> live) {
        String uid = live.flatMap(KubeObjects::uidOf).orElse("");
        if (live.flatMap(KubeObjects::labelOf).filter(deploymentId::equals).isEmpty()) {
            return false;
        }
        return journal.entry(deploymentId, ref)
                .filter(e -> e.preExisting() && uid.equals(e.uid()))
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED)
                .isPresent();
    }

    /**
     * Records that a tool working for {@code partId} is about to create {@code refs} (their brownfield status
     * read from what exists now), without marks: recovery takes only objects that carry this deployment's label.
     */
    @Override
    public void intend(List<ResourceRef> refs, String partId) {
        intend(refs, partId, ToolMarks.none());
    }

    /**
     * The same, remembering with each intent what marks the tool's objects ({@code marks}), so that recovery after
     * a crash takes an unlabelled object under an intended name only when it carries one of them.
     */
    @Override
    public void intend(List<ResourceRef> refs, String partId, ToolMarks marks) {
        for (ResourceRef ref : refs) {
            boolean preExisting = preExisting(ref, objects.read(ref));
            if (marks.isEmpty()) {
                journal.intend(deploymentId, ref, partId, preExisting);
            } else {
                journal.intendForTool(deploymentId, ref, partId, preExisting, marks);
            }
        }
        crashPoints.reached(Point.AFTER_INTENT);
    }

    /**
     * Records what a tool reports it made during its call without an intent before (found in its own record
     * afterwards): an object that exists unlabelled, carries the tool's {@code marks} and that no other deployment
     * holds or claims (and no record holds as pre-existing) is recorded as this part's own, as an intent for the tool
     * with those marks, so that {@link #confirm} labels it and a crash before that is settled by
     * {@link Inventory#settleIntents} the same way (unlabelled and marked: the tool's). Everything else gets the
     * brownfield rule of {@link #intend(List, String, ToolMarks)}: pre-existing, shared, or held as it was.
     */
    @Override
    public void recordMade(List<ResourceRef> refs, String partId, ToolMarks marks) {
        for (ResourceRef ref : refs) {
            Optional<Map<String, Object>> live = objects.read(ref);
            boolean preExisting = !madeDuringToolCall(ref, live, marks) && preExisting(ref, live);
            if (marks.isEmpty()) {
                journal.intend(deploymentId, ref, partId, preExisting);
            } else {
                journal.intendForTool(deploymentId, ref, partId, preExisting, marks);
            }
        }
        if (!refs.isEmpty()) {
            crashPoints.reached(Point.AFTER_INTENT);
        }
    }

    /**
     * Whether an object a tool reports as made by its call is the tool's work for this deployment: unlabelled,
     * marked, claimed by no other deployment and held as pre-existing by none. An object this deployment already
     * holds with the same uid stays what it was; one it held under another uid was re-created (Helm re-creates a
     * hook on every upgrade) and is the tool's again.
     */
    private boolean madeDuringToolCall(ResourceRef ref, Optional<Map<String, Object>> live, ToolMarks marks) {
        if (live.isEmpty() || marks.isEmpty() || KubeObjects.labelOf(live.get()).isPresent()
                || !ToolObjects.carries(live.get(), marks)) {
            return false;
        }
        String uid = KubeObjects.uidOf(live.get()).orElse("");
        Optional<InventoryEntry> held = journal.entry(deploymentId, ref)
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED)
                .filter(e -> uid.equals(e.uid()));
        if (held.isPresent()) {
            return !held.get().preExisting();
        }
        return journal.claimsByOthers(deploymentId, ref).isEmpty() && !journal.heldAsPreExisting(deploymentId, ref);
    }

    /**
     * Confirms what a tool made: each object is looked up, its uid recorded, and — unless it existed before the
     * deployment or carries another deployment's label — it is given this deployment's label and part annotation
     * (a metadata-only patch), so that label scans (the undeploy post-condition, the contract) see a tool's objects
     * as they see applied ones. A label that cannot be added is reported, not fatal: the record is what counts.
     */
    @Override
    public List<InventoryEntry> confirm(List<ResourceRef> refs, String partId) {
        if (!refs.isEmpty()) {
            // The tool has written by the time it confirms: the same moment as an apply's write before confirmation.
            crashPoints.reached(Point.AFTER_WRITE);
        }
        List<InventoryEntry> confirmed = new ArrayList<>();
        for (ResourceRef ref : refs) {
            Optional<Map<String, Object>> live = objects.read(ref);
            Optional<String> uid = live.flatMap(KubeObjects::uidOf);
            if (uid.isEmpty()) {
                journal.forget(deploymentId, ref);
                continue;
            }
            Optional<InventoryEntry> entry = journal.entry(deploymentId, ref);
            if (entry.isPresent() && !entry.get().preExisting() && KubeObjects.labelOf(live.get()).isEmpty()) {
                markAsOurs(ref, uid.get(), partId);
            }
            journal.confirm(deploymentId, ref, uid.get());
            journal.entry(deploymentId, ref).ifPresent(confirmed::add);
        }
        if (!refs.isEmpty()) {
            crashPoints.reached(Point.AFTER_CONFIRM);
        }
        return confirmed;
    }

    private void markAsOurs(ResourceRef ref, String uid, String partId) {
        try {
            objects.mark(ref, uid, deploymentId, partId);
        } catch (RuntimeException e) {
            events.publish(new Event.Note("object.mark-failed", deploymentId, io.meshwright.spi.Severity.WARNING,
                    "could not label " + ref + " as this deployment's (the inventory still records it): "
                            + e.getMessage(), Map.of(), clock.instant()));
        }
    }

    @Override
    public DeleteOutcome delete(InventoryEntry entry, Duration timeout) {
        return deleteAll(List.of(entry), timeout, 1).get(0);
    }

    /**
     * Deletes inventoried objects: a pre-existing one is kept; a shared one is released to the deployment that
     * still holds it; the rest are marked being-deleted (in the same transaction that found no other claim),
     * deleted with their uids as preconditions, and awaited together. Every outcome is journaled.
     */
    @Override
    public List<DeleteOutcome> deleteAll(List<InventoryEntry> entries, Duration timeout, int concurrency) {
        DeleteOutcome[] outcomes = new DeleteOutcome[entries.size()];
        List<Integer> positions = new ArrayList<>();
        List<KubeObjects.Deletion> deletions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            InventoryEntry entry = entries.get(i);
            if (entry.preExisting()) {
                outcomes[i] = new DeleteOutcome.Kept(entry.ref(), "it existed before the deployment");
                journal.markLeftOver(deploymentId, entry.ref(), "it existed before the deployment; kept");
                letGo(entry);
                continue;
            }
            Optional<String> holder = journal.releaseOrMarkDeleting(deploymentId, entry.ref());
            if (holder.isPresent()) {
                outcomes[i] = new DeleteOutcome.Kept(entry.ref(), "still claimed by deployment " + holder.get());
                continue;
            }
            positions.add(i);
            deletions.add(new KubeObjects.Deletion(entry.ref(), entry.uid(), deploymentId));
        }
        if (!deletions.isEmpty()) {
            crashPoints.reached(Point.MID_UNDEPLOY);
        }
        List<DeleteOutcome> deleted;
        try {
            deleted = objects.delete(deletions, timeout, concurrency);
        } catch (RuntimeException e) {
            // Nothing is known to be deleted: no record may stay marked as being deleted, or other deployments'
            // claims on these objects would be refused until this one is undeployed again.
            deletions.forEach(d -> journal.clearDeleting(deploymentId, d.ref()));
            throw e;
        }
        for (int i = 0; i < deleted.size(); i++) {
            outcomes[positions.get(i)] = deleted.get(i);
        }
        for (DeleteOutcome outcome : outcomes) {
            record(outcome);
        }
        return List.of(outcomes);
    }

    /** An adopted object stays, without this deployment's marks; failing to unmark it is reported, not fatal. */
    private void letGo(InventoryEntry entry) {
        try {
            if (journal.claimsByOthers(deploymentId, entry.ref()).isEmpty()) {
                objects.unmark(entry.ref(), deploymentId);
            }
        } catch (RuntimeException e) {
            events.publish(new Event.Note("object.unmark-failed", deploymentId, io.meshwright.spi.Severity.WARNING,
                    "could not remove Meshwright's label from " + entry.ref() + ": " + e.getMessage(), Map.of(),
                    clock.instant()));
        }
    }

    /**
     * Lets go of a shared object: when another deployment still holds it, this deployment's record is marked
     * deleted (the object stays theirs) and their id returned; otherwise nothing changes.
     */
    public Optional<String> releaseIfShared(InventoryEntry entry) {
        Optional<String> holder = journal.releaseIfClaimed(deploymentId, entry.ref());
        holder.ifPresent(h -> events.publish(new Event.ObjectKept(deploymentId, entry.ref(),
                "still claimed by deployment " + h, clock.instant())));
        return holder;
    }

    /**
     * Marks objects that will go with their namespace (deleted by the namespace controller, as in kubectl's
     * cascade) as being deleted, in one transaction, before the namespace is deleted: a deployment that claims one
     * of them meanwhile is refused, as for any object being deleted.
     */
    public void markGoingWithNamespace(List<InventoryEntry> entries) {
        journal.markAllDeleting(deploymentId, entries.stream().map(InventoryEntry::ref).toList());
    }

    /**
     * Records objects as deleted because their namespace was verified gone (everything in a namespace goes with
     * it), in one transaction; an {@link Event.ObjectDeleted} each, as for objects deleted one by one.
     */
    public List<DeleteOutcome> goneWithNamespace(List<InventoryEntry> entries) {
        journal.markAllDeleted(deploymentId, entries.stream().map(InventoryEntry::ref).toList());
        List<DeleteOutcome> outcomes = new ArrayList<>(entries.size());
        for (InventoryEntry entry : entries) {
            events.publish(new Event.ObjectDeleted(deploymentId, entry.ref(), false, clock.instant()));
            outcomes.add(new DeleteOutcome.Deleted(entry.ref()));
        }
        return outcomes;
    }

    /**
     * Keeps an object on purpose (a CRD still in use, a namespace others use, an adopted object); recorded left
     * over, so that it is no longer this deployment's claim. An adopted object loses this deployment's marks.
     */
    public DeleteOutcome keep(InventoryEntry entry, String reason) {
        journal.markLeftOver(deploymentId, entry.ref(), reason);
        if (entry.preExisting()) {
            letGo(entry);
        }
        events.publish(new Event.ObjectKept(deploymentId, entry.ref(), reason, clock.instant()));
        return new DeleteOutcome.Kept(entry.ref(), reason);
    }

    private void record(DeleteOutcome outcome) {
        ResourceRef ref = outcome.ref();
        switch (outcome) {
            case DeleteOutcome.Deleted d -> {
                journal.markDeleted(deploymentId, ref);
                events.publish(new Event.ObjectDeleted(deploymentId, ref, false, clock.instant()));
            }
            case DeleteOutcome.AlreadyGone g -> {
                journal.markDeleted(deploymentId, ref);
                events.publish(new Event.ObjectDeleted(deploymentId, ref, true, clock.instant()));
            }
            case DeleteOutcome.BlockedByFinalizers b -> {
                String reason = "deletion blocked by finalizers " + String.join(", ", b.finalizers());
                journal.markLeftOver(deploymentId, ref, reason);
                events.publish(new Event.ObjectLeftOver(deploymentId, ref, reason, clock.instant()));
            }
            case DeleteOutcome.Failed f -> {
                journal.markLeftOver(deploymentId, ref, f.message());
                events.publish(new Event.ObjectLeftOver(deploymentId, ref, f.message(), clock.instant()));
            }
            case DeleteOutcome.Kept k -> {
                Optional<InventoryEntry> entry = journal.entry(deploymentId, ref);
                if (entry.filter(e -> e.status() == InventoryStatus.INTENDED && e.uid() == null && !e.preExisting())
                        .isPresent()) {
                    // An intent whose object exists without our label: someone else's object, never ours.
                    journal.forget(deploymentId, ref);
                } else if (entry.isPresent()) {
                    journal.clearDeleting(deploymentId, ref);
                }
                events.publish(new Event.ObjectKept(deploymentId, ref, k.reason(), clock.instant()));
            }
        }
    }

    private void forgetIfAbsent(Target target, ResourceRef ref) {
        try {
            if (objects.read(target).isEmpty()) {
                journal.forget(deploymentId, ref);
            }
        } catch (RuntimeException unknown) {
            // Whether the object exists is unknown: keep the intent, so that recovery looks for it later.
        }
    }
}

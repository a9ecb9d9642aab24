package io.meshwright.spi.extension;

import io.meshwright.spi.deploy.ApplyAttempt;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The only way a plugin changes the cluster. One applier is bound to one deployment and one target cluster;
 * every change it makes is recorded in that deployment's inventory. Reads go through {@link #view()}.
 *
 * <p>Promises: {@link #apply} writes an intent record before it calls the API server and confirms it (with
 * the object's uid) after, so that a crash at any moment leaves no untracked object. Applies are server-side
 * applies with field manager {@code meshwright}, and every object is labelled with the deployment id.
 * All methods are thread-safe.
 */
public interface ClusterApplier {

    /** The deployment this applier records into. */
    String deploymentId();

    /**
     * Server-side applies {@code object} (a Kubernetes object as a JSON tree) on behalf of part {@code partId}.
     *
     * @throws ApplyException when the API server refuses it; the message says why
     */
    ApplyResult apply(Map<String, Object> object, String partId);

    /**
     * Applies many objects, each exactly as {@link #apply} would (same inventory promises); {@code partIds.get(i)}
     * is the part of {@code objects.get(i)}. Outcomes come back in the order of {@code objects}, as
     * {@link PartOutcome.Applied}, {@link PartOutcome.Unchanged} or {@link PartOutcome.Failed}: one refusal does
     * not stop the others and is returned, not thrown. Implementations may batch reads and apply up to
     * {@code concurrency} objects at once; the default applies one by one.
     */
    default List<PartOutcome> applyMany(List<Map<String, Object>> objects, List<String> partIds, int concurrency) {
        return applyEach(objects, partIds, concurrency).stream().map(ApplyAttempt::outcome).toList();
    }

    /**
     * {@link #applyMany}, answering each object's {@link ApplyResult} (with the resourceVersion the apply stored) or
     * why it was refused, in the order of {@code objects}: for a deployer that records what it left without reading
     * it back (a read after the apply may already see someone else's change). The default applies one by one.
     */
    default List<ApplyAttempt> applyEach(List<Map<String, Object>> objects, List<String> partIds, int concurrency) {
        List<ApplyAttempt> attempts = new java.util.ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            try {
                ApplyResult result = apply(objects.get(i), partIds.get(i));
                attempts.add(new ApplyAttempt(result.ref(), result, null));
            } catch (ApplyException e) {
                attempts.add(new ApplyAttempt(e.ref(), null, e.getMessage()));
            }
        }
        return attempts;
    }

    /**
     * Records that a tool working for part {@code partId} (Helm, say) is about to create {@code refs}. Call
     * before the tool runs, then {@link #confirm} after; objects that never appear are dropped from the
     * inventory at confirmation. If the engine dies between the two, its restart confirms only the intended
     * objects that carry this deployment's label (or existed before the deployment); an unlabelled object under
     * an intended name is forgotten, since someone else may have created it. A tool that creates its objects
     * unlabelled should call {@link #intend(List, String, ToolMarks)} instead, so its objects are taken after a
     * crash.
     */
    void intend(List<ResourceRef> refs, String partId);

    /**
     * {@link #intend(List, String)} for a tool whose objects carry {@code marks} (its field manager, its
     * annotations) but no label of ours before confirmation. If the engine dies before {@link #confirm}, its
     * restart confirms every intended object that exists, did not exist when it was intended, carries no other
     * deployment's label and carries one of {@code marks}: the tool made it. An unmarked object under an intended
     * name is someone else's and is forgotten. So intend exactly what the tool will create, with marks nobody
     * else writes. Added in SPI 1.3; the default ignores the marks (recovery then takes only labelled objects).
     */
    default void intend(List<ResourceRef> refs, String partId, ToolMarks marks) {
        intend(refs, partId);
    }

    /**
     * Records objects a tool working for part {@code partId} MADE during its call that were not intended before it
     * ran: ones it reports afterwards from its own record (Helm's release record names an object the client-side
     * render did not predict — a hook of a packed subchart, a template that depends on {@code lookup} or on the
     * server's capabilities). Call after the tool ran and before {@link #confirm}, which then labels and records
     * them as for {@link #intend}.
     *
     * <p>An object in {@code refs} that exists, carries no deployment label, carries one of {@code marks}, is
     * held or claimed by no other deployment and held as pre-existing by none is recorded as this part's own:
     * created by the deployment, labelled at confirmation, deleted on undeploy. Every other object follows the
     * usual rules, as for {@link #intend(List, String, ToolMarks)}: an unmarked or foreign-labelled one that no
     * live record accounts for is pre-existing (kept on undeploy), one another deployment holds is shared (released
     * to it on undeploy). An object that does not exist is recorded as an intent and dropped at confirmation.
     *
     * <p>Report only what the tool's own record proves it made for this part: this takes an object without an intent
     * recorded before it existed, so marks must be ones nobody else writes for this part (for Helm: the manifest of
     * a release whose name is unique to this deployment and component, whose objects Helm either created or found
     * already annotated for this very release; and its hooks, which Helm always creates). If the engine dies after
     * the tool wrote and before this call, nothing is recorded for these objects yet: call again (with the tool's
     * record, re-read) on the next deploy. If it dies after this call and before {@link #confirm}, restart settles
     * the records as tool intents: an unlabelled object carrying the marks is confirmed as the tool's.
     *
     * <p>Added in SPI 1.5. The default is the old behaviour, {@link #intend(List, String, ToolMarks)}: objects
     * that already exist unlabelled are then recorded pre-existing and kept on undeploy.
     */
    default void recordMade(List<ResourceRef> refs, String partId, ToolMarks marks) {
        intend(refs, partId, marks);
    }

    /**
     * Confirms objects created outside {@link #apply}: looks each up and records its uid, and gives each one that
     * did not exist before the deployment the deployment's label and part annotation (a metadata-only patch), so
     * label scans find a tool's objects as they find applied ones. A tool that later rewrites an object's labels
     * wholesale (Helm does so for its release records) removes that label again; the inventory keeps the record.
     */
    List<InventoryEntry> confirm(List<ResourceRef> refs, String partId);

    /**
     * Deletes an inventoried object, with its uid as precondition (an object re-created by someone else under
     * the same name is left alone), and waits up to {@code timeout} until it is gone. Pre-existing objects are
     * kept; an entry that is only intended is deleted only if the object carries this deployment's label.
     */
    DeleteOutcome delete(InventoryEntry entry, Duration timeout);

    /**
     * Deletes many inventoried objects, {@code concurrency} at a time, waiting up to {@code timeout} for all of
     * them together; outcomes come back in the order of {@code entries}. Both delete methods record their
     * outcome in the inventory (deleted, or left over with the reason). The default deletes one by one.
     */
    default List<DeleteOutcome> deleteAll(List<InventoryEntry> entries, Duration timeout, int concurrency) {
        return entries.stream().map(entry -> delete(entry, timeout)).toList();
    }

    /**
     * The inventory records of part {@code partId} in this applier's deployment that still stand (intended or
     * confirmed), in the order they were first recorded. A deployer whose source can drop objects between
     * deploys (a Git path at a new commit) compares them with what it applies now and deletes the rest with
     * {@link #deleteAll}; the engine itself prunes only parts the plan dropped. Added in SPI 1.2; the default
     * (for appliers that keep no records) is empty.
     */
    default List<InventoryEntry> inventory(String partId) {
        return List.of();
    }

    /** Reads of the same cluster: served kinds, objects, readiness, a kubeconfig for tools. */
    ClusterView view();
}

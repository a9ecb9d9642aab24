package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.lifecycle.InventoryJournal;
import io.meshwright.spi.Severity;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The engine's {@link ClusterApplier}: server-side apply (field manager {@code meshwright}) recorded in the
 * inventory journal — intent committed before the call, uid confirmed after, intent dropped when the object
 * never came to be. Every object gets the label {@code meshwright.io/deployment=<id>} and the annotation
 * {@code meshwright.io/part=<part>}. Conflicts are forced only on objects this deployment owns; objects that
 * existed before (without this deployment's label) are recorded as pre-existing and never deleted.
 *
 * <p>Handles what a 1.20 API server needs (cluster.md §4): port lists get their defaulted {@code protocol},
 * and a CRD carrying CEL rules, which such a server refuses under apply, is created or replaced instead (the
 * server drops the rules) with a warning event saying so. Requests answered 429 are retried with back-off.
 */
public final class KubeClusterApplier implements ClusterApplier {

    /** The label every applied object carries, with the deployment id as value. */
    public static final String DEPLOYMENT_LABEL = ApplyPreparation.DEPLOYMENT_LABEL;
    /** The annotation naming the design part that produced the object. */
    public static final String PART_ANNOTATION = ApplyPreparation.PART_ANNOTATION;

    private final KubeApi api;
    private final Discovery discovery;
    private final InventoryJournal journal;
    private final String deploymentId;
    private final Clock clock;
    private final EventSink events;
    private final ApplierSettings settings;
    private final Pause pause;
    private final ReadinessRules readinessRules = new ReadinessRules();
    private final ObjectDeleter deleter;
    private final ObjectWriter writer;

    public KubeClusterApplier(KubernetesClient client, Discovery discovery, InventoryJournal journal,
            String deploymentId, Clock clock, EventSink events, ApplierSettings settings) {
        this(ClusterAccess.api(client, settings.maxRetries(), settings.throttle()), discovery, journal,
                deploymentId, clock, events, settings, Pause.SLEEP);
    }

    KubeClusterApplier(KubeApi api, Discovery discovery, InventoryJournal journal, String deploymentId,
            Clock clock, EventSink events, ApplierSettings settings, Pause pause) {
        this.api = api;
        this.discovery = discovery;
        this.journal = journal;
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.pause = pause;
        this.deleter = new ObjectDeleter(api, discovery, deploymentId, clock, settings.polling(), pause);
        this.writer = new ObjectWriter(api, settings.fieldManager(), this::publish);
    }

    @Override
    public String deploymentId() {
        return deploymentId;
    }

    @Override
    public ApplyResult apply(Map<String, Object> object, String partId) {
        Target target = target(object);
        return applyTo(target, object, partId, read(target, target.ref()));
    }

    /** Applies with {@code live} already read (the object, or its metadata; empty when it does not exist). */
    private ApplyResult applyTo(Target target, Map<String, Object> object, String partId,
            Optional<Map<String, Object>> live) {
        ResourceRef ref = target.ref();
        // A live record (a re-apply) keeps what it said; otherwise an object that exists without any
        // deployment's label was there before Meshwright. One that another deployment made is shared, not
        // pre-existing: the inventories count the claims, and the last deployment to let go removes it.
        boolean preExisting = journal.entry(deploymentId, ref)
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED)
                .map(InventoryEntry::preExisting)
                .orElseGet(() -> live.isPresent()
                        && (ObjectTree.string(live.get(), "metadata", "labels", DEPLOYMENT_LABEL).isEmpty()
                            // adopted by another deployment before: it stays brownfield for everyone
                            || journal.recordedAsPreExisting(ref)));
        if (preExisting && !settings.adoptExisting() && journal.entry(deploymentId, ref).isEmpty()) {
            throw new ApplyException(ref, "already exists and was not made by Meshwright; deploy with --adopt to take"
                    + " it over (an adopted object is never deleted on undeploy unless --delete-adopted is given)");
        }
        journal.intend(deploymentId, ref, partId, preExisting);
        try {
            Map<String, Object> body = ApplyPreparation.prepare(object, ref, deploymentId, partId);
            Map<String, Object> stored = writer.write(target, body, live, !preExisting);
            String uid = ObjectTree.string(stored, "metadata", "uid").orElseThrow(
                    () -> new ApplyException(ref, "the API server answered without a uid"));
            journal.confirm(deploymentId, ref, uid);
            boolean changed = live.isEmpty() || !resourceVersion(live.get()).equals(resourceVersion(stored));
            ApplyResult result = new ApplyResult(ref, uid, live.isEmpty(), changed);
            publish(Severity.INFO, "object.applied", ref, (live.isEmpty() ? "created " : changed ? "configured "
                    : "unchanged ") + ref);
            return result;
        } catch (RuntimeException e) {
            forgetIfAbsent(target, ref);
            throw e instanceof ApplyException applyException ? applyException
                    : new ApplyException(ref, e.getMessage(), e);
        }
    }

    /** {@link #applyAll(List, List, int)} at the settings' concurrency. */
    public List<ApplyOutcome> applyAll(List<Map<String, Object>> objects, List<String> partIds) {
        return applyAll(objects, partIds, settings.concurrency());
    }

    /**
     * Applies many objects, {@code concurrency} at a time on virtual threads; {@code partIds.get(i)} is the
     * part of {@code objects.get(i)}. Outcomes come back in the order of {@code objects}; one refusal does
     * not stop the others.
     */
    public List<ApplyOutcome> applyAll(List<Map<String, Object>> objects, List<String> partIds, int concurrency) {
        if (objects.size() != partIds.size()) {
            throw new IllegalArgumentException("one part id per object: " + objects.size() + " objects, "
                    + partIds.size() + " part ids");
        }
        List<Object> targets = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            try {
                targets.add(target(object));
            } catch (ApplyException e) {
                targets.add(e);
            }
        }
        Map<String, Optional<Map<String, Object>>> live = LiveMetadata.prefetch(api,
                targets.stream().filter(Target.class::isInstance).map(Target.class::cast).toList(), concurrency);
        return Bounded.map(IntStream.range(0, objects.size()).boxed().toList(), concurrency, i -> {
            if (targets.get(i) instanceof ApplyException refused) {
                return (ApplyOutcome) new ApplyOutcome.Refused(objects.get(i), refused);
            }
            Target target = (Target) targets.get(i);
            try {
                Optional<Map<String, Object>> known = live.get(target.path());
                return new ApplyOutcome.Applied(applyTo(target, objects.get(i), partIds.get(i),
                        known != null ? known : read(target, target.ref())));
            } catch (ApplyException e) {
                return new ApplyOutcome.Refused(objects.get(i), e);
            } catch (RuntimeException e) {
                return new ApplyOutcome.Refused(objects.get(i), new ApplyException(target.ref(), e.getMessage(), e));
            }
        });
    }

    @Override
    public List<PartOutcome> applyMany(List<Map<String, Object>> objects, List<String> partIds, int concurrency) {
        return applyAll(objects, partIds, concurrency).stream().map(outcome -> switch (outcome) {
            case ApplyOutcome.Applied applied -> applied.result().created() || applied.result().changed()
                    ? (PartOutcome) new PartOutcome.Applied(List.of(applied.result().ref()))
                    : new PartOutcome.Unchanged(List.of(applied.result().ref()));
            case ApplyOutcome.Refused refused -> new PartOutcome.Failed(refused.error().getMessage(), refused.error().ref());
        }).toList();
    }

    /**
     * A server-side dry-run apply of {@code object} for part {@code partId}: what the object would become.
     * Changes nothing, records nothing.
     */
    public DryRun dryRun(Map<String, Object> object, String partId) {
        Target target = target(object);
        ResourceRef ref = target.ref();
        Optional<Map<String, Object>> live = read(target, ref);
        boolean owned = live.isEmpty() || carriesOurLabel(live.get());
        Map<String, Object> body = ApplyPreparation.prepare(object, ref, deploymentId, partId);
        String path = target.path() + writer.applyQuery(owned) + "&dryRun=All";
        ApiResponse response = api.send("PATCH", path, KubeApi.APPLY_PATCH, api.write(body));
        if (!response.ok()) {
            throw new ApplyException(ref, api.failure("PATCH", path, response).getMessage());
        }
        Map<String, Object> result = api.parse(response.body());
        boolean changed = live.isEmpty() || !comparable(live.get()).equals(comparable(result));
        return new DryRun(ref, live.isEmpty(), changed, result);
    }

    @Override
    public void intend(List<ResourceRef> refs, String partId) {
        for (ResourceRef ref : refs) {
            Optional<ServedResource> resource = discovery.resource(ref.gvk());
            boolean preExisting = resource.flatMap(r -> read(new Target(ref, r), ref))
                    .map(live -> !carriesOurLabel(live)).orElse(false);
            journal.intend(deploymentId, ref, partId, preExisting);
        }
    }

    @Override
    public List<InventoryEntry> confirm(List<ResourceRef> refs, String partId) {
        List<InventoryEntry> confirmed = new ArrayList<>();
        for (ResourceRef ref : refs) {
            Optional<Map<String, Object>> live = get(ref);
            Optional<String> uid = live.flatMap(l -> ObjectTree.string(l, "metadata", "uid"));
            if (uid.isEmpty()) {
                journal.forget(deploymentId, ref);
                continue;
            }
            journal.confirm(deploymentId, ref, uid.get());
            journal.entry(deploymentId, ref).ifPresent(confirmed::add);
        }
        return confirmed;
    }

    @Override
    public Readiness readiness(ResourceRef ref) {
        return get(ref).map(readinessRules::judge).orElseGet(() -> Readiness.waiting(ref + " does not exist"));
    }

    /** Polls with back-off (50 ms doubling to 1 s by default) until ready, failed, or the timeout passed. */
    @Override
    public Readiness awaitReady(ResourceRef ref, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        for (int attempt = 0; ; attempt++) {
            Readiness readiness = readiness(ref);
            Duration left = Duration.between(clock.instant(), deadline);
            if (readiness.done() || left.isNegative() || left.isZero()) {
                return readiness;
            }
            Duration wait = settings.polling().delay(attempt);
            try {
                pause.pause(wait.compareTo(left) < 0 ? wait : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return readiness;
            }
        }
    }

    @Override
    public DeleteOutcome delete(InventoryEntry entry, Duration timeout) {
        return deleteAll(List.of(entry), timeout, 1).get(0);
    }

    /**
     * Deletes many inventoried objects: sends every delete first ({@code concurrency} at a time), then waits
     * up to {@code timeout} for all of them together. Outcomes come back in the order of {@code entries} and
     * are recorded in the journal (deleted, or left over with the reason); kept objects are not touched.
     */
    @Override
    public List<DeleteOutcome> deleteAll(List<InventoryEntry> entries, Duration timeout, int concurrency) {
        List<DeleteOutcome> outcomes = deleter.deleteAll(entries, timeout, concurrency);
        for (DeleteOutcome outcome : outcomes) {
            record(outcome);
        }
        return outcomes;
    }

    @Override
    public boolean serves(Gvk gvk) {
        return discovery.serves(gvk);
    }

    @Override
    public Optional<Map<String, Object>> get(ResourceRef ref) {
        return discovery.resource(ref.gvk()).flatMap(resource -> read(new Target(ref, resource), ref));
    }

    private void record(DeleteOutcome outcome) {
        switch (outcome) {
            case DeleteOutcome.Deleted d -> {
                journal.markDeleted(deploymentId, d.ref());
                publish(Severity.INFO, "object.deleted", d.ref(), "deleted " + d.ref());
            }
            case DeleteOutcome.AlreadyGone g -> {
                journal.markDeleted(deploymentId, g.ref());
                publish(Severity.INFO, "object.deleted", g.ref(), g.ref() + " already gone: " + g.reason());
            }
            case DeleteOutcome.BlockedByFinalizers b -> {
                String reason = "deletion blocked by finalizers " + String.join(", ", b.finalizers());
                journal.markLeftOver(deploymentId, b.ref(), reason);
                publish(Severity.WARNING, "object.left-over", b.ref(), b.ref() + ": " + reason);
            }
            case DeleteOutcome.Failed f -> {
                journal.markLeftOver(deploymentId, f.ref(), f.message());
                publish(Severity.WARNING, "object.left-over", f.ref(), f.ref() + ": " + f.message());
            }
            case DeleteOutcome.Kept k -> publish(Severity.INFO, "object.kept", k.ref(), "kept " + k.ref() + ": "
                    + k.reason());
        }
    }

    private void forgetIfAbsent(Target target, ResourceRef ref) {
        try {
            if (read(target, ref).isEmpty()) {
                journal.forget(deploymentId, ref);
            }
        } catch (RuntimeException unknown) {
            // Whether the object exists is unknown: keep the intent, so that recovery looks for it later.
        }
    }

    private Optional<Map<String, Object>> read(Target target, ResourceRef ref) {
        return api.getTree(target.resource().objectPath(ref.namespace(), ref.name()));
    }

    private Target target(Map<String, Object> object) {
        String apiVersion = ObjectTree.string(object, "apiVersion").orElse("");
        String kind = ObjectTree.string(object, "kind").orElse("");
        String name = ObjectTree.string(object, "metadata", "name").orElse("");
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new ApplyException(new ResourceRef(Gvk.of(apiVersion.isEmpty() ? "v1" : apiVersion,
                    kind.isEmpty() ? "?" : kind), null, name.isEmpty() ? "?" : name),
                    "an object needs apiVersion, kind and metadata.name");
        }
        Gvk gvk = Gvk.of(apiVersion, kind);
        String declaredNamespace = ObjectTree.string(object, "metadata", "namespace").orElse(null);
        ServedResource resource = discovery.resource(gvk).orElseThrow(() -> new ApplyException(
                new ResourceRef(gvk, declaredNamespace, name), "the cluster does not serve " + gvk
                        + " (is its CustomResourceDefinition installed and established?)"));
        String namespace = !resource.namespaced() ? null
                : declaredNamespace == null || declaredNamespace.isEmpty() ? settings.defaultNamespace()
                : declaredNamespace;
        return new Target(new ResourceRef(gvk, namespace, name), resource);
    }

    private boolean carriesOurLabel(Map<String, Object> live) {
        return deploymentId.equals(ObjectTree.string(live, "metadata", "labels", DEPLOYMENT_LABEL).orElse(null));
    }

    private static String resourceVersion(Map<String, Object> object) {
        return ObjectTree.string(object, "metadata", "resourceVersion").orElse("");
    }

    private static Map<String, Object> comparable(Map<String, Object> object) {
        Map<String, Object> copy = ObjectTree.deepCopy(object);
        ObjectTree.child(copy, "metadata").keySet().removeAll(
                List.of("managedFields", "resourceVersion", "generation", "creationTimestamp"));
        return copy;
    }

    private void publish(Severity severity, String type, ResourceRef ref, String message) {
        events.publish(new Event(type, deploymentId, severity, message, Map.of(
                "kind", ref.gvk().groupKind(),
                "namespace", ref.namespace() == null ? "" : ref.namespace(),
                "name", ref.name()), clock.instant()));
    }

}

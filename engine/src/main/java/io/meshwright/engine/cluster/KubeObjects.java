package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.Namespaces;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes object I/O for one cluster, and nothing else: resolving an object to the resource that serves it
 * (the one place an object's namespace is settled), reading, pre-reading many with one list per collection,
 * server-side applying (field manager {@code meshwright}, the deployment label and part annotation added),
 * dry runs, and deletes with uid preconditions. It records nothing: the inventory package wraps it in the
 * journaling applier, which is what deployers see.
 *
 * <p>Handles what a 1.20 API server needs (cluster.md §4): port lists get their defaulted {@code protocol},
 * and a CRD carrying CEL rules, which such a server refuses under apply, is created or replaced instead (the
 * server drops the rules) with a warning event saying so. Requests answered 429 are retried with back-off.
 */
public final class KubeObjects {

    /** The label every applied object carries, with the deployment id as value. */
    public static final String DEPLOYMENT_LABEL = ApplyPreparation.DEPLOYMENT_LABEL;
    /** The annotation naming the design part that produced the object. */
    public static final String PART_ANNOTATION = ApplyPreparation.PART_ANNOTATION;
    /** The annotation naming the engine (its id, kept in its data directory) that applied or marked the object. */
    public static final String ENGINE_ANNOTATION = ApplyPreparation.ENGINE_ANNOTATION;
    /** The annotation ({@code "true"}) on an object a deployment adopted: it existed before, and no clean deletes it. */
    public static final String ADOPTED_ANNOTATION = ApplyPreparation.ADOPTED_ANNOTATION;

    private final KubeApi api;
    private final Discovery discovery;
    private final ApplierSettings settings;
    private final ObjectWriter writer;
    private final ObjectDeleter deleter;

    KubeObjects(KubeApi api, Discovery discovery, Clock clock, EventSink events, ApplierSettings settings,
            Pause pause) {
        this.api = api;
        this.discovery = discovery;
        this.settings = settings;
        this.writer = new ObjectWriter(api, settings.fieldManager(), (severity, type, ref, message) ->
                events.publish(new Event.Note(type, "", severity, message, Map.of("object", ref.toString()),
                        clock.instant())));
        this.deleter = new ObjectDeleter(api, discovery, clock, settings.polling(), pause);
    }

    /** The id this engine stamps on what it applies; empty when it stamps none. */
    public Optional<String> engineId() {
        return Optional.ofNullable(settings.engineId());
    }

    /** How many objects the bulk operations handle at once by default. */
    public int concurrency() {
        return settings.concurrency();
    }

    /**
     * Resolves {@code object} against discovery: its kind must be served, and a namespaced object without a
     * namespace goes to the default namespace (a cluster-scoped one loses any namespace it names).
     *
     * @throws ApplyException naming the object when it lacks apiVersion, kind or name, or its kind is not served
     */
    public Target resolve(Map<String, Object> object) {
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
        return new Target(new ResourceRef(gvk, namespaceFor(resource.namespaced(), declaredNamespace), name), resource);
    }

    /** The namespace an object of a kind with this scope lands in: the one policy for every caller. */
    public String namespaceFor(boolean namespaced, String declaredNamespace) {
        return Namespaces.resolve(namespaced, declaredNamespace, settings.defaultNamespace());
    }

    /** The object at {@code target}, or empty when it does not exist. */
    public Optional<Map<String, Object>> read(Target target) {
        return api.getTree(target.path());
    }

    /**
     * The object {@code ref} names, at any version the cluster serves its group and kind at (a CRD may have
     * moved from {@code v1beta1} to {@code v1} since the ref was recorded); empty when it does not exist.
     *
     * @throws ClusterUnavailableException when the kind's group cannot be discovered (an aggregated API that is down):
     *     whether the object exists is then unknown, which is not the same as absent
     */
    public Optional<Map<String, Object>> read(ResourceRef ref) {
        return switch (discovery.lookup(ref.gvk())) {
            case Discovery.Lookup.Served served -> api.getTree(served.resource().objectPath(ref.namespace(), ref.name()));
            case Discovery.Lookup.NotServed notServed -> Optional.empty();
            case Discovery.Lookup.Unavailable unavailable -> throw new ClusterUnavailableException(
                    "cannot tell whether " + ref + " exists: " + unavailable.reason());
        };
    }

    /**
     * Object path → metadata (or empty when absent) for objects in collections with several targets, read with
     * one metadata-only list per collection; targets not in the map were not pre-read.
     */
    public Map<String, Optional<Map<String, Object>>> prefetch(List<Target> targets, int concurrency) {
        return LiveMetadata.prefetch(api, targets, concurrency);
    }

    /**
     * Server-side applies {@code object} at {@code target} for {@code deploymentId}'s part {@code partId}, with
     * the deployment label, part annotation and engine id. {@code live} is what exists now. An object the
     * deployment owns is applied with force (taking over fields other managers own); an {@code adopted} one (it
     * existed before) without, and marked adopted. Returns the object as stored.
     *
     * @throws ApplyException when the server refuses it
     */
    public Map<String, Object> apply(Target target, Map<String, Object> object, String deploymentId, String partId,
            Optional<Map<String, Object>> live, boolean adopted) {
        Map<String, Object> body = ApplyPreparation.stamp(ApplyPreparation.prepare(object, target.ref(), deploymentId,
                partId), settings.engineId(), adopted);
        return writer.write(target, body, live, !adopted);
    }

    /**
     * A server-side dry-run apply: what the object would become. Changes nothing.
     *
     * @throws ApplyException when the server refuses it
     */
    public DryRun dryRun(Map<String, Object> object, String deploymentId, String partId) {
        Target target = resolve(object);
        ResourceRef ref = target.ref();
        Optional<Map<String, Object>> live = read(target);
        boolean owned = live.isEmpty() || deploymentId.equals(labelOf(live.get()).orElse(null));
        boolean adopted = owned && live.isPresent() && adopted(live.get());
        Map<String, Object> body = ApplyPreparation.stamp(ApplyPreparation.prepare(object, ref, deploymentId, partId),
                settings.engineId(), adopted);
        String path = target.path() + writer.applyQuery(owned) + "&dryRun=All";
        ApiResponse response = api.send("PATCH", path, KubeApi.APPLY_PATCH, api.write(body));
        if (!response.ok()) {
            throw new ApplyException(ref, api.failure("PATCH", path, response).getMessage());
        }
        Map<String, Object> result = api.parse(response.body());
        // A declaration without status cannot change it; the server's controllers do (a new CRD's conditions),
        // and between the read and the dry run that would look like this declaration's change.
        boolean declaresStatus = object.containsKey("status");
        boolean changed = live.isEmpty()
                || !comparable(live.get(), declaresStatus).equals(comparable(result, declaresStatus));
        return new DryRun(ref, live.isEmpty(), changed, result, live);
    }

    /**
     * Checks that the server would accept {@code object} as {@code deploymentId}'s part {@code partId}: one forced
     * server-side dry-run apply and no read first. Whether an object is valid does not depend on what exists or who
     * owns which field, so the preflight pays one request per object, not two as {@link #dryRun} does.
     *
     * @throws ApplyException naming the object, with the server's words, when it would refuse it
     */
    public void checkValid(Map<String, Object> object, String deploymentId, String partId) {
        Target target = resolve(object);
        Map<String, Object> body = ApplyPreparation.stamp(ApplyPreparation.prepare(object, target.ref(), deploymentId,
                partId), settings.engineId(), false);
        String path = target.path() + writer.applyQuery(true) + "&dryRun=All";
        ApiResponse response = api.send("PATCH", path, KubeApi.APPLY_PATCH, api.write(body));
        if (!response.ok()) {
            throw new ApplyException(target.ref(), api.failure("PATCH", path, response).getMessage());
        }
    }

    /**
     * What applying {@code object} at {@code target} would change on the live object, ignoring Meshwright's own
     * label and annotation: a server-side dry run without them and without forcing. Empty when nothing: such a
     * declaration of an existing object needs no takeover. Otherwise the first field that would change.
     *
     * @throws ApplyException when the server refuses the dry run (a conflict with another manager, say)
     */
    public Optional<String> changeToForeign(Target target, Map<String, Object> object) {
        Map<String, Object> body = ApplyPreparation.prepare(object, target.ref(), "-", null);
        Map<String, Object> labels = ObjectTree.child(ObjectTree.child(body, "metadata"), "labels");
        labels.remove(DEPLOYMENT_LABEL);
        if (labels.isEmpty()) {
            ObjectTree.child(body, "metadata").remove("labels");
        }
        String path = target.path() + writer.applyQuery(false) + "&dryRun=All";
        ApiResponse response = api.send("PATCH", path, KubeApi.APPLY_PATCH, api.write(body));
        if (!response.ok()) {
            throw new ApplyException(target.ref(), api.failure("PATCH", path, response).getMessage());
        }
        // The full live object: a pre-read may have fetched its metadata only.
        Map<String, Object> live = read(target).orElse(Map.of());
        boolean declaresStatus = object.containsKey("status"); // else a controller's status update is no change of ours
        return firstDifference("", comparable(live, declaresStatus), comparable(api.parse(response.body()), declaresStatus));
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> firstDifference(String path, Object before, Object after) {
        if (before instanceof Map<?, ?> a && after instanceof Map<?, ?> b) {
            java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
            keys.addAll(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                Optional<String> difference = firstDifference(path.isEmpty() ? String.valueOf(key) : path + "." + key,
                        a.get(key), b.get(key));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        return java.util.Objects.equals(before, after) ? Optional.empty() : Optional.of(path);
    }

    /**
     * Deletes objects, {@code concurrency} at a time, with their uids as preconditions, and waits up to
     * {@code timeout} for all of them together to be gone. Outcomes come back in the order asked.
     */
    public List<DeleteOutcome> delete(List<Deletion> deletions, Duration timeout, int concurrency) {
        return deleter.deleteAll(deletions, timeout, concurrency);
    }

    /**
     * Takes {@code deploymentId}'s label and part, engine and adopted annotations off an object it adopted and now
     * lets go of (undeploy keeps adopted objects): the object is left as the deployment found it, as far as
     * Meshwright's marks go.
     * Does nothing when the object is gone or carries another deployment's label.
     */
    public void unmark(ResourceRef ref, String deploymentId) {
        Optional<Map<String, Object>> live = read(ref);
        if (live.isEmpty() || !deploymentId.equals(labelOf(live.get()).orElse(null))) {
            return;
        }
        Target target = resolve(Map.of("apiVersion", ref.gvk().apiVersion(), "kind", ref.gvk().kind(),
                "metadata", ref.namespace() == null ? Map.of("name", ref.name())
                        : Map.of("name", ref.name(), "namespace", ref.namespace())));
        Map<String, Object> labels = new java.util.HashMap<>();
        labels.put(DEPLOYMENT_LABEL, null);
        Map<String, Object> annotations = new java.util.HashMap<>();
        annotations.put(PART_ANNOTATION, null);
        annotations.put(ENGINE_ANNOTATION, null);
        annotations.put(ADOPTED_ANNOTATION, null);
        String path = target.path() + "?fieldManager=" + ServedResource.encode(settings.fieldManager());
        ApiResponse response = api.send("PATCH", path, KubeApi.MERGE_PATCH,
                api.write(Map.of("metadata", Map.of("labels", labels, "annotations", annotations))));
        if (!response.ok() && !response.notFound()) {
            throw api.failure("PATCH", path, response);
        }
    }

    /**
     * Gives an object a tool created for {@code deploymentId}'s part {@code partId} the deployment label, part
     * annotation and engine id (a metadata-only merge patch by Meshwright's field manager, nothing else changed), so that label
     * scans see it as they see applied objects. {@code uid} is a precondition: an object re-created under the same
     * name meanwhile is left alone. Does nothing when the object is gone.
     */
    public void mark(ResourceRef ref, String uid, String deploymentId, String partId) {
        Target target = resolve(Map.of("apiVersion", ref.gvk().apiVersion(), "kind", ref.gvk().kind(),
                "metadata", ref.namespace() == null ? Map.of("name", ref.name())
                        : Map.of("name", ref.name(), "namespace", ref.namespace())));
        String path = target.path() + "?fieldManager=" + ServedResource.encode(settings.fieldManager());
        Map<String, Object> annotations = new java.util.HashMap<>(Map.of(PART_ANNOTATION, partId));
        if (settings.engineId() != null) {
            annotations.put(ENGINE_ANNOTATION, settings.engineId());
        }
        ApiResponse response = api.send("PATCH", path, KubeApi.MERGE_PATCH, api.write(Map.of("metadata", Map.of(
                "uid", uid, "labels", Map.of(DEPLOYMENT_LABEL, deploymentId), "annotations", annotations))));
        if (!response.ok() && !response.notFound()) {
            throw api.failure("PATCH", path, response);
        }
    }

    /** The value of the deployment label on {@code object}, if any. */
    public static Optional<String> labelOf(Map<String, Object> object) {
        return ObjectTree.string(object, "metadata", "labels", DEPLOYMENT_LABEL);
    }

    /** Whether {@code object} carries the adopted mark: it existed before a deployment took it over. */
    public static boolean adopted(Map<String, Object> object) {
        return ObjectTree.string(object, "metadata", "annotations", ADOPTED_ANNOTATION).filter("true"::equals).isPresent();
    }

    /** The uid of {@code object}, if any. */
    public static Optional<String> uidOf(Map<String, Object> object) {
        return ObjectTree.string(object, "metadata", "uid");
    }

    /** The resource version of {@code object} ({@code ""} when it has none). */
    public static String resourceVersion(Map<String, Object> object) {
        return ObjectTree.string(object, "metadata", "resourceVersion").orElse("");
    }

    private static Map<String, Object> comparable(Map<String, Object> object, boolean withStatus) {
        Map<String, Object> copy = ObjectTree.deepCopy(object);
        if (!withStatus) {
            copy.remove("status");
        }
        ObjectTree.child(copy, "metadata").keySet().removeAll(
                List.of("managedFields", "resourceVersion", "generation", "creationTimestamp"));
        return copy;
    }

    /**
     * One object to delete.
     *
     * @param ref   the object
     * @param uid   the uid it must still have; {@code null} when only an intent was recorded, in which case it is
     *              deleted only if it carries {@code owner}'s deployment label
     * @param owner the deployment deleting it
     */
    public record Deletion(ResourceRef ref, String uid, String owner) {}
}

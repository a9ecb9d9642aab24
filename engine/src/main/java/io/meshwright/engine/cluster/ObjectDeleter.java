package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes inventoried objects and waits until they are really gone. Each delete carries the recorded uid as
 * a precondition, so an object re-created by someone else under the same name is left alone. All deletes of a
 * batch are sent first (bounded concurrency); the wait then polls with back-off, listing metadata per
 * collection rather than reading each object, so that waiting on a thousand objects costs a few requests.
 * After the timeout, what is still there is reported with the finalizers that hold it.
 */
final class ObjectDeleter {

    private static final Duration QUICK_POLL = Duration.ofMillis(250);

    private final KubeApi api;
    private final Discovery discovery;
    private final Clock clock;
    private final Backoff polling;
    private final Pause pause;

    ObjectDeleter(KubeApi api, Discovery discovery, Clock clock, Backoff polling, Pause pause) {
        this.api = api;
        this.discovery = discovery;
        this.clock = clock;
        this.polling = polling;
        this.pause = pause;
    }

    List<DeleteOutcome> deleteAll(List<KubeObjects.Deletion> entries, Duration timeout, int concurrency) {
        Instant deadline = clock.instant().plus(timeout);
        List<Object> requested = Bounded.map(entries, concurrency, this::request);
        Map<Integer, Pending> pending = new LinkedHashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            if (requested.get(i) instanceof Pending p) {
                pending.put(i, p);
            }
        }
        awaitGone(pending, deadline);
        List<DeleteOutcome> outcomes = new ArrayList<>(entries.size());
        for (int i = 0; i < requested.size(); i++) {
            Object result = requested.get(i);
            if (result instanceof DeleteOutcome outcome) {
                outcomes.add(outcome);
            } else {
                Pending p = (Pending) result;
                outcomes.add(pending.containsKey(i) ? stillThere(p) : new DeleteOutcome.Deleted(p.ref()));
            }
        }
        return outcomes;
    }

    /** Sends the delete; answers a final outcome, or a {@link Pending} to wait on. */
    private Object request(KubeObjects.Deletion entry) {
        ResourceRef ref = entry.ref();
        ServedResource resource;
        try {
            switch (discovery.lookup(ref.gvk())) {
                case Discovery.Lookup.Served served -> resource = served.resource();
                case Discovery.Lookup.NotServed notServed -> {
                    // Discovery answered for the group and no version serves the kind: its objects are gone
                    // with their definition.
                    return new DeleteOutcome.AlreadyGone(ref, "its kind is no longer served at any version");
                }
                case Discovery.Lookup.Unavailable unavailable -> {
                    return new DeleteOutcome.Failed(ref, "cannot delete: " + unavailable.reason());
                }
            }
        } catch (RuntimeException e) {
            return new DeleteOutcome.Failed(ref, "cannot delete: discovery failed: " + e.getMessage());
        }
        String path = resource.objectPath(ref.namespace(), ref.name());
        try {
            String uid = entry.uid();
            if (uid == null) {
                Optional<Map<String, Object>> live = api.getTree(path);
                if (live.isEmpty()) {
                    return new DeleteOutcome.AlreadyGone(ref, "not found");
                }
                String liveUid = ObjectTree.string(live.get(), "metadata", "uid").orElse("");
                // Only intended: ours if it carries our label (a crash between create and confirm).
                if (!entry.owner().equals(ObjectTree.string(live.get(), "metadata", "labels",
                        ApplyPreparation.DEPLOYMENT_LABEL).orElse(null))) {
                    return new DeleteOutcome.Kept(ref, "it exists but does not carry this deployment's label");
                }
                uid = liveUid;
            }
            // A recorded uid needs no read first: the delete carries it as a precondition, and the server answers
            // 404 (gone) or 409 (someone re-created the name) itself. One request per object instead of two.
            String options = api.write(Map.of("apiVersion", "v1", "kind", "DeleteOptions",
                    "propagationPolicy", "Background", "preconditions", Map.of("uid", uid)));
            ApiResponse response = api.send("DELETE", path, KubeApi.JSON, options);
            if (response.notFound()) {
                return new DeleteOutcome.AlreadyGone(ref, "not found");
            }
            if (response.code() == 409) {
                Optional<Map<String, Object>> live = api.getTree(path);
                String liveUid = live.flatMap(l -> ObjectTree.string(l, "metadata", "uid")).orElse(null);
                boolean ours = live.isPresent() && entry.owner().equals(ObjectTree.string(live.get(), "metadata",
                        "labels", ApplyPreparation.DEPLOYMENT_LABEL).orElse(null));
                if (!ours || liveUid == null) {
                    return new DeleteOutcome.AlreadyGone(ref, "re-created by someone else (the uid precondition "
                            + "failed); left alone");
                }
                // Re-created by this deployment (a crash cut off the confirmation of the new uid): still ours.
                uid = liveUid;
                String again = api.write(Map.of("apiVersion", "v1", "kind", "DeleteOptions",
                        "propagationPolicy", "Background", "preconditions", Map.of("uid", uid)));
                response = api.send("DELETE", path, KubeApi.JSON, again);
                if (response.notFound() || response.code() == 409) {
                    return new DeleteOutcome.AlreadyGone(ref, "gone, or re-created again meanwhile; left alone");
                }
            }
            if (!response.ok()) {
                return new DeleteOutcome.Failed(ref, api.failure("DELETE", path, response).getMessage());
            }
            return new Pending(ref, resource, uid);
        } catch (RuntimeException e) {
            return new DeleteOutcome.Failed(ref, e.getMessage());
        }
    }

    /** Polls until every pending object is gone (or replaced) or the deadline passed; removes the gone. */
    private void awaitGone(Map<Integer, Pending> pending, Instant deadline) {
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            Map<String, Long> awaited = new HashMap<>();
            pending.values().forEach(p -> awaited.merge(collection(p), 1L, Long::sum));
            Map<String, Map<String, String>> listed = new HashMap<>();
            pending.values().removeIf(p -> {
                String collection = collection(p);
                if (awaited.get(collection) <= 2) {
                    return gone(p); // one GET is cheaper than listing a big collection (CRDs) for one name
                }
                return !p.uid().equals(listed.computeIfAbsent(collection, this::livingUids).get(p.ref().name()));
            });
            if (pending.isEmpty() || !clock.instant().isBefore(deadline)) {
                return;
            }
            Duration wait = polling.delay(attempt);
            // kubectl --wait watches and sees an object go at once; a poll 1 s apart can be up to 1 s late (most of
            // Meshwright's lag behind the namespace cascade). A poll costs one request per collection, so the
            // interval is kept at most 250 ms per awaited collection (one collection: the namespaces, say).
            Duration perCollections = QUICK_POLL.multipliedBy(Math.max(1, awaited.size()));
            wait = wait.compareTo(perCollections) < 0 ? wait : perCollections;
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                pause.pause(wait.compareTo(left) < 0 ? wait : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String collection(Pending p) {
        return p.resource().collectionPath(p.ref().namespace());
    }

    private boolean gone(Pending p) {
        return api.getTree(p.resource().objectPath(p.ref().namespace(), p.ref().name()))
                .map(live -> !p.uid().equals(ObjectTree.string(live, "metadata", "uid").orElse("")))
                .orElse(true);
    }

    /** Name → uid of the objects still in {@code collection}, from one metadata-only LIST. */
    private Map<String, String> livingUids(String collection) {
        Map<String, String> uids = new HashMap<>();
        ApiResponse response = api.get(collection, KubeApi.METADATA_LIST);
        for (Map<String, Object> item : ObjectTree.maps(api.treeOrThrow("GET", collection, response), "items")) {
            uids.put(ObjectTree.string(item, "metadata", "name").orElse(""),
                    ObjectTree.string(item, "metadata", "uid").orElse(""));
        }
        return uids;
    }

    private DeleteOutcome stillThere(Pending p) {
        try {
            Optional<Map<String, Object>> live = api.getTree(p.resource().objectPath(p.ref().namespace(), p.ref().name()));
            if (live.isEmpty() || !p.uid().equals(ObjectTree.string(live.get(), "metadata", "uid").orElse(""))) {
                return new DeleteOutcome.Deleted(p.ref());
            }
            List<String> finalizers = new ArrayList<>(ObjectTree.strings(live.get(), "metadata", "finalizers"));
            finalizers.addAll(ObjectTree.strings(live.get(), "spec", "finalizers")); // a Namespace's own
            if (!finalizers.isEmpty()) {
                return new DeleteOutcome.BlockedByFinalizers(p.ref(), finalizers);
            }
            return new DeleteOutcome.Failed(p.ref(), "still present after the timeout, with no finalizer "
                    + "holding it (the garbage collector or the namespace controller may be behind)");
        } catch (RuntimeException e) {
            return new DeleteOutcome.Failed(p.ref(), e.getMessage());
        }
    }

    record Pending(ResourceRef ref, ServedResource resource, String uid) {}
}

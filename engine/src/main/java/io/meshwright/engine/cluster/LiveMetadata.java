package io.meshwright.engine.cluster;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads whether many objects exist, and their metadata, with one metadata-only LIST per collection instead of
 * one GET per object: before a bulk apply, that is what tells created from pre-existing objects.
 */
final class LiveMetadata {

    /** Collections with fewer objects than this are left to per-object reads. */
    static final int LIST_THRESHOLD = 3;

    private LiveMetadata() {}

    /**
     * Object path → metadata-only object (or empty when it does not exist), for objects in collections with
     * at least {@link #LIST_THRESHOLD} targets; objects not in the map were not pre-read.
     */
    static Map<String, Optional<Map<String, Object>>> prefetch(KubeApi api, List<Target> targets, int concurrency) {
        Map<String, List<Target>> byCollection = new LinkedHashMap<>();
        targets.forEach(t -> byCollection.computeIfAbsent(t.collection(), c -> new java.util.ArrayList<>()).add(t));
        byCollection.values().removeIf(group -> group.size() < LIST_THRESHOLD);
        Map<String, Optional<Map<String, Object>>> known = new ConcurrentHashMap<>();
        Bounded.forEach(byCollection.entrySet(), concurrency, entry -> {
            ApiResponse response = api.get(entry.getKey(), KubeApi.METADATA_LIST);
            if (!response.ok()) {
                return; // e.g. a namespace not created yet (404): per-object reads will answer
            }
            Map<String, Map<String, Object>> byName = new HashMap<>();
            for (Map<String, Object> item : ObjectTree.maps(api.parse(response.body()), "items")) {
                byName.put(ObjectTree.string(item, "metadata", "name").orElse(""), item);
            }
            for (Target target : entry.getValue()) {
                known.put(target.path(), Optional.ofNullable(byName.get(target.ref().name())));
            }
        });
        return known;
    }
}

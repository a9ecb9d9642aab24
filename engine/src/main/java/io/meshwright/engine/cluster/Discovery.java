package io.meshwright.engine.cluster;

import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the cluster serves: every group version's resources with their scope and verbs, fetched concurrently
 * and cached. {@link #refresh()} re-reads everything; {@link #refresh(Collection)} re-reads only some group
 * versions (what a newly established CRD adds), which is one request each.
 *
 * <p>A kind that is not in the cache is looked up once (one request for its group version) before it is
 * declared unserved, at most once per {@code missRecheck} per group version, so that a CRD created by someone
 * else is noticed without a full refresh.
 */
public final class Discovery {

    private final KubeApi api;
    private final Clock clock;
    private final int concurrency;
    private final Duration missRecheck;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final Map<String, Instant> lastMiss = new ConcurrentHashMap<>();

    Discovery(KubeApi api, Clock clock, int concurrency, Duration missRecheck) {
        this.api = api;
        this.clock = clock;
        this.concurrency = concurrency;
        this.missRecheck = missRecheck;
    }

    /** Discovery over {@code client}'s cluster, fetching up to 16 group versions at once. */
    public static Discovery of(io.fabric8.kubernetes.client.KubernetesClient client, Clock clock) {
        return over(ClusterAccess.api(client), clock);
    }

    /** Discovery through {@code api} (sharing its retries and their count). */
    static Discovery over(KubeApi api, Clock clock) {
        return new Discovery(api, clock, 16, Duration.ofSeconds(1));
    }

    /** Whether the cluster serves {@code gvk}. */
    public boolean serves(Gvk gvk) {
        return resource(gvk).isPresent();
    }

    /** Whether the last discovery read shows {@code gvk} served, without reading again on a miss. */
    boolean servesCached(Gvk gvk) {
        return current().byGvk(gvk).isPresent();
    }

    /** Whether objects of {@code gvk} are namespaced; empty when the cluster does not serve it. */
    public Optional<Boolean> namespaced(Gvk gvk) {
        return resource(gvk).map(ServedResource::namespaced);
    }

    /** The served resource of {@code gvk}, looking its group version up once more if it is not cached. */
    public Optional<ServedResource> resource(Gvk gvk) {
        Optional<ServedResource> cached = current().byGvk(gvk);
        if (cached.isPresent()) {
            return cached;
        }
        String groupVersion = gvk.apiVersion();
        Instant now = clock.instant();
        Instant previous = lastMiss.get(groupVersion);
        if (previous != null && previous.plus(missRecheck).isAfter(now)) {
            return Optional.empty();
        }
        lastMiss.put(groupVersion, now);
        refresh(List.of(groupVersion));
        return current().byGvk(gvk);
    }

    /**
     * What the cluster says of {@code gvk}: served (at that version, or else at another version of the same
     * group and kind, which names the same objects), not served, or unknown because its group's discovery
     * failed. Only the last may hide objects, so callers must not treat it as "not served".
     */
    public Lookup lookup(Gvk gvk) {
        Optional<ServedResource> exact = resource(gvk);
        if (exact.isPresent()) {
            return new Lookup.Served(exact.get());
        }
        Snapshot now = current();
        for (ServedResource resource : now.byGvk.values()) {
            if (resource.gvk().group().equals(gvk.group()) && resource.gvk().kind().equals(gvk.kind())) {
                return new Lookup.Served(resource);
            }
        }
        for (Map.Entry<String, String> failed : now.unavailable.entrySet()) {
            if (Gvk.of(failed.getKey(), "_").group().equals(gvk.group())) {
                return new Lookup.Unavailable("discovery of " + failed.getKey() + " failed: " + failed.getValue());
            }
        }
        return new Lookup.NotServed();
    }

    /** Group versions whose discovery failed at the last refresh (e.g. an aggregated API that is down), with why. */
    public Map<String, String> unavailable() {
        return current().unavailable;
    }

    /** The answer of {@link #lookup}. */
    public sealed interface Lookup {
        /** Served by {@code resource} (possibly at another version than asked). */
        record Served(ServedResource resource) implements Lookup {}

        /** Not served at any version: no object of it can exist. */
        record NotServed() implements Lookup {}

        /** Unknown: the group's discovery failed; objects of it may exist. */
        record Unavailable(String reason) implements Lookup {}
    }

    /** Every served resource (subresources such as {@code deployments/scale} excluded). */
    public List<ServedResource> resources() {
        return List.copyOf(current().byGvk.values());
    }

    /** The preferred version of each group ({@code ""} for core), as the server announces it. */
    public Map<String, String> preferredVersions() {
        return current().preferred;
    }

    /**
     * One resource per group and kind, at the group's preferred version when it serves the kind there:
     * several versions of a kind name the same objects, so listing one is enough.
     */
    public List<ServedResource> preferredResources() {
        Snapshot now = current();
        Map<String, ServedResource> byGroupKind = new LinkedHashMap<>();
        for (ServedResource resource : now.byGvk.values()) {
            String key = resource.gvk().groupKind();
            ServedResource chosen = byGroupKind.get(key);
            boolean preferred = resource.gvk().version().equals(now.preferred.get(resource.gvk().group()));
            if (chosen == null || preferred) {
                byGroupKind.put(key, resource);
            }
        }
        return List.copyOf(byGroupKind.values());
    }

    /** Re-reads the group list and every group version. */
    public void refresh() {
        Map<String, Object> core = api.getTree("/api").orElse(Map.of());
        Map<String, Object> groups = api.getTree("/apis").orElse(Map.of());
        Map<String, String> preferred = new HashMap<>();
        List<String> groupVersions = new ArrayList<>();
        for (String version : ObjectTree.strings(core, "versions")) {
            groupVersions.add(version);
            preferred.putIfAbsent("", version);
        }
        for (Map<String, Object> group : ObjectTree.maps(groups, "groups")) {
            String name = String.valueOf(group.get("name"));
            ObjectTree.string(group, "preferredVersion", "version").ifPresent(v -> preferred.put(name, v));
            for (Map<String, Object> version : ObjectTree.maps(group, "versions")) {
                groupVersions.add(String.valueOf(version.get("groupVersion")));
            }
        }
        Map<String, String> unavailable = new ConcurrentHashMap<>();
        Map<String, List<ServedResource>> fetched = fetch(groupVersions, unavailable);
        snapshot.set(new Snapshot(Map.copyOf(preferred), index(fetched), Map.copyOf(unavailable)));
    }

    /** Re-reads only {@code groupVersions} (e.g. {@code example.com/v1}), keeping everything else. */
    public void refresh(Collection<String> groupVersions) {
        Snapshot before = current();
        Map<String, String> failed = new ConcurrentHashMap<>();
        Map<String, List<ServedResource>> fetched = fetch(List.copyOf(Set.copyOf(groupVersions)), failed);
        Map<Gvk, ServedResource> merged = new LinkedHashMap<>(before.byGvk);
        merged.keySet().removeIf(gvk -> fetched.containsKey(gvk.apiVersion()));
        fetched.values().forEach(list -> list.forEach(r -> merged.put(r.gvk(), r)));
        Map<String, String> preferred = new HashMap<>(before.preferred);
        for (String groupVersion : fetched.keySet()) {
            Gvk probe = Gvk.of(groupVersion, "_");
            if (!fetched.get(groupVersion).isEmpty()) {
                preferred.putIfAbsent(probe.group(), probe.version());
            }
        }
        // A concurrent full refresh may have landed meanwhile; the merge of a few group versions is the
        // smaller loss, and the next miss or refresh corrects it.
        Map<String, String> unavailable = new HashMap<>(before.unavailable);
        unavailable.keySet().removeAll(fetched.keySet());
        unavailable.putAll(failed);
        snapshot.set(new Snapshot(Map.copyOf(preferred), merged, Map.copyOf(unavailable)));
    }

    private Snapshot current() {
        Snapshot now = snapshot.get();
        if (now == null) {
            synchronized (this) {
                if (snapshot.get() == null) {
                    refresh();
                }
            }
            now = snapshot.get();
        }
        return now;
    }

    private Map<String, List<ServedResource>> fetch(List<String> groupVersions, Map<String, String> unavailable) {
        Map<String, List<ServedResource>> result = new ConcurrentHashMap<>();
        Bounded.forEach(groupVersions, concurrency, groupVersion -> {
            String path = groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
            ApiResponse response = api.discover(path);
            if (response.notFound()) {
                result.put(groupVersion, List.of()); // not (or no longer) served
                return;
            }
            if (!response.ok()) {
                // e.g. 503 from an aggregated API whose backend is down: its kinds cannot be used now, but
                // objects of them may well exist. Recorded as unavailable, never as "not served", so that
                // neither a delete nor the leftover scan takes their absence for granted.
                result.put(groupVersion, List.of());
                unavailable.put(groupVersion, response.code() + " " + api.failure("GET", path, response).getMessage());
                return;
            }
            result.put(groupVersion, parse(groupVersion, api.treeOrThrow("GET", path, response)));
        });
        return result;
    }

    private static List<ServedResource> parse(String groupVersion, Map<String, Object> list) {
        List<ServedResource> resources = new ArrayList<>();
        for (Map<String, Object> entry : ObjectTree.maps(list, "resources")) {
            String name = String.valueOf(entry.get("name"));
            if (name.contains("/")) {
                continue; // subresource: status, scale, log, …
            }
            Gvk gvk = Gvk.of(groupVersion, String.valueOf(entry.get("kind")));
            boolean namespaced = Boolean.TRUE.equals(entry.get("namespaced"));
            resources.add(new ServedResource(gvk, name, namespaced, ObjectTree.strings(entry, "verbs")));
        }
        return resources;
    }

    private static Map<Gvk, ServedResource> index(Map<String, List<ServedResource>> fetched) {
        Map<Gvk, ServedResource> byGvk = new LinkedHashMap<>();
        fetched.values().forEach(list -> list.forEach(r -> byGvk.putIfAbsent(r.gvk(), r)));
        return byGvk;
    }

    private record Snapshot(Map<String, String> preferred, Map<Gvk, ServedResource> byGvk,
            Map<String, String> unavailable) {
        Optional<ServedResource> byGvk(Gvk gvk) {
            return Optional.ofNullable(byGvk.get(gvk));
        }
    }
}

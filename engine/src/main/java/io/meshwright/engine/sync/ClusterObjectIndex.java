package io.meshwright.engine.sync;

import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.event.Event.ClusterObjectChanged;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The engine's view of every cluster's objects, kept from {@link ClusterObjectChanged} events: its own watch's and
 * any other cluster's (an agent's, followed through NATS). Ordered by cluster, then kind, namespace and name, so a
 * page's {@code continue} token (the last object's position) stays valid while objects come and go.
 */
public final class ClusterObjectIndex implements AutoCloseable {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    private final NavigableMap<String, NavigableMap<String, ClusterObject>> byCluster = new ConcurrentSkipListMap<>();
    private final AutoCloseable subscription;

    private ClusterObjectIndex(EventBus bus) {
        this.subscription = bus == null ? () -> { }
                : bus.subscribe(event -> event instanceof ClusterObjectChanged, event -> accept((ClusterObjectChanged) event));
    }

    /** An index fed by every {@link ClusterObjectChanged} published on {@code bus} from now on. */
    public static ClusterObjectIndex following(EventBus bus) {
        return new ClusterObjectIndex(Objects.requireNonNull(bus, "bus"));
    }

    /** An index fed only through {@link #accept}. */
    public static ClusterObjectIndex detached() {
        return new ClusterObjectIndex(null);
    }

    /** Applies one change: ADDED and MODIFIED put the object, DELETED removes it (unless a newer uid replaced it). */
    public void accept(ClusterObjectChanged change) {
        ClusterObject object = change.object();
        NavigableMap<String, ClusterObject> objects = byCluster.computeIfAbsent(object.cluster(), c -> new ConcurrentSkipListMap<>());
        String key = localKey(object);
        if (change.change() == ClusterObjectChanged.Change.DELETED) {
            objects.computeIfPresent(key, (k, held) -> held.uid() == null || object.uid() == null
                    || held.uid().equals(object.uid()) ? null : held);
        } else {
            objects.put(key, object);
        }
    }

    /** The clusters with objects, sorted. */
    public List<String> clusters() {
        return byCluster.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Objects known, in all clusters. */
    public long size() {
        return byCluster.values().stream().mapToLong(Map::size).sum();
    }

    /** Every object of {@code cluster}, in index order: what a snapshot request answers. */
    public List<ClusterObject> snapshot(String cluster) {
        NavigableMap<String, ClusterObject> objects = byCluster.get(cluster);
        return objects == null ? List.of() : List.copyOf(objects.values());
    }

    /** Forgets every object of {@code cluster} (its watch or agent is gone for good). */
    public void forget(String cluster) {
        byCluster.remove(cluster);
    }

    /** One page of the objects {@code query} selects, with the token of the next page when there is one. */
    public Page query(Query query) {
        Predicate<ClusterObject> filter = query.filter();
        Position after = Position.decode(query.continueToken());
        List<ClusterObject> items = new ArrayList<>();
        long total = 0;
        String next = null;
        for (Map.Entry<String, NavigableMap<String, ClusterObject>> cluster : byCluster.entrySet()) {
            if (query.cluster() != null && !query.cluster().equals(cluster.getKey())) {
                continue;
            }
            for (Map.Entry<String, ClusterObject> entry : cluster.getValue().entrySet()) {
                if (!filter.test(entry.getValue())) {
                    continue;
                }
                total++;
                if (after != null && after.compareTo(cluster.getKey(), entry.getKey()) >= 0) {
                    continue;
                }
                if (items.size() < query.limit()) {
                    items.add(entry.getValue());
                } else if (next == null) {
                    ClusterObject last = items.getLast();
                    next = new Position(last.cluster(), localKey(last)).encode();
                }
            }
        }
        return new Page(items, total, next);
    }

    /** How the objects {@code deploymentId} holds (greenfield, on any cluster) are, by health. */
    public DeploymentHealth health(String deploymentId) {
        int healthy = 0;
        int progressing = 0;
        int unhealthy = 0;
        int unknown = 0;
        for (NavigableMap<String, ClusterObject> objects : byCluster.values()) {
            for (ClusterObject object : objects.values()) {
                if (!deploymentId.equals(object.deploymentId())) {
                    continue;
                }
                switch (object.health().status()) {
                    case HEALTHY -> healthy++;
                    case PROGRESSING -> progressing++;
                    case UNHEALTHY -> unhealthy++;
                    case UNKNOWN -> unknown++;
                }
            }
        }
        return new DeploymentHealth(deploymentId, healthy, progressing, unhealthy, unknown);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("unsubscribing the cluster object index failed: " + e.getMessage(), e);
        }
    }

    /** {@code groupKind/namespace/name}: the object's place within its cluster. */
    private static String localKey(ClusterObject object) {
        return object.gvk().groupKind() + "/" + (object.namespace() == null ? "" : object.namespace()) + "/" + object.name();
    }

    /**
     * What to list; {@code null} fields select everything.
     *
     * @param cluster       the cluster's name
     * @param kind          a kind ({@code Deployment}, any group) or group-kind ({@code Deployment.apps}), any case
     * @param namespace     the namespace
     * @param state         the state
     * @param origin        the origin
     * @param deployment    the deployment holding the objects
     * @param limit         the page size, 1 to {@link #MAX_LIMIT}
     * @param continueToken the {@link Page#continueToken()} of the previous page
     */
    public record Query(String cluster, String kind, String namespace, ObjectState state, Origin origin, String deployment,
            int limit, String continueToken) {

        public Query {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit: expected 1 to " + MAX_LIMIT + ", but was " + limit);
            }
            Position.decode(continueToken); // refuses a token this index did not hand out
        }

        /** Everything, in pages of {@code limit}. */
        public static Query all(int limit) {
            return new Query(null, null, null, null, null, null, limit, null);
        }

        /** Whether an object matches (cluster aside, which the index applies itself). */
        public Predicate<ClusterObject> filter() {
            String wantedKind = kind == null ? null : kind.toLowerCase(Locale.ROOT);
            return object -> (cluster == null || cluster.equals(object.cluster()))
                    && (wantedKind == null || object.gvk().kind().toLowerCase(Locale.ROOT).equals(wantedKind)
                            || object.gvk().groupKind().toLowerCase(Locale.ROOT).equals(wantedKind))
                    && (namespace == null || namespace.equals(object.namespace()))
                    && (state == null || state == object.state())
                    && (origin == null || origin == object.origin())
                    && (deployment == null || deployment.equals(object.deploymentId()));
        }
    }

    /**
     * One page.
     *
     * @param items         the objects on it
     * @param total         how many objects the query selects in all
     * @param continueToken give it back as {@code continue} for the next page; {@code null} on the last page
     */
    public record Page(List<ClusterObject> items, long total, String continueToken) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * How a deployment's objects are: counts by health and the roll-up, the worst of them ({@code UNKNOWN} only
     * when nothing is known, and never worse than a known verdict).
     */
    public record DeploymentHealth(String deploymentId, int healthy, int progressing, int unhealthy, int unknown) {

        public int objects() {
            return healthy + progressing + unhealthy + unknown;
        }

        public Health.Status status() {
            if (unhealthy > 0) {
                return Health.Status.UNHEALTHY;
            }
            if (progressing > 0) {
                return Health.Status.PROGRESSING;
            }
            return healthy > 0 ? Health.Status.HEALTHY : Health.Status.UNKNOWN;
        }
    }

    /** Where a page ended: cluster and key, as an opaque token. */
    private record Position(String cluster, String key) {

        int compareTo(String otherCluster, String otherKey) {
            int byCluster = cluster.compareTo(otherCluster);
            return byCluster != 0 ? byCluster : key.compareTo(otherKey);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((cluster + "\n" + key).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String token) {
            if (token == null || token.isBlank()) {
                return null;
            }
            String text;
            try {
                text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("continue: not a token this engine handed out: '" + token + "'");
            }
            int newline = text.indexOf('\n');
            if (newline < 0) {
                throw new IllegalArgumentException("continue: not a token this engine handed out: '" + token + "'");
            }
            return new Position(text.substring(0, newline), text.substring(newline + 1));
        }
    }
}

package io.meshwright.engine.sync.health;

import io.meshwright.engine.connections.Connection;
import io.meshwright.engine.connections.PrometheusClient;
import io.meshwright.engine.connections.PrometheusException;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.sync.HealthSource;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health from Prometheus: every interval (never per object change) each {@link HealthQuery} runs once against each
 * Prometheus connection, and {@link #healthOf} judges an object from the last answers, without a call. A sample
 * above its bound makes the object UNHEALTHY; Prometheus not answering, or a query it refuses, makes it UNKNOWN
 * with the reason — never UNHEALTHY, since nobody could tell.
 */
public final class PrometheusHealth implements HealthSource, AutoCloseable {

    /** {@link Health#source()} of its verdicts. */
    public static final String SOURCE = "prometheus";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusHealth.class);

    /**
     * What one query answered at the last refresh, or why it did not; its samples indexed once per refresh by the
     * namespace label (all under {@code null} for a cluster-scoped kind), and by namespace and name when the name
     * label is the object's name, so judging an object reads only its own samples.
     */
    private record Answer(HealthQuery query, String connection, Map<String, List<PrometheusClient.Sample>> byNamespace,
            Map<List<String>, List<PrometheusClient.Sample>> byName, String failure) {

        static Answer failed(HealthQuery query, String connection, String failure) {
            return new Answer(query, connection, Map.of(), Map.of(), failure);
        }

        static Answer of(HealthQuery query, String connection, List<PrometheusClient.Sample> samples) {
            Map<String, List<PrometheusClient.Sample>> byNamespace = new HashMap<>();
            Map<List<String>, List<PrometheusClient.Sample>> byName = new HashMap<>();
            for (PrometheusClient.Sample sample : samples) {
                String namespace = query.namespaceLabel() == null ? null : sample.labels().get(query.namespaceLabel());
                String name = sample.labels().get(query.nameLabel());
                if (query.namespaceLabel() != null && namespace == null || name == null) {
                    continue; // about no object
                }
                if (query.namePattern() == null) {
                    byName.computeIfAbsent(Arrays.asList(namespace, name), k -> new ArrayList<>()).add(sample);
                } else {
                    byNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(sample);
                }
            }
            return new Answer(query, connection, byNamespace, byName, null);
        }

        /** The samples about {@code object}. */
        List<PrometheusClient.Sample> about(ClusterObject object) {
            String namespace = query.namespaceLabel() == null ? null : object.namespace();
            if (query.namePattern() == null) {
                return byName.getOrDefault(Arrays.asList(namespace, object.name()), List.of());
            }
            List<PrometheusClient.Sample> candidates = byNamespace.getOrDefault(namespace, List.of());
            if (candidates.isEmpty()) {
                return List.of();
            }
            Predicate<String> matcher = query.nameMatcher(object.name());
            return candidates.stream().filter(s -> matcher.test(s.labels().get(query.nameLabel()))).toList();
        }
    }

    private record Snapshot(Instant at, List<Answer> answers) {}

    private final Supplier<List<Connection>> connections;
    private final HealthQueries queries;
    private final Duration timeout;
    private final Clock clock;
    private final UrlFetcher addressPolicy;
    private volatile Snapshot last = new Snapshot(Instant.EPOCH, List.of());
    private ScheduledExecutorService schedule;
    private Runnable task;

    /**
     * @param connections the Prometheus connections, read at every refresh (one added later counts at the next)
     * @param queries     the queries per kind
     * @param timeout     how long one query may take
     * @param clock       the clock
     * @param addressPolicy the engine's address policy, checked at every refresh (a host's address may change)
     */
    public PrometheusHealth(Supplier<List<Connection>> connections, HealthQueries queries, Duration timeout, Clock clock,
            UrlFetcher addressPolicy) {
        this.addressPolicy = addressPolicy;
        this.connections = connections;
        this.queries = queries;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Refreshes now, then every {@code interval}, on a thread of its own, running {@code afterRefresh} after each
     * (the sync re-judges its objects: a verdict may change while the objects do not).
     */
    public synchronized PrometheusHealth start(Duration interval, Runnable afterRefresh) {
        if (schedule == null) {
            schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("prometheus-health")
                    .factory());
            task = () -> {
                refreshQuietly();
                try {
                    afterRefresh.run();
                } catch (RuntimeException e) {
                    LOG.warn("passing on Prometheus health failed: {}", e.toString());
                }
            };
            schedule.scheduleWithFixedDelay(task, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Refreshes at once on its own thread (a connection was added or removed), when started; returns at once. */
    public synchronized void refreshSoon() {
        if (schedule != null && !schedule.isShutdown()) {
            schedule.execute(task);
        }
    }

    /** Runs every query against every connection now; what {@link #healthOf} judges from until the next refresh. */
    public void refresh() {
        List<Answer> answers = new ArrayList<>();
        for (Connection connection : connections.get()) {
            PrometheusClient client;
            try {
                client = new PrometheusClient(connection.url(), timeout, addressPolicy);
            } catch (RuntimeException e) {
                queries.queries().forEach(q -> answers.add(Answer.failed(q, connection.name(), failure(e))));
                continue;
            }
            for (HealthQuery query : queries.queries()) {
                // Any failure stays with its connection and query: one bad Prometheus must not freeze every verdict.
                try {
                    answers.add(Answer.of(query, connection.name(), client.query(query.promql())));
                } catch (RuntimeException e) {
                    answers.add(Answer.failed(query, connection.name(), failure(e)));
                }
            }
        }
        last = new Snapshot(clock.instant(), List.copyOf(answers));
    }

    private static String failure(RuntimeException e) {
        if (e instanceof PrometheusException) {
            return e.getMessage();
        }
        LOG.warn("asking Prometheus for health failed unexpectedly", e);
        return "asking Prometheus failed: " + e;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("refreshing health from Prometheus failed: {}", e.toString());
        }
    }

    @Override
    public Optional<Health> healthOf(ClusterObject object) {
        if (last.answers().isEmpty()) {
            return Optional.empty(); // no connection, or not refreshed yet: nothing to say
        }
        List<String> unhealthy = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (Answer answer : last.answers()) {
            if (!answer.query().kind().equals(object.gvk().kind())) {
                continue;
            }
            if (answer.failure() != null) {
                unknown.add(answer.query().name() + ": " + answer.failure());
                continue;
            }
            for (PrometheusClient.Sample sample : answer.about(object)) {
                if (sample.value() > answer.query().above()) {
                    unhealthy.add(answer.query().reasonFor(sample.value()));
                } else {
                    fine.add(answer.query().name());
                }
            }
        }
        if (!unhealthy.isEmpty()) {
            return Optional.of(new Health(Health.Status.UNHEALTHY, String.join("; ", distinct(unhealthy)), SOURCE));
        }
        if (!unknown.isEmpty()) {
            return Optional.of(new Health(Health.Status.UNKNOWN, String.join("; ", distinct(unknown)), SOURCE));
        }
        if (!fine.isEmpty()) {
            return Optional.of(new Health(Health.Status.HEALTHY, "within bounds: " + String.join(", ", distinct(fine)),
                    SOURCE));
        }
        return Optional.empty();
    }

    /** When the answers {@link #healthOf} judges from were fetched ({@link Instant#EPOCH} before the first refresh). */
    public Instant refreshedAt() {
        return last.at();
    }

    private static List<String> distinct(List<String> items) {
        return items.stream().distinct().toList();
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** For tests and the status: the query names per kind. */
    Map<String, List<String>> queryNames() {
        Map<String, List<String>> names = new java.util.TreeMap<>();
        queries.queries().forEach(q -> names.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(q.name()));
        return names;
    }
}

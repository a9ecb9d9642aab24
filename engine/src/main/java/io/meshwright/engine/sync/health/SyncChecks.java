package io.meshwright.engine.sync.health;

import io.meshwright.engine.actions.ConnectionsAction;
import io.meshwright.engine.actions.DriftAction;
import io.meshwright.engine.connections.ConnectionStore;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.sync.drift.DriftWatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The sync's checks the engine runs beside the watcher: health from Prometheus at an interval
 * ({@code serve --health-interval}, by default {@link #DEFAULT_HEALTH_INTERVAL}), and
 * drift judged when the sync reports a deployment's objects changed. Part of the composition root's wiring.
 */
public final class SyncChecks implements AutoCloseable {

    /** How often the PromQL queries run unless {@code serve --health-interval} says otherwise. */
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(30);
    /** The shortest interval: every refresh runs every query against every connection. */
    public static final Duration MIN_HEALTH_INTERVAL = Duration.ofSeconds(1);
    /** How long one query may take. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
    /** How long a deployment's objects must be unchanged before its drift is judged. */
    public static final Duration DRIFT_QUIET = Duration.ofSeconds(2);
    /** The operator's queries, replacing the built-in ones, in the data directory. */
    public static final String QUERIES_FILE = "health-queries.yaml";

    private final PrometheusHealth health;
    private final DriftWatcher drift;

    private SyncChecks(PrometheusHealth health, DriftWatcher drift) {
        this.health = health;
        this.drift = drift;
    }

    /**
     * Health from the stored Prometheus connections with the queries of {@code <data-dir>/health-queries.yaml}
     * (else the built-in ones), not yet refreshing: the sync's watch takes it as its health source. Every refresh
     * passes {@code addressPolicy} first.
     */
    public static PrometheusHealth prometheus(Path dataDir, ConnectionStore connections, Clock clock,
            UrlFetcher addressPolicy) {
        return new PrometheusHealth(() -> connections.ofType(ConnectionsAction.PROMETHEUS),
                HealthQueries.fromFileOrDefaults(dataDir.resolve(QUERIES_FILE)), QUERY_TIMEOUT, clock, addressPolicy);
    }

    /**
     * Starts both: {@code health} refreshing every {@code healthInterval} (then {@code afterRefresh}), and drift
     * judged on the bus's change events.
     */
    public static SyncChecks start(PrometheusHealth health, Duration healthInterval, Runnable afterRefresh,
            EventBus events, DriftAction driftAction) {
        health.start(healthInterval, afterRefresh);
        return new SyncChecks(health, new DriftWatcher(events, driftAction::judge, DRIFT_QUIET));
    }

    @Override
    public void close() throws Exception {
        try {
            drift.close();
        } finally {
            health.close();
        }
    }
}

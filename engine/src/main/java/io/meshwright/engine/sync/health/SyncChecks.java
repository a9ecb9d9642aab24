package io.meshwright.engine.sync.health;

import io.meshwright.engine.actions.ConnectionsAction;
import io.meshwright.engine.actions.DriftAction;
import io.meshwright.engine.connections.ConnectionStore;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.sync.drift.DriftWatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The sync's checks the engine runs beside the watcher: health from Prometheus every {@link #HEALTH_INTERVAL}, and
 * drift judged when the sync reports a deployment's objects changed. Part of the composition root's wiring.
 */
public final class SyncChecks implements AutoCloseable {

    /** How often the PromQL queries run. */
    public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);
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

    /** Starts both: Prometheus health over the stored connections, drift on the bus's change events. */
    public static SyncChecks start(Path dataDir, ConnectionStore connections, EventBus events, DriftAction driftAction,
            Clock clock) {
        HealthQueries queries = HealthQueries.fromFileOrDefaults(dataDir.resolve(QUERIES_FILE));
        PrometheusHealth health = new PrometheusHealth(() -> connections.ofType(ConnectionsAction.PROMETHEUS), queries,
                QUERY_TIMEOUT, clock).start(HEALTH_INTERVAL);
        DriftWatcher drift = new DriftWatcher(events, id -> driftAction.judge(id), DRIFT_QUIET);
        return new SyncChecks(health, drift);
    }

    /** Health from Prometheus, for the sync watcher's health sources. */
    public HealthSource prometheus() {
        return health;
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

package io.meshwright.engine.sync.drift;

import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Origin;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a deployment's drift when the sync reports one of its objects modified or deleted
 * ({@link Event.ClusterObjectChanged} of a greenfield object), once the changes have been quiet for a moment: a
 * rollout that touches many objects costs one check, not one per object. A MODIFIED whose object kept its
 * {@code resourceVersion} (the sync republishing a new health verdict, such as a restart count Prometheus reports)
 * is no change to the object and costs no check. It knows the sync only through its events. The check runs on a
 * thread of its own, never on the publisher's.
 */
public final class DriftWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftWatcher.class);

    private final Consumer<String> check;
    private final Duration quiet;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("drift-debounce").factory());
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;
    /** The last resourceVersion seen of each greenfield object, by cluster, kind, namespace and name. */
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    /**
     * @param events the engine's bus
     * @param check  judges one deployment's drift (and moves its state); its failures are logged, never thrown
     * @param quiet  how long a deployment's objects must be unchanged before it is checked
     */
    public DriftWatcher(EventBus events, Consumer<String> check, Duration quiet) {
        this.check = check;
        this.quiet = quiet;
        this.subscription = events.subscribe(event -> event instanceof Event.ClusterObjectChanged,
                event -> seen((Event.ClusterObjectChanged) event));
    }

    /** Schedules a check for a greenfield object modified (its resourceVersion moved) or deleted. */
    private void seen(Event.ClusterObjectChanged event) {
        ClusterObject object = event.object();
        String key = object.cluster() + "/" + object.gvk().groupKind() + "/" + object.namespace() + "/" + object.name();
        if (object.origin() != Origin.GREENFIELD || object.deploymentId() == null) {
            versions.remove(key);
            return;
        }
        String version = object.resourceVersion();
        switch (event.change()) {
            case ADDED -> versions.put(key, String.valueOf(version));
            case DELETED -> {
                versions.remove(key);
                changed(object.deploymentId());
            }
            case MODIFIED -> {
                String before = versions.put(key, String.valueOf(version));
                if (version == null || !version.equals(before)) {
                    changed(object.deploymentId());
                }
            }
        }
    }

    /** Schedules a check of {@code deploymentId} after the quiet period, replacing one already waiting. */
    void changed(String deploymentId) {
        pending.compute(deploymentId, (id, waiting) -> {
            if (waiting != null) {
                waiting.cancel(false);
            }
            return timer.schedule(() -> run(id), quiet.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void run(String deploymentId) {
        pending.remove(deploymentId);
        Thread.ofVirtual().name("drift-" + deploymentId).start(() -> {
            try {
                check.accept(deploymentId);
            } catch (RuntimeException e) {
                LOG.warn("checking drift of deployment {} failed: {}", deploymentId, e.getMessage());
            }
        });
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        timer.shutdownNow();
    }
}

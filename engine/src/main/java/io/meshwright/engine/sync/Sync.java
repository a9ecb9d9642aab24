package io.meshwright.engine.sync;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's sync: the {@link ClusterObjectIndex} every cluster's changes land in, and the watch of the engine's
 * own target cluster, started in the background (start-up never waits for it) and started again with backoff
 * while the cluster does not answer. Its {@link Status} is what {@code /health} and {@code /metrics} show.
 */
public final class Sync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sync.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    /** Where the own cluster's watch stands. */
    public enum State { OFF, STARTING, WATCHING, RETRYING }

    /**
     * The own cluster's watch, as {@code /health} shows it.
     *
     * @param state     off (serve --no-sync), starting, watching, or retrying because the cluster does not answer
     * @param cluster   the name its objects carry
     * @param informers informers running
     * @param objects   objects in their caches
     * @param synced    whether every informer has listed its kind once
     * @param problem   why it is retrying, or which kinds have no open watch (reconnecting), else {@code null}
     */
    public record Status(State state, String cluster, int informers, long objects, boolean synced, String problem) {}

    private final ClusterObjectIndex index;
    private final String cluster;
    private final ClusterWatch watch;
    private final Supplier<Optional<String>> unreachable;
    private final AtomicReference<Status> status = new AtomicReference<>();
    private volatile boolean closed;
    private volatile Thread starter;

    private Sync(ClusterObjectIndex index, String cluster, ClusterWatch watch, Supplier<Optional<String>> unreachable) {
        this.index = index;
        this.cluster = cluster;
        this.watch = watch;
        this.unreachable = unreachable;
        this.status.set(new Status(watch == null ? State.OFF : State.STARTING, cluster, 0, 0, false, null));
    }

    /** The index only: the own cluster is not watched ({@code serve --no-sync}). */
    public static Sync off(ClusterObjectIndex index, String cluster) {
        return new Sync(index, cluster, null, Optional::empty);
    }

    /**
     * Starts {@code watch} in the background, after {@code unreachable} (a quick probe: why the cluster does not
     * answer, or empty) says the cluster answers, trying again from 1 s, doubling to 30 s, until it starts.
     */
    public static Sync watching(ClusterObjectIndex index, ClusterWatch watch, Supplier<Optional<String>> unreachable) {
        Sync sync = new Sync(index, watch.cluster(), watch, unreachable);
        sync.starter = Thread.ofVirtual().name("sync-start-" + watch.cluster()).start(sync::startWithRetries);
        return sync;
    }

    public ClusterObjectIndex index() {
        return index;
    }

    /** The own cluster's watch, when there is one. */
    public Optional<ClusterWatch> watch() {
        return Optional.ofNullable(watch);
    }

    /** The own cluster's name. */
    public String cluster() {
        return cluster;
    }

    public Status status() {
        Status now = status.get();
        if (now.state() != State.WATCHING) {
            return now;
        }
        var notWatching = watch.notWatching();
        String problem = notWatching.isEmpty() ? null : notWatching.size() + " of " + watch.informers()
                + " kinds have no open watch (listing, or reconnecting): " + notWatching.stream().limit(5)
                .map(gvk -> gvk.groupKind()).toList() + (notWatching.size() > 5 ? " …" : "");
        return new Status(State.WATCHING, cluster, watch.informers(), watch.objects(), watch.synced(), problem);
    }

    private void startWithRetries() {
        Duration wait = FIRST_RETRY;
        boolean told = false;
        while (!closed) {
            Optional<String> problem = unreachable.get();
            if (problem.isEmpty()) {
                try {
                    watch.start();
                    status.set(new Status(State.WATCHING, cluster, 0, 0, false, null));
                    LOG.info("sync: watching cluster {} ({} kinds)", cluster, watch.informers());
                    return;
                } catch (RuntimeException e) {
                    problem = Optional.of("starting the watch failed: " + e.getMessage());
                }
            }
            status.set(new Status(State.RETRYING, cluster, 0, 0, false, problem.get()));
            if (!told) {
                LOG.info("sync: cluster {} is not watched yet ({}); trying again in the background", cluster, problem.get());
                told = true;
            }
            LOG.debug("sync: cluster {} not watched: {}; again in {}", cluster, problem.get(), wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running = starter;
        if (running != null) {
            running.interrupt();
        }
        if (watch != null) {
            watch.close();
        }
        index.close();
    }
}

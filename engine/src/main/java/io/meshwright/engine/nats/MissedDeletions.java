package io.meshwright.engine.nats;

import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.sync.ClusterObject;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletions that happened while the publisher was down, which no informer reports: once the watch has settled (every
 * informer listed, custom-resource informers started after the CRD informer's), each object of a kind it has listed
 * whose last change in the stream (published by this publisher, {@link ClusterHistory}) is not a deletion but which
 * the cluster no longer has gets its deletion, published on the bus like the watch's own. Objects of kinds not
 * watched now are left alone. Used by the sync agent and by the engine's own bridge ({@code serve --nats}) alike.
 *
 * <p>The stream, not a record in the data folder, is what is compared: it is exactly what consumers were told, including
 * what was acknowledged just before a SIGKILL and excluding what was still buffered then; a local record could
 * differ from it either way. The cluster's objects are taken before the backlog is waited for and the stream read, so
 * a deletion the watch saw itself is already in the stream and is not published twice; and again after, so an
 * object created meanwhile is not taken for gone.
 */
public final class MissedDeletions implements AutoCloseable {

    /**
     * What the watch vouches for. Only an object of a kind in {@code listedGroupKinds} can be taken for gone: a kind
     * not watched yet (at start the custom-resource informers follow the CRD informer after a debounce) has objects
     * the watch does not know, which must not be told deleted and then added again. The exception is a kind the
     * cluster no longer serves: its CRD went while the publisher was down, and its objects with it.
     *
     * @param settled          whether the informers are all there and have listed (the CRD informer's adjustment done)
     * @param listedGroupKinds group-kinds ({@code Kind.group}) watched by an informer that has listed them
     * @param mayServe         whether the cluster may still serve a group-kind (served, or its discovery failed)
     */
    public record Listing(BooleanSupplier settled, Supplier<Set<String>> listedGroupKinds,
            java.util.function.Predicate<String> mayServe) {

        /** A listing that never takes an unlisted kind for gone. */
        public Listing(BooleanSupplier settled, Supplier<Set<String>> listedGroupKinds) {
            this(settled, listedGroupKinds, groupKind -> true);
        }
    }

    /** How long the check waits for the informers to settle once some have listed; then it checks what has listed. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(MissedDeletions.class);

    private final NatsBridge bridge;
    private final EventBus bus;
    private final String cluster;
    private final Listing listing;
    private final Supplier<Collection<ClusterObject>> live;
    private final Thread thread;
    private volatile int published = -1;

    private MissedDeletions(NatsBridge bridge, EventBus bus, String cluster, Listing listing,
            Supplier<Collection<ClusterObject>> live) {
        this.bridge = bridge;
        this.bus = bus;
        this.cluster = cluster;
        this.listing = listing;
        this.live = live;
        this.thread = Thread.ofVirtual().name("nats-missed-deletions").unstarted(this::run);
    }

    /**
     * Starts the check in the background; returns at once (see {@link NatsBridge#publishMissedDeletions}).
     *
     * @param listing which kinds the watch of {@code cluster} has listed (only their objects are complete)
     * @param live    the objects the watch has now
     */
    static MissedDeletions start(NatsBridge bridge, EventBus bus, String cluster, Listing listing,
            Supplier<Collection<ClusterObject>> live) {
        MissedDeletions check = new MissedDeletions(bridge, bus, cluster, listing, live);
        check.thread.start();
        return check;
    }

    /** Deletions published for objects that went while the publisher was down; -1 until the check is done. */
    public int published() {
        return published;
    }

    private void run() {
        try {
            awaitSettled();
            Set<String> kinds = Set.copyOf(listing.listedGroupKinds().get());
            Set<String> present = keys();
            while (!(bridge.ready() && bridge.status().buffered() == 0)) {
                Thread.sleep(200);
            }
            Map<String, Event.ClusterObjectChanged> last = bridge.lastChanges(cluster);
            // An object created while the stream was read is in the stream but not in the first look: look again.
            present.addAll(keys());
            int count = 0;
            int unwatched = 0;
            for (Event.ClusterObjectChanged change : last.values()) {
                if (change.change() == Event.ClusterObjectChanged.Change.DELETED || present.contains(change.object().key())) {
                    continue;
                }
                String kind = change.object().gvk().groupKind();
                if (!kinds.contains(kind) && listing.mayServe().test(kind)) {
                    unwatched++; // its kind is not watched (yet): nobody can tell it is gone
                    continue;
                }
                // Listed and absent, or of a kind the cluster no longer serves (its CRD went while we were down).
                bus.publish(new Event.ClusterObjectChanged(cluster, Event.ClusterObjectChanged.Change.DELETED,
                        change.object(), bus.clock().instant()));
                count++;
            }
            published = count;
            LOG.info("NATS: {} object(s) of cluster {} in the stream from {}, {} live, {} deletion(s) published for objects"
                    + " gone meanwhile", last.size(), cluster, bridge.settings().publisherId(), present.size(), count);
            if (unwatched > 0) {
                LOG.info("NATS: {} object(s) of cluster {} in the stream are of kinds not watched now; left as they are",
                        unwatched, cluster);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("NATS: could not compare the stream with cluster {}: {}", cluster, e.toString());
        }
    }

    /**
     * Waits for the informers to settle: for ever while none has listed (the cluster may not answer yet), then at most
     * {@link #SETTLE_WAIT} (a CRD whose kind is never served would keep them from settling); what has not listed by
     * then is left alone.
     */
    private void awaitSettled() throws InterruptedException {
        long since = 0;
        while (!listing.settled().getAsBoolean()) {
            if (!listing.listedGroupKinds().get().isEmpty()) {
                if (since == 0) {
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > SETTLE_WAIT.toNanos()) {
                    LOG.warn("NATS: the watch of cluster {} did not settle within {} s; checking the kinds listed so far",
                            cluster, SETTLE_WAIT.toSeconds());
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    private Set<String> keys() {
        return live.get().stream().map(ClusterObject::key).collect(Collectors.toCollection(java.util.HashSet::new));
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}

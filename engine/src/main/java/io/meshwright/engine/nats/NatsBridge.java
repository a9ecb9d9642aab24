package io.meshwright.engine.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.events.EventBus;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.event.Event;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's (or an agent's) link to NATS JetStream. Subscribes to the event bus and publishes every event to its
 * subject through a bounded {@link Outbox} (a deploy never waits for NATS), creates the stream, answers snapshot
 * requests and, when following, feeds other publishers' clusters into the bus. One thread owns the connection: it
 * connects (retrying forever with backoff, also when NATS is down at start), sets up the stream on every
 * (re)connection, and sends the backlog in order. A lost connection is replaced by a new one, retried forever with
 * the same backoff (250 ms doubling to 4 s); the follower and the snapshot responder move to the new one.
 */
public final class NatsBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsBridge.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(4);
    private static final long ACK_TIMEOUT_MILLIS = 5_000;

    private final NatsSettings settings;
    private final Outbox outbox;
    private final JetStreamSender sender;
    private final ClusterFollower follower;
    private final SnapshotResponder responder;
    private final AutoCloseable subscription;
    private final EventCodec codec;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread worker;
    private final ConnectSecurity security;
    private final EventBus bus;
    private volatile MissedDeletions missedDeletions;
    private volatile Throwable reported;
    private volatile String serverError;
    private volatile String problem;
    private volatile boolean running = true;
    private volatile boolean streamReady;
    private volatile Connection connection;
    private boolean everConnected;

    private NatsBridge(NatsSettings settings, EventBus bus, SnapshotSource snapshots, UnaryOperator<ClusterObject> classify,
            Optional<String> ownCluster, Clock clock) {
        this.settings = settings;
        this.security = ConnectSecurity.prepare(settings.security());
        this.bus = bus;
        this.outbox = new Outbox(settings.bufferCapacity());
        this.sender = new JetStreamSender(settings.stream(), settings.publisherId(), ACK_TIMEOUT_MILLIS);
        this.codec = new EventCodec();
        RemoteEvents remote = new RemoteEvents();
        this.follower = new ClusterFollower(settings, bus, codec, remote, classify, ownCluster);
        this.responder = new SnapshotResponder(snapshots, new ObjectMapper());
        EventRouting routing = new EventRouting(codec, settings.publisherId(), clock.millis());
        this.subscription = bus.subscribe(event -> !remote.isRemote(event), event -> routing.route(event).ifPresent(outbox::add));
        this.worker = Thread.ofVirtual().name("nats-" + settings.stream()).unstarted(this::run);
    }

    /**
     * Starts publishing {@code bus}'s events to NATS and answering snapshot requests from {@code snapshots}; returns
     * at once, whether NATS answers or not.
     */
    public static NatsBridge start(NatsSettings settings, EventBus bus, SnapshotSource snapshots, Clock clock) {
        return start(settings, bus, snapshots, UnaryOperator.identity(), Optional.empty(), clock);
    }

    /**
     * The same, with each object followed from other publishers passed through {@code classify} before it goes on the
     * bus (the engine's {@link RegistryStates}: its own registry decides the state), and changes to {@code ownCluster}
     * (the cluster this process watches itself) never followed: another publisher under the same name is a different
     * cluster, which must not be mixed into this one's objects.
     */
    public static NatsBridge start(NatsSettings settings, EventBus bus, SnapshotSource snapshots,
            UnaryOperator<ClusterObject> classify, Optional<String> ownCluster, Clock clock) {
        if (settings.publisherId().isEmpty()) {
            throw new IllegalArgumentException("NATS settings without a publisher id; assign one with withPublisher");
        }
        NatsBridge bridge = new NatsBridge(settings, bus, snapshots, classify, ownCluster, clock);
        bridge.worker.start();
        return bridge;
    }

    public NatsSettings settings() {
        return settings;
    }

    /** Connected or not, buffered, dropped, published, reconnects, received. */
    public NatsStatus status() {
        Connection current = connection;
        return new NatsStatus(settings.shownUrl(), current != null && current.getStatus() == Connection.Status.CONNECTED,
                outbox.size(), outbox.dropped(), published.get(), reconnects.get(), follower.received(), problem);
    }

    /**
     * The last change the stream holds for each object of {@code cluster} (see {@link ClusterHistory}); needs the
     * connection up and the stream set up ({@link #ready()}).
     */
    public Map<String, Event.ClusterObjectChanged> lastChanges(String cluster) throws Exception {
        Connection current = connection;
        if (current == null || !ready()) {
            throw new IllegalStateException("NATS at " + settings.shownUrl() + " is not connected");
        }
        return ClusterHistory.lastChanges(current, settings.stream(), cluster, settings.publisherId(), codec);
    }

    /**
     * Publishes, once {@code listed} says the watch of {@code cluster} (the one this process watches) has settled, for
     * the kinds it has listed a deletion for each object this publisher's stream messages still show but {@code live} no longer has
     * ({@link MissedDeletions}); stopped with the bridge.
     */
    public synchronized MissedDeletions publishMissedDeletions(String cluster, MissedDeletions.Listing listed,
            Supplier<Collection<ClusterObject>> live) {
        if (missedDeletions != null) {
            throw new IllegalStateException("missed deletions are already being published");
        }
        missedDeletions = MissedDeletions.start(this, bus, cluster, listed, live);
        return missedDeletions;
    }

    /** Connected, with the stream set up: what is published now goes out at once. */
    public boolean ready() {
        return streamReady && status().connected();
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                Connection current = connection;
                if (current == null) {
                    connection = connect();
                    streamReady = false;
                    if (everConnected) {
                        reconnects.incrementAndGet();
                        LOG.info("reconnected to NATS at {}; {} message(s) to publish", settings.shownUrl(), outbox.size());
                    } else {
                        LOG.info("connected to NATS at {}", settings.shownUrl());
                    }
                    everConnected = true;
                    continue;
                }
                if (current.getStatus() == Connection.Status.CLOSED) {
                    // Lost: a new connection, not jnats' reconnect, so that nothing the old one still had queued
                    // reaches the server after the backlog (a restarted server refused the first of those and stored
                    // the later ones, out of order).
                    connection = null;
                    failures++;
                    pause(backoff(failures));
                    continue;
                }
                if (current.getStatus() != Connection.Status.CONNECTED) {
                    Thread.sleep(100);
                    continue;
                }
                if (!streamReady) {
                    StreamSetup.ensure(current, settings);
                    sender.restart();
                    streamReady = true;
                    responder.start(current);
                    if (settings.follow()) {
                        follower.start(current);
                    }
                }
                if (outbox.peek(200) != null) {
                    JetStream jetStream = current.jetStream(JetStreamOptions.builder()
                            .publishNoAck(false).requestTimeout(Duration.ofMillis(ACK_TIMEOUT_MILLIS)).build());
                    published.addAndGet(sender.sendWindow(jetStream, outbox));
                }
                failures = 0;
                problem = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 20 == 0) {
                    String why = problem != null ? problem : "NATS at " + settings.shownUrl() + ": " + e;
                    LOG.warn("{} ({} message(s) waiting; retrying)", why, outbox.size());
                }
                // The stream may be gone (a server restarted without its store): set it up again before sending.
                streamReady = false;
                if (!pause(backoff(failures))) {
                    return;
                }
            }
        }
    }

    /**
     * One attempt; a failure is described (which side, what to change) for the log and {@code /health}, and thrown on
     * so that the loop retries.
     */
    private Connection connect() throws IOException, InterruptedException {
        reported = null;
        serverError = null;
        try {
            Connection connected = Nats.connect(options());
            problem = null;
            return connected;
        } catch (IOException e) {
            problem = ConnectProblem.describe(e, reported, serverError, settings.security(), settings.url());
            throw new IOException(problem);
        }
    }

    private Options options() {
        return security.apply(Options.builder())
                .server(settings.url())
                .connectionName("meshwright-" + settings.publisherId())
                // The outbox is the only buffer and this thread reconnects (see run): the bound on memory is ours,
                // and what goes out after an outage goes out in order.
                .maxReconnects(0)
                .reconnectBufferSize(0)
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(this::connectionEvent)
                .errorListener(new io.nats.client.ErrorListener() {
                    @Override
                    public void errorOccurred(Connection connection, String error) {
                        serverError = error;
                    }

                    @Override
                    public void exceptionOccurred(Connection connection, Exception exception) {
                        reported = exception;
                    }
                })
                .build();
    }

    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> LOG.warn("lost NATS at {}; buffering up to {} message(s)", settings.shownUrl(),
                    settings.bufferCapacity());
            default -> { }
        }
    }

    /** 250 ms, doubling, at most 4 s. */
    static Duration backoff(long attempt) {
        long shift = Math.min(Math.max(attempt, 1) - 1, 10);
        Duration wait = FIRST_RETRY.multipliedBy(1L << shift);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops publishing: what JetStream has not acknowledged within a moment is lost with the process. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribing from the bus: {}", e.toString());
        }
        MissedDeletions check = missedDeletions;
        if (check != null) {
            check.close();
        }
        flush(Duration.ofSeconds(2));
        running = false;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
        responder.close();
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to {@code wait} for the outbox to empty (only when connected). */
    public boolean flush(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (outbox.size() > 0 && System.nanoTime() < deadline && status().connected()) {
            if (!pause(Duration.ofMillis(20))) {
                break;
            }
        }
        return outbox.size() == 0;
    }
}

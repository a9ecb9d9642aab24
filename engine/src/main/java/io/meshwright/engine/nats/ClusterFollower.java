package io.meshwright.engine.nats;

import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.meshwright.spi.sync.ClusterObject;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the clusters other processes (sync agents, other engines) publish: a durable consumer on every
 * {@code meshwright.sync.<cluster>.<group>.<version>.<kind>} subject, so after a restart or an outage it goes on
 * where it stopped. Each change is decoded back into its {@link Event.ClusterObjectChanged} and published on the
 * local bus (server-sent events, the object index), marked remote so it is not published again; the process's own
 * messages (header {@code Meshwright-Publisher}) are skipped, so nothing is applied twice, and so is any change to
 * the process's own cluster, whoever published it (its own watch is the only truth about that cluster). A message whose
 * acknowledgement was lost comes again after newer ones: per object, only a change later in the stream than the
 * last one applied goes on the bus (one sequence number per live object followed is kept, and per deleted one for a
 * few ack waits; see {@link AppliedSequences}).
 */
final class ClusterFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFollower.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final NatsSettings settings;
    private final EventBus bus;
    private final EventCodec codec;
    private final RemoteEvents remote;
    private final UnaryOperator<ClusterObject> classify;
    /** The cluster this process watches itself: whoever else publishes under that name is not followed into it. */
    private final Optional<String> ownCluster;
    private final AtomicLong received = new AtomicLong();
    /** Per object, the stream sequence of the last change applied: a redelivered older change must not win. */
    private final AppliedSequences applied = new AppliedSequences(ACK_WAIT.multipliedBy(4));
    private DurablePull consumer;
    private Connection connection;

    ClusterFollower(NatsSettings settings, EventBus bus, EventCodec codec, RemoteEvents remote,
            UnaryOperator<ClusterObject> classify, Optional<String> ownCluster) {
        this.classify = classify;
        this.ownCluster = ownCluster;
        this.settings = settings;
        this.bus = bus;
        this.codec = codec;
        this.remote = remote;
    }

    /** Starts reading the durable consumer (created, or found where the last run left it) on {@code connection}. */
    synchronized void start(Connection connection) {
        if (consumer != null && connection == this.connection) {
            return;
        }
        if (consumer != null) {
            consumer.close(); // its connection is gone; the durable consumer goes on from the new one
        }
        this.connection = connection;
        ConsumerConfiguration configuration = ConsumerConfiguration.builder()
                .durable(settings.consumer())
                .filterSubject(Subjects.SYNC_OBJECTS)
                .deliverPolicy(DeliverPolicy.All)
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(ACK_WAIT)
                .build();
        consumer = DurablePull.start(connection, settings.stream(), configuration, this::handle);
    }

    private void handle(Message message) {
        String publisher = message.getHeaders() == null ? null : message.getHeaders().getFirst(JetStreamSender.PUBLISHER_HEADER);
        if (!settings.publisherId().equals(publisher)) {
            try {
                Event.ClusterObjectChanged published = codec.decodeObjectChange(message.getData());
                if (ownCluster.isPresent() && ownCluster.get().equals(published.object().cluster())) {
                    message.ack();
                    return;
                }
                Event.ClusterObjectChanged change = new Event.ClusterObjectChanged(published.subject(), published.change(),
                        classify.apply(published.object()), published.at());
                long sequence = message.metaData().streamSequence();
                boolean later;
                synchronized (applied) {
                    later = applied.apply(change.object().key(), sequence,
                            change.change() == Event.ClusterObjectChanged.Change.DELETED, System.nanoTime());
                }
                if (later) {
                    remote.publishing(change, () -> bus.publish(change));
                    received.incrementAndGet();
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("skipped a message on {} that is not an object change: {}", message.getSubject(), e.getMessage());
            }
        }
        message.ack();
    }

    long received() {
        return received.get();
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}

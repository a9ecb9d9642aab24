package io.meshwright.engine.nats;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a durable JetStream consumer in a loop of short fetches, on a thread of its own, and hands each message to
 * a handler, which acknowledges it. Each fetch is a new pull request, so after a lost connection or a server
 * restart the next fetch simply goes on where the consumer's acknowledgements stopped (jnats' long-running
 * {@code consume()} did not resume after nats-server 2.9 was killed and restarted). A message whose acknowledgement
 * was lost comes again after the ack wait: consumers keep their view keyed by object, so a repeat changes nothing.
 */
public final class DurablePull implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurablePull.class);
    /** Messages asked for per fetch: a replay of 10,000 takes a handful of round trips. */
    static final int BATCH = 1_000;
    private static final long EXPIRES_MILLIS = 1_000;

    private final Connection connection;
    private final String stream;
    private final ConsumerConfiguration configuration;
    private final Consumer<Message> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private DurablePull(Connection connection, String stream, ConsumerConfiguration configuration, Consumer<Message> handler,
            String name) {
        this.connection = connection;
        this.stream = stream;
        this.configuration = configuration;
        this.handler = handler;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    /**
     * Creates (or updates) the durable consumer {@code configuration} on {@code stream} and starts handing its messages
     * to {@code handler}, in order; the handler must acknowledge each.
     */
    public static DurablePull start(Connection connection, String stream, ConsumerConfiguration configuration,
            Consumer<Message> handler) {
        DurablePull pull = new DurablePull(connection, stream, configuration, handler, "nats-pull-" + configuration.getDurable());
        pull.thread.start();
        return pull;
    }

    private void run() {
        ConsumerContext context = null;
        int failures = 0;
        while (running) {
            try {
                if (connection.getStatus() != Connection.Status.CONNECTED) {
                    Thread.sleep(100);
                    continue;
                }
                if (context == null) {
                    context = connection.getStreamContext(stream).createOrUpdateConsumer(configuration);
                }
                try (FetchConsumer fetch = context.fetch(FetchConsumeOptions.builder().maxMessages(BATCH)
                        .expiresIn(EXPIRES_MILLIS).build())) {
                    Message message;
                    while (running && (message = fetch.nextMessage()) != null) {
                        handler.accept(message);
                    }
                }
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warn("reading the NATS consumer {} on {}: {} (retrying)", configuration.getDurable(), stream, e.toString());
                }
                // The server may have come back without the consumer (or the stream): look it up again.
                context = null;
                try {
                    Thread.sleep(NatsBridge.backoff(failures));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

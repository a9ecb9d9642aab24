package io.meshwright.engine.nats;

import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox's head to JetStream in windows: up to {@link #WINDOW} messages in flight, each removed from
 * the outbox only once acknowledged, in order. A failure stops the window at the first unacknowledged message, which
 * is sent again later; a message JetStream had stored after all is dropped as a duplicate by its {@code Nats-Msg-Id}.
 *
 * <p>The window starts at one message and doubles with each window fully acknowledged, and goes back to one after a
 * failure (as TCP's slow start does). A server that has just restarted answers "no responders" until its stream is
 * loaded: with a wide window the first messages failed and later ones were stored, so the stream held them out of
 * order (seen in {@code NatsBridgeTest}); one message at a time until one is stored keeps the stream in publish order.
 */
final class JetStreamSender {

    /** Messages in flight at once: enough to hide the round trip, few enough to re-send cheaply. */
    static final int WINDOW = 256;
    static final String PUBLISHER_HEADER = "Meshwright-Publisher";

    private final String stream;
    private final String publisherId;
    private final long ackTimeoutMillis;

    JetStreamSender(String stream, String publisherId, long ackTimeoutMillis) {
        this.stream = stream;
        this.publisherId = publisherId;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    private int width = 1;

    /** Back to one message in flight: after a (re)connection, before anything is known of the server's stream. */
    void restart() {
        width = 1;
    }

    /** Sends up to one window from {@code outbox}; returns how many were acknowledged (and removed). */
    int sendWindow(JetStream jetStream, Outbox outbox) throws Exception {
        try {
            int acknowledged = send(jetStream, outbox, outbox.head(width));
            width = acknowledged == width ? Math.min(width * 2, WINDOW) : 1;
            return acknowledged;
        } catch (Exception e) {
            width = 1;
            throw e;
        }
    }

    private int send(JetStream jetStream, Outbox outbox, List<Outgoing> window) throws Exception {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(window.size());
        for (Outgoing outgoing : window) {
            acks.add(jetStream.publishAsync(message(outgoing),
                    PublishOptions.builder().messageId(outgoing.msgId()).expectedStream(stream).build()));
        }
        int acknowledged = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (acknowledged == 0) {
                    throw e instanceof ExecutionException && e.getCause() instanceof Exception cause ? cause : e;
                }
                return acknowledged;
            }
            outbox.remove(window.get(i));
            acknowledged++;
        }
        return acknowledged;
    }

    private Message message(Outgoing outgoing) {
        Headers headers = new Headers().add(PUBLISHER_HEADER, publisherId);
        return NatsMessage.builder().subject(outgoing.subject()).headers(headers).data(outgoing.body()).build();
    }
}

package io.meshwright.engine.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consumer as an outside process would write one: its own connection (reconnecting forever), a durable pull
 * consumer, explicit acks. Keeps each message once by its stream sequence (JetStream delivers at least once: a
 * message whose ack was lost with the server comes again), in delivery order.
 */
final class DurableReader implements AutoCloseable {

    record Received(long sequence, String subject, String msgId, String publisher, String body) {}

    private final Connection connection;
    private final DurablePull consumer;
    private final List<Received> received = new ArrayList<>();
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private int redelivered;

    DurableReader(String url, String stream, String durable, String filter) throws Exception {
        connection = Nats.connect(Options.builder().server(url).maxReconnects(-1).reconnectWait(Duration.ofMillis(200))
                .errorListener(new io.nats.client.ErrorListener() {}).build());
        consumer = DurablePull.start(connection, stream, ConsumerConfiguration.builder()
                .durable(durable).filterSubject(filter).deliverPolicy(DeliverPolicy.All).ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(5)).build(), message -> {
            long sequence = message.metaData().streamSequence();
            synchronized (received) {
                if (seen.add(sequence)) {
                    var headers = message.getHeaders();
                    received.add(new Received(sequence, message.getSubject(),
                            headers == null ? null : headers.getFirst("Nats-Msg-Id"),
                            headers == null ? null : headers.getFirst(JetStreamSender.PUBLISHER_HEADER),
                            new String(message.getData(), StandardCharsets.UTF_8)));
                } else {
                    redelivered++;
                }
            }
            message.ack();
        });
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int redelivered() {
        synchronized (received) {
            return redelivered;
        }
    }

    @Override
    public void close() throws Exception {
        consumer.close();
        connection.close();
    }
}

package io.meshwright.engine.nats;

import io.meshwright.spi.event.Event;
import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last change the stream holds for each object of one cluster, read with an ordered (ephemeral) consumer from
 * the stream's start: what consumers believe about the cluster now. A restarted agent compares it with what its
 * watch lists and publishes a deletion for each object that went while it was away, which no informer reports.
 */
final class ClusterHistory {

    private ClusterHistory() {}

    /**
     * Key ({@link io.meshwright.spi.sync.ClusterObject#key()}) → the last change of each object of {@code cluster}
     * that {@code publisher} itself published: another process publishing under the same cluster name must not make
     * this one publish deletions for objects its cluster never had.
     */
    static Map<String, Event.ClusterObjectChanged> lastChanges(Connection connection, String stream, String cluster,
            String publisher, EventCodec codec) throws Exception {
        String filter = "meshwright.sync." + Subjects.token(cluster) + ".*.*.*";
        OrderedConsumerContext ordered = connection.getStreamContext(stream).createOrderedConsumer(
                new OrderedConsumerConfiguration().filterSubject(filter).deliverPolicy(DeliverPolicy.All));
        Map<String, Event.ClusterObjectChanged> last = new LinkedHashMap<>();
        boolean more = true;
        while (more) {
            more = false;
            try (FetchConsumer fetch = ordered.fetch(FetchConsumeOptions.builder().maxMessages(DurablePull.BATCH)
                    .expiresIn(1_000).build())) {
                Message message;
                while ((message = fetch.nextMessage()) != null) {
                    more = message.metaData().pendingCount() > 0;
                    String from = message.getHeaders() == null ? null
                            : message.getHeaders().getFirst(JetStreamSender.PUBLISHER_HEADER);
                    if (!publisher.equals(from)) {
                        continue;
                    }
                    Event.ClusterObjectChanged change = codec.decodeObjectChange(message.getData());
                    if (change.object().cluster().equals(cluster)) {
                        last.put(change.object().key(), change);
                    }
                }
            }
        }
        return last;
    }
}

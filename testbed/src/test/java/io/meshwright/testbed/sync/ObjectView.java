package io.meshwright.testbed.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.nats.DurablePull;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an outside consumer of {@code meshwright.sync.>} keeps: a durable consumer (its own connection), each message
 * once by stream sequence, the view keyed by object ({@code namespace/name} → last change), and every change
 * received, to count repeats.
 */
final class ObjectView implements AutoCloseable {

    record Change(String change, String namespace, String name, String uid, String resourceVersion, String origin,
            String deployment, String state) {}

    private final ObjectMapper json = new ObjectMapper();
    private final Connection connection;
    private final DurablePull pull;
    private final Map<String, Change> view = new TreeMap<>();
    private final List<Change> received = new ArrayList<>();
    private final Set<Long> sequences = new HashSet<>();

    ObjectView(String url, String stream, String durable, String filter) throws Exception {
        this(Options.builder().server(url), stream, durable, filter);
    }

    /** The same over {@code options} (a server with TLS or credentials). */
    ObjectView(Options.Builder options, String stream, String durable, String filter) throws Exception {
        connection = Nats.connect(options.maxReconnects(-1).errorListener(new io.nats.client.ErrorListener() {}).build());
        pull = DurablePull.start(connection, stream, ConsumerConfiguration.builder().durable(durable).filterSubject(filter)
                .deliverPolicy(DeliverPolicy.All).ackPolicy(AckPolicy.Explicit).build(), message -> {
                    accept(message.metaData().streamSequence(), message.getData());
                    message.ack();
                });
    }

    private synchronized void accept(long sequence, byte[] body) {
        if (!sequences.add(sequence)) {
            return;
        }
        try {
            JsonNode event = json.readTree(body);
            JsonNode object = event.path("object");
            Change change = new Change(event.path("change").asText(), object.path("namespace").asText(),
                    object.path("name").asText(), object.path("uid").asText(), object.path("resourceVersion").asText(),
                    object.path("origin").asText(), object.path("deploymentId").asText(null), object.path("state").asText());
            received.add(change);
            String key = change.namespace() + "/" + change.name();
            if (change.change().equals("DELETED")) {
                view.remove(key);
            } else {
                view.put(key, change);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The view of one namespace: name → last change. */
    synchronized Map<String, Change> in(String namespace) {
        Map<String, Change> objects = new TreeMap<>();
        view.values().stream().filter(c -> c.namespace().equals(namespace)).forEach(c -> objects.put(c.name(), c));
        return objects;
    }

    /** Every change received about {@code namespace}, in order. */
    synchronized List<Change> received(String namespace) {
        return received.stream().filter(c -> c.namespace().equals(namespace)).toList();
    }

    @Override
    public void close() throws Exception {
        pull.close();
        connection.close();
    }
}

package io.meshwright.engine.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwright.spi.sync.ClusterObject;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code meshwright.sync.<cluster>.snapshot} (core NATS request/reply) with the cluster's current objects:
 * {@code {"cluster", "total", "offset", "objects": [...], "next"}}, sorted by key, as many as fit in the server's
 * largest message; {@code next} is the offset to ask for next ({@code {"offset": n}} as the request body), or
 * {@code null} on the last page. The cluster is matched in its subject-token form (see {@link Subjects}).
 */
final class SnapshotResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotResponder.class);
    /** Room for the envelope around the objects. */
    private static final int ENVELOPE = 512;

    private final SnapshotSource source;
    private final ObjectMapper mapper;
    private Dispatcher dispatcher;
    private volatile Connection connection;

    SnapshotResponder(SnapshotSource source, ObjectMapper mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /** Subscribes on {@code connection} (again, when it is a new one). */
    synchronized void start(Connection connection) {
        if (dispatcher != null && connection == this.connection) {
            return;
        }
        close();
        this.connection = connection;
        dispatcher = connection.createDispatcher(this::answer);
        dispatcher.subscribe(Subjects.SNAPSHOTS);
    }

    private void answer(Message request) {
        if (request.getReplyTo() == null) {
            return;
        }
        try {
            connection.publish(request.getReplyTo(), page(Subjects.snapshotCluster(request.getSubject()), offset(request),
                    connection.getServerInfo().getMaxPayload()));
        } catch (RuntimeException | IOException e) {
            LOG.warn("answering a snapshot request on {} failed: {}", request.getSubject(), e.toString());
        }
    }

    private int offset(Message request) throws IOException {
        byte[] data = request.getData();
        if (data == null || data.length == 0) {
            return 0;
        }
        return Math.max(0, mapper.readTree(data).path("offset").asInt(0));
    }

    /** One page of the cluster's objects, within {@code maxPayload} bytes. */
    byte[] page(String clusterToken, int offset, long maxPayload) throws IOException {
        List<ClusterObject> objects = source.objects().stream()
                .filter(o -> Subjects.token(o.cluster()).equals(clusterToken))
                .sorted(Comparator.comparing(ClusterObject::key))
                .toList();
        ObjectNode page = mapper.createObjectNode();
        page.put("cluster", clusterToken);
        page.put("total", objects.size());
        page.put("offset", offset);
        ArrayNode items = page.putArray("objects");
        long size = ENVELOPE;
        int next = offset;
        while (next < objects.size()) {
            JsonNode item = mapper.valueToTree(objects.get(next));
            long itemSize = mapper.writeValueAsBytes(item).length + 1;
            if (size + itemSize > maxPayload && next > offset) {
                break;
            }
            items.add(item);
            size += itemSize;
            next++;
        }
        if (next < objects.size()) {
            page.put("next", next);
        } else {
            page.putNull("next");
        }
        return mapper.writeValueAsBytes(page);
    }

    @Override
    public synchronized void close() {
        if (dispatcher != null && connection != null && connection.getStatus() != Connection.Status.CLOSED) {
            try {
                connection.closeDispatcher(dispatcher);
            } catch (RuntimeException e) {
                LOG.debug("closing the snapshot subscription: {}", e.toString());
            }
        }
        dispatcher = null;
    }
}

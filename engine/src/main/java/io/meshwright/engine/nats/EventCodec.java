package io.meshwright.engine.nats;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshwright.engine.events.EventJson;
import io.meshwright.spi.event.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Events to NATS message bodies and back: the body is the JSON every transport carries ({@link EventJson}); an
 * object change read from NATS becomes the same {@link Event.ClusterObjectChanged} record the watcher made.
 */
public final class EventCodec {

    private final EventJson json = new EventJson();
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The event's JSON, UTF-8. */
    public byte[] encode(Event event) {
        return json.text(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The object change in {@code body}; a body that is not one is an {@link IllegalArgumentException} naming why. */
    public Event.ClusterObjectChanged decodeObjectChange(byte[] body) {
        try {
            var tree = mapper.readTree(body);
            if (tree == null || !"cluster.object".equals(tree.path("type").asText())) {
                throw new IllegalArgumentException("expected an event of type cluster.object, but was "
                        + (tree == null ? "nothing" : "'" + tree.path("type").asText() + "'"));
            }
            return mapper.treeToValue(tree, Event.ClusterObjectChanged.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a cluster.object event: " + e.getMessage(), e);
        }
    }

    /**
     * The JetStream message id of an object change: {@code cluster/uid/resourceVersion}, and {@code /DELETED} for a
     * deletion. ADDED and MODIFIED of one resource version are one state of the object (an agent restarted re-lists
     * what it had seen as ADDED), so they share an id and JetStream stores that state once.
     */
    static String msgId(Event.ClusterObjectChanged change) {
        var object = change.object();
        String identity = object.uid() == null || object.uid().isEmpty() ? object.key() : object.uid();
        return object.cluster() + "/" + identity + "/" + (object.resourceVersion() == null ? "" : object.resourceVersion())
                + (change.change() == Event.ClusterObjectChanged.Change.DELETED ? "/DELETED" : "");
    }
}

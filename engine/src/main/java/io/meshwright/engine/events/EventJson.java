package io.meshwright.engine.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as the JSON object every transport carries (server-sent events, gRPC, NATS): {@code type},
 * {@code subject}, {@code at}, {@code severity} and {@code message} first, then the record's own fields, objects
 * as {@code {apiVersion, kind, namespace, name}}. Consumers read the fields; {@code message} is for people.
 */
public final class EventJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The event's fields as a JSON-ready map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap(Event event) {
        Map<String, Object> fields = mapper.convertValue(event, LinkedHashMap.class);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", event.type());
        json.put("subject", event.subject() == null ? "" : event.subject());
        json.put("at", event.at().toString());
        json.put("severity", event.severity().name());
        json.put("message", event.message());
        fields.forEach(json::putIfAbsent);
        if (fields.containsKey("ref")) {
            json.put("ref", ref(refOf(event)));
        }
        return json;
    }

    /** The event as JSON text. */
    public String text(Event event) {
        try {
            return mapper.writeValueAsString(toMap(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event must always serialise: " + e.getMessage(), e);
        }
    }

    private static ResourceRef refOf(Event event) {
        return switch (event) {
            case Event.ObjectApplied e -> e.ref();
            case Event.ObjectDeleted e -> e.ref();
            case Event.ObjectKept e -> e.ref();
            case Event.ObjectLeftOver e -> e.ref();
            case Event.PartFailed e -> e.ref();
            default -> null;
        };
    }

    private static Map<String, Object> ref(ResourceRef ref) {
        if (ref == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apiVersion", ref.gvk().apiVersion());
        json.put("kind", ref.gvk().kind());
        json.put("namespace", ref.namespace());
        json.put("name", ref.name());
        return json;
    }
}

package io.meshwright.spi.event;

import io.meshwright.spi.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened: a lifecycle transition, an object applied, a model generated, a problem found.
 * Events flow through one bus and are published over HTTP server-sent events, gRPC streams and (when
 * configured) NATS.
 *
 * @param type       a dotted type such as {@code deployment.state}, {@code object.applied}, {@code model.generated}
 * @param subject    what it concerns: a deployment id, an operation id, a source reference
 * @param severity   how serious it is
 * @param message    a sentence for a person
 * @param attributes further machine-readable details
 * @param at         when it happened
 */
public record Event(
        String type,
        String subject,
        Severity severity,
        String message,
        Map<String, String> attributes,
        Instant at) {

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        severity = severity == null ? Severity.INFO : severity;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

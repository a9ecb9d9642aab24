package io.meshwright.spi.event;

import io.meshwright.spi.Problem;
import io.meshwright.spi.Severity;
import java.time.Clock;
import java.util.Map;

/**
 * Where plugins and engine parts report progress and problems. Implementations are thread-safe and never
 * throw: an event that cannot be delivered is dropped for that subscriber only.
 */
public interface EventSink {

    /** Publishes one event. */
    void publish(Event event);

    /** The clock events are stamped with. */
    Clock clock();

    /** Publishes an informational {@link Event.Note} of {@code type} about {@code subject}. */
    default void info(String type, String subject, String message) {
        publish(new Event.Note(type, subject, Severity.INFO, message, Map.of(), clock().instant()));
    }

    /** Publishes a problem about {@code subject} as an event ({@link Event.ProblemFound}). */
    default void problem(String subject, Problem problem) {
        publish(new Event.ProblemFound(subject, problem, clock().instant()));
    }
}

package io.meshwright.engine.sources;

import java.time.Duration;
import java.time.Instant;

/**
 * A stored generation schedule: the source is generated every {@code every}, at {@code nextRunAt} next.
 *
 * @param id          a small number, unique in this engine's store
 * @param ref         the source ref's canonical text
 * @param every       the interval
 * @param createdAt   when it was created (or its interval last set)
 * @param lastRunAt   when it last ran; {@code null} before its first run
 * @param lastOutcome {@code generated}, {@code unchanged} or {@code failed}; {@code null} before its first run
 * @param lastMessage what the last run said (its summary, or why it failed)
 * @param nextRunAt   when it runs next
 */
public record Schedule(long id, String ref, Duration every, Instant createdAt, Instant lastRunAt, String lastOutcome,
        String lastMessage, Instant nextRunAt) {

    /** The outcome of a run as stored with the schedule. */
    record Outcome(String outcome, String message) {

        static Outcome of(GenerationRun run) {
            return switch (run) {
                case GenerationRun.Generated generated -> new Outcome("generated", generated.summary());
                case GenerationRun.Unchanged unchanged -> new Outcome("unchanged", unchanged.summary());
            };
        }

        static Outcome failed(RuntimeException e) {
            return new Outcome("failed", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}

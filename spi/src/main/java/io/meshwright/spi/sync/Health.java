package io.meshwright.spi.sync;

import java.util.Objects;

/**
 * An object's health and why: from its status (the same per-kind readiness rules a deploy waits on) and, where a
 * Prometheus connection is configured, from queries about it.
 *
 * @param status what is known
 * @param reason one sentence for a person (e.g. {@code "2/3 replicas ready"}, {@code "prometheus unreachable"})
 * @param source where the verdict comes from: {@code status}, {@code prometheus}, or {@code none}
 */
public record Health(Status status, String reason, String source) {

    /** Health verdicts. {@link #UNKNOWN} is not {@link #UNHEALTHY}: it means nobody could tell. */
    public enum Status { HEALTHY, PROGRESSING, UNHEALTHY, UNKNOWN }

    public Health {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        source = source == null ? "none" : source;
    }

    /** Nothing could tell; {@code reason} says why. */
    public static Health unknown(String reason) {
        return new Health(Status.UNKNOWN, reason, "none");
    }
}

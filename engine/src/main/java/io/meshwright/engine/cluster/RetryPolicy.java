package io.meshwright.engine.cluster;

import java.time.Duration;

/**
 * How calls that {@link TransientFailures} allows are sent again: waits from {@code backoff} (a 429's
 * Retry-After wins), at most {@code maxThrottled} times for 429, and never past {@code deadline} after the first
 * attempt, so a cluster that stays away fails the call rather than hanging it.
 */
record RetryPolicy(Backoff backoff, int maxThrottled, Duration deadline) {

    /** 200 ms doubling up to 5 s, 8 retries after 429, 90 s overall: an API server restart takes 5–60 s. */
    static final RetryPolicy DEFAULT = new RetryPolicy(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)), 8,
            Duration.ofSeconds(90));
}

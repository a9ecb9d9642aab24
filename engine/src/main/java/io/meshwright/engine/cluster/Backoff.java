package io.meshwright.engine.cluster;

import java.time.Duration;

/**
 * Exponential back-off between {@code initial} and {@code max}: attempt 0 waits {@code initial}, each later
 * attempt doubles, never beyond {@code max}.
 */
record Backoff(Duration initial, Duration max) {

    Duration delay(int attempt) {
        long millis = initial.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}

package io.meshwright.engine.cluster;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many calls to the API server were sent again, by cause ({@code throttled}, {@code server-error},
 * {@code no-answer}), since the engine started: what a restart of the API server or API Priority and Fairness
 * cost, observable in tests and metrics.
 */
public final class ApiRetries {

    private final Map<TransientFailures.Cause, LongAdder> counts = new EnumMap<>(TransientFailures.Cause.class);

    public ApiRetries() {
        for (TransientFailures.Cause cause : TransientFailures.Cause.values()) {
            counts.put(cause, new LongAdder());
        }
    }

    void count(TransientFailures.Cause cause) {
        counts.get(cause).increment();
    }

    /** Retries so far, all causes together. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Retries so far by cause. */
    public Map<String, Long> byCause() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counts.forEach((cause, count) -> snapshot.put(cause.label(), count.sum()));
        return snapshot;
    }
}

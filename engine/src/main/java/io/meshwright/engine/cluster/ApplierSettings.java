package io.meshwright.engine.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KubeClusterApplier} talks to the cluster.
 *
 * @param fieldManager      the server-side apply field manager
 * @param defaultNamespace  the namespace for namespaced objects that name none
 * @param maxRetries        how many times a request answered 429 (Too Many Requests) is retried
 * @param throttleBackoff   first wait before a retry (doubles per retry; a 429's Retry-After wins)
 * @param maxThrottleBackoff longest wait before a retry
 * @param pollInitial       first interval when polling for readiness or deletion (doubles per poll)
 * @param pollMax           longest polling interval
 * @param concurrency       default number of objects applied or deleted at once by the bulk helpers
 * @param retryDeadline     how long one call to the API server is retried after 5xx or no answer (an API server
 *                          restarting) before it fails
 * @param engineId          the engine's own id (kept in its data directory), stamped on every object it applies or
 *                          marks so that another engine's orphan scan can tell the object is not its own;
 *                          {@code null} stamps nothing
 */
public record ApplierSettings(
        String fieldManager,
        String defaultNamespace,
        int maxRetries,
        Duration throttleBackoff,
        Duration maxThrottleBackoff,
        Duration pollInitial,
        Duration pollMax,
        int concurrency,
        Duration retryDeadline,
        String engineId) {

    public ApplierSettings {
        Objects.requireNonNull(fieldManager, "fieldManager");
        defaultNamespace = defaultNamespace == null || defaultNamespace.isEmpty() ? "default" : defaultNamespace;
        if (maxRetries < 0 || concurrency < 1) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and concurrency >= 1");
        }
        retryDeadline = retryDeadline == null ? RetryPolicy.DEFAULT.deadline() : retryDeadline;
        engineId = engineId == null || engineId.isBlank() ? null : engineId;
    }

    /** Field manager {@code meshwright}, namespace {@code default}, 8 retries after 429, 90 s of retries after 5xx or no answer, 16 objects at once. */
    public static ApplierSettings defaults() {
        return new ApplierSettings("meshwright", "default", 8, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofSeconds(1), 16, RetryPolicy.DEFAULT.deadline(), null);
    }

    public ApplierSettings withDefaultNamespace(String namespace) {
        return new ApplierSettings(fieldManager, namespace, maxRetries, throttleBackoff, maxThrottleBackoff,
                pollInitial, pollMax, concurrency, retryDeadline, engineId);
    }


    public ApplierSettings withRetryDeadline(Duration deadline) {
        return new ApplierSettings(fieldManager, defaultNamespace, maxRetries, throttleBackoff, maxThrottleBackoff,
                pollInitial, pollMax, concurrency, deadline, engineId);
    }

    /** These settings stamping {@code id} as the engine's on what it applies. */
    public ApplierSettings withEngineId(String id) {
        return new ApplierSettings(fieldManager, defaultNamespace, maxRetries, throttleBackoff, maxThrottleBackoff,
                pollInitial, pollMax, concurrency, retryDeadline, id);
    }

    /** Retries after 429 (bounded by {@code maxRetries}), 5xx and no answer (bounded by {@code retryDeadline}). */
    RetryPolicy retries() {
        return new RetryPolicy(new Backoff(throttleBackoff, maxThrottleBackoff), maxRetries, retryDeadline);
    }

    Backoff polling() {
        return new Backoff(pollInitial, pollMax);
    }
}

package io.meshwright.engine.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KubeClusterApplier} talks to the cluster.
 *
 * @param fieldManager      the server-side apply field manager
 * @param defaultNamespace  the namespace for namespaced objects that name none
 * @param maxRetries        how many times a request answered 429 (Too Many Requests) is retried
 * @param throttleBackoff   first wait after a 429 without Retry-After (doubles per retry)
 * @param maxThrottleBackoff longest wait after a 429
 * @param pollInitial       first interval when polling for readiness or deletion (doubles per poll)
 * @param pollMax           longest polling interval
 * @param concurrency       default number of objects applied or deleted at once by the bulk helpers
 * @param adoptExisting     take over objects that exist without any deployment's label (brownfield); without it,
 *                          applying such an object fails and says how to adopt it
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
        boolean adoptExisting) {

    public ApplierSettings {
        Objects.requireNonNull(fieldManager, "fieldManager");
        defaultNamespace = defaultNamespace == null || defaultNamespace.isEmpty() ? "default" : defaultNamespace;
        if (maxRetries < 0 || concurrency < 1) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and concurrency >= 1");
        }
    }

    /** Field manager {@code meshwright}, namespace {@code default}, 8 retries, 16 objects at once. */
    public static ApplierSettings defaults() {
        return new ApplierSettings("meshwright", "default", 8, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofSeconds(1), 16, false);
    }

    public ApplierSettings withDefaultNamespace(String namespace) {
        return new ApplierSettings(fieldManager, namespace, maxRetries, throttleBackoff, maxThrottleBackoff,
                pollInitial, pollMax, concurrency, adoptExisting);
    }

    public ApplierSettings withAdoptExisting(boolean adopt) {
        return new ApplierSettings(fieldManager, defaultNamespace, maxRetries, throttleBackoff, maxThrottleBackoff,
                pollInitial, pollMax, concurrency, adopt);
    }

    Backoff throttle() {
        return new Backoff(throttleBackoff, maxThrottleBackoff);
    }

    Backoff polling() {
        return new Backoff(pollInitial, pollMax);
    }
}

package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Builds the fabric8 client the engine drives a cluster with. fabric8 allows 5 concurrent requests per host by
 * default, which serialises a level of hundreds of independent objects (measured: apply of 1,000 objects took
 * twice kubectl's time); the engine bounds its own concurrency per level instead.
 */
public final class KubeClients {

    /** Concurrent requests to one API server; above the engine's per-level concurrency plus reads and watches. */
    public static final int MAX_REQUESTS_PER_HOST = 64;

    private KubeClients() {}

    public static KubernetesClient create(Config config) {
        Config tuned = new ConfigBuilder(config)
                .withMaxConcurrentRequests(Math.max(config.getMaxConcurrentRequests(), MAX_REQUESTS_PER_HOST * 2))
                .withMaxConcurrentRequestsPerHost(MAX_REQUESTS_PER_HOST)
                .build();
        return new KubernetesClientBuilder().withConfig(tuned).build();
    }
}

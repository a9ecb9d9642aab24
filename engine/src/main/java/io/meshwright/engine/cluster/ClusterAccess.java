package io.meshwright.engine.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** Builds the REST access the cluster classes share from a fabric8 client, with the default back-off. */
final class ClusterAccess {

    private ClusterAccess() {}

    static KubeApi api(KubernetesClient client) {
        return api(client, 8, Backoff429.DEFAULT);
    }

    static KubeApi api(KubernetesClient client, int maxRetries, Backoff backoff) {
        return new KubeApi(client, new ObjectMapper(), backoff, maxRetries, Pause.SLEEP);
    }

    /** The default back-off after a 429 without Retry-After: 200 ms doubling up to 5 s. */
    static final class Backoff429 {
        static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

        private Backoff429() {}
    }
}

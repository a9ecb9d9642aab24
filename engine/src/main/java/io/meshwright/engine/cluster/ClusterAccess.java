package io.meshwright.engine.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Builds the REST access the cluster classes share from a fabric8 client. */
final class ClusterAccess {

    private ClusterAccess() {}

    /** With the default {@link RetryPolicy} and a retry count of its own. */
    static KubeApi api(KubernetesClient client) {
        return api(client, RetryPolicy.DEFAULT, Clock.systemUTC(), new ApiRetries());
    }

    static KubeApi api(KubernetesClient client, RetryPolicy policy, Clock clock, ApiRetries retries) {
        return new KubeApi(client, new ObjectMapper(), policy, Pause.SLEEP, clock, retries);
    }
}

package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP status handling, for which the fabric8 mock in expectation mode is exact (no SSA semantics
 * involved).
 */
@EnableKubernetesMockClient
class KubeApiThrottleTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final List<Duration> pauses = new ArrayList<>();
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void tooManyRequestsIsRetriedAfterTheServersRetryAfter() {
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/one")
                .andReturn(429, "{\"kind\":\"Status\",\"reason\":\"TooManyRequests\"}").withHeader("Retry-After", "3").once();
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/one")
                .andReturn(200, "{\"kind\":\"ConfigMap\"}").once();

        ApiResponse response = api(5).get("/api/v1/namespaces/a/configmaps/one");

        assertThat(response.code()).isEqualTo(200);
        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOffExponentiallyAndGivesUpAfterTheBound() {
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/two").andReturn(429, "{}").times(4);

        ApiResponse response = api(3).get("/api/v1/namespaces/a/configmaps/two");

        assertThat(response.code()).isEqualTo(429);
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void aServerErrorIsReturnedAtOnceNotRetried() {
        server.expect().patch().withPath("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x")
                .andReturn(500, "{\"kind\":\"Status\",\"message\":\"field not declared in schema\"}").once();
        server.expect().patch().withPath("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x")
                .andReturn(200, "{}").once();

        ApiResponse response = api(3).send("PATCH", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x",
                KubeApi.APPLY_PATCH, "{}");

        assertThat(response.code()).isEqualTo(500);
        assertThat(pauses).isEmpty();
    }

    private KubeApi api(int maxRetries) {
        return new KubeApi(client, new ObjectMapper(), backoff, maxRetries, pauses::add);
    }
}

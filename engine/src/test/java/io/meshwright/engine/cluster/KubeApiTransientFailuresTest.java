package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which failures are sent again (5xx and no answer for idempotent calls; a create only when it was never sent),
 * which are answers (a discovery 503, a create's 5xx, a 500 refusing the request itself), and the overall
 * deadline. A real HTTP server on loopback (the fabric8 mock in expectation mode) and a closed port.
 */
@EnableKubernetesMockClient
class KubeApiTransientFailuresTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final List<Duration> pauses = new ArrayList<>();
    private final SteppingClock clock = new SteppingClock();
    private final ApiRetries retries = new ApiRetries();

    @Test
    void aReadAnsweredWithServerErrorsIsSentAgainUntilItSucceedsAndTheRetriesAreCounted() {
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/flaky").andReturn(503, "{}").once();
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/flaky").andReturn(502, "{}").once();
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/flaky").andReturn(500, "{\"kind\":\"Status\","
                + "\"message\":\"etcdserver: request timed out\"}").once();
        server.expect().get().withPath("/api/v1/namespaces/a/configmaps/flaky").andReturn(200, "{\"kind\":\"ConfigMap\"}").once();

        ApiResponse response = api(client).get("/api/v1/namespaces/a/configmaps/flaky");

        assertThat(response.code()).isEqualTo(200);
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(retries.byCause()).containsEntry("server-error", 3L);
    }

    @Test
    void aServerSideApplyAnsweredWithAGatewayErrorIsSentAgain() {
        server.expect().patch().withPath("/api/v1/namespaces/a/configmaps/applied").andReturn(504, "{}").once();
        server.expect().patch().withPath("/api/v1/namespaces/a/configmaps/applied").andReturn(200, "{}").once();

        ApiResponse response = api(client).send("PATCH", "/api/v1/namespaces/a/configmaps/applied",
                KubeApi.APPLY_PATCH, "{}");

        assertThat(response.code()).isEqualTo(200);
        assertThat(retries.total()).isEqualTo(1);
    }

    @Test
    void aDiscoveryDocumentAnswered503IsTheAnswerAnAggregatedApiThatIsDownGives() {
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1").andReturn(503, "{}").once();

        ApiResponse response = api(client).discover("/apis/metrics.k8s.io/v1beta1");

        assertThat(response.code()).isEqualTo(503);
        assertThat(pauses).isEmpty();
        assertThat(retries.total()).isZero();
    }

    @Test
    void aCreateAnsweredWithAServerErrorIsNotSentAgainSinceItMayHaveBeenApplied() {
        server.expect().post().withPath("/api/v1/namespaces/a/configmaps").andReturn(503, "{}").once();
        server.expect().post().withPath("/api/v1/namespaces/a/configmaps").andReturn(201, "{}").once();

        ApiResponse response = api(client).send("POST", "/api/v1/namespaces/a/configmaps", KubeApi.JSON, "{}");

        assertThat(response.code()).isEqualTo(503);
        assertThat(retries.total()).isZero();
    }

    @Test
    void aReadWithNoServerListeningIsRetriedUntilTheDeadlineThenFailsSayingWhy() throws IOException {
        try (KubernetesClient nobody = clientOf(closedPort())) {
            KubeApi api = api(nobody);

            assertThatThrownBy(() -> api.get("/api/v1/namespaces"))
                    .isInstanceOf(KubeApiException.class)
                    .hasMessageContaining("GET /api/v1/namespaces failed");

            assertThat(retries.byCause().get("no-answer")).isPositive();
            assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void aCreateRefusedBeforeItWasSentIsSentAgain() throws IOException {
        try (KubernetesClient nobody = clientOf(closedPort())) {
            KubeApi api = api(nobody);

            assertThatThrownBy(() -> api.send("POST", "/api/v1/namespaces", KubeApi.JSON, "{}"))
                    .isInstanceOf(KubeApiException.class);

            assertThat(retries.byCause().get("no-answer")).as("connection refused: nothing was sent").isPositive();
        }
    }

    private KubeApi api(KubernetesClient target) {
        return new KubeApi(target, new ObjectMapper(), new RetryPolicy(new Backoff(Duration.ofMillis(200),
                Duration.ofSeconds(5)), 3, Duration.ofSeconds(30)), duration -> {
                    pauses.add(duration);
                    clock.advance(duration);
                }, clock, retries);
    }

    private static KubernetesClient clientOf(int port) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port)
                .withRequestTimeout(2_000).build()).build();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A clock that moves only when the back-off pauses. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

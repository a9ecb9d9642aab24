package io.meshwright.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.NatsServer;
import io.meshwright.testkit.RealCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine started with NATS settings, on the local control plane and a real nats-server: NATS being down
 * never stops a deploy, {@code /health} and {@code /metrics} say so, and the backlog reaches a durable consumer once
 * NATS is back.
 */
@RealCluster
class EngineOverNatsTest {

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theEngineDeploysWhileNatsIsDownSaysSoAndPublishesTheBacklogWhenItReturns(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("nats-down");
        String design = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: one, namespace: NS}
                data: {a: "1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: two, namespace: NS}
                data: {b: "2"}
                """.replace("NS", namespace);
        try (NatsServer nats = NatsServer.start(folder.resolve("nats"))) {
            nats.stop();
            EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, folder.resolve("data"), Optional.empty(),
                    Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1))
                    .withSync(new EngineConfig.SyncSettings(false, "local"));
            try (Engine engine = Engine.start(config, Clock.systemUTC(), Optional.of(NatsSettings.of(nats.url(), "")))) {
                JsonNode deployed = json.readTree(send(engine, HttpRequest.newBuilder(uri(engine, "/api/deployments?name=nats-down"))
                        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(design))).body());
                String id = deployed.path("id").asText();
                assertThat(deployed.path("state").asText()).as(deployed.toString()).isEqualTo("DEPLOYED");
                assertThat(cluster.client().configMaps().inNamespace(namespace).withName("two").get()).isNotNull();

                JsonNode down = json.readTree(send(engine, HttpRequest.newBuilder(uri(engine, "/health")).GET()).body()).path("nats");
                assertThat(down.path("connected").asBoolean()).as(down.toString()).isFalse();
                assertThat(down.path("buffered").asLong()).isPositive();
                assertThat(down.path("dropped").asLong()).isZero();
                assertThat(send(engine, HttpRequest.newBuilder(uri(engine, "/metrics")).GET()).body())
                        .contains("meshwright_nats_connected 0").contains("meshwright_nats_buffered ");

                nats.restart();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode up = json.readTree(send(engine, HttpRequest.newBuilder(uri(engine, "/health")).GET()).body()).path("nats");
                    assertThat(up.path("connected").asBoolean()).as(up.toString()).isTrue();
                    assertThat(up.path("buffered").asLong()).isZero();
                });
                try (DurableReader reader = new DurableReader(nats.url(), NatsSettings.DEFAULT_STREAM, "lifecycle",
                        Subjects.deployment(id))) {
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reader.received())
                            .extracting(r -> json.readTree(r.body()).path("to").asText()).contains("APPLYING", "DEPLOYED"));
                    assertThat(reader.received()).extracting(r -> json.readTree(r.body()).path("subject").asText()).containsOnly(id);
                }
                assertThat(send(engine, HttpRequest.newBuilder(uri(engine, "/metrics")).GET()).body())
                        .contains("meshwright_nats_connected 1").contains("meshwright_nats_reconnects_total");
            }
        }
    }

    private static URI uri(Engine engine, String path) {
        return URI.create(engine.httpUrl() + path);
    }

    private HttpResponse<String> send(Engine engine, HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + engine.token()).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

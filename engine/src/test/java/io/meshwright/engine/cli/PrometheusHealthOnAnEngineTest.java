package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.connections.PrometheusClient;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.engine.sync.Sync;
import io.meshwright.engine.sync.health.LocalPrometheus;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus health as a user gets it: a real engine on the local control plane, a deployed Deployment, a real
 * Prometheus scraping a loopback target with its pods' restart counter, added with {@code connection add}; the sync's
 * objects show the Deployment UNHEALTHY from Prometheus, and once Prometheus is killed no longer (UNKNOWN from
 * Prometheus never makes an object unhealthy: its status health stands).
 */
@RealCluster
class PrometheusHealthOnAnEngineTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void restartsSeenByPrometheusMakeTheDeployedDeploymentUnhealthyAndPrometheusDownDoesNot(ClusterHandle cluster)
            throws Exception {
        String namespace = cluster.createNamespace("health");
        Path design = dir.resolve("web.yaml");
        Files.writeString(design, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: NS}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: nginx:1.25}]
                """.replace("NS", namespace));
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dir.resolve("data"), Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1))
                // Prometheus is on loopback, which connections reach only under --allow-private-urls.
                .withListener(new EngineConfig.ListenerSettings(64L << 20, 16 << 20, true, Optional.empty(),
                        Optional.empty()));
        try (LocalPrometheus.MetricsTarget target = new LocalPrometheus.MetricsTarget();
             LocalPrometheus prometheus = LocalPrometheus.start(Files.createDirectories(dir.resolve("prom")),
                     target.hostPort());
             Engine engine = Engine.start(config, Clock.systemUTC())) {
            target.set(restarts(namespace, 0));
            PrometheusClient direct = new PrometheusClient(prometheus.url(), Duration.ofSeconds(5),
                    new io.meshwright.engine.fetch.UrlFetcher(io.meshwright.engine.fetch.UrlFetcher.Settings.defaults()
                            .withAllowPrivate(true)));
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            assertThat(CliTestSupport.run(env, home, "design", "apply", "--name", "web-" + namespace, "-f",
                    design.toString()).exitCode()).isZero();
            String id = json.readTree(CliTestSupport.run(env, home, "deployment", "list", "-o", "json").out())
                    .path("items").get(0).path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> engine.sync().status().state() == Sync.State.WATCHING && engine.sync().status().synced());

            // A restart is an increase: Prometheus must have scraped the counter at 0 before it moves to 3.
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> direct.query(
                    "kube_pod_container_status_restarts_total == 0").size() == 1);
            target.set(restarts(namespace, 3));
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> direct.query(
                    "increase(kube_pod_container_status_restarts_total[5m]) > 0").size() == 1);
            CliTestSupport.Run added = CliTestSupport.run(env, home, "connection", "add", "prometheus", prometheus.url());
            assertThat(added.exitCode()).as(added.err()).isZero();

            // Refreshed at once on add; the next refresh 30 s later at the latest.
            Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonNode web = deployment(env, id);
                assertThat(web.path("health").path("status").asText()).as(web.toString()).isEqualTo("UNHEALTHY");
                assertThat(web.path("health").path("source").asText()).isEqualTo("prometheus");
                assertThat(web.path("health").path("reason").asText()).contains("container restart(s)");
            });
            assertThat(engine.sync().index().health(id).status().name()).isEqualTo("UNHEALTHY");

            prometheus.kill();
            // The next refresh (every 30 s) finds Prometheus gone: its UNKNOWN leaves the status' verdict standing.
            Awaitility.await().atMost(Duration.ofSeconds(75)).untilAsserted(() -> {
                JsonNode web = deployment(env, id);
                assertThat(web.path("health").path("status").asText()).as(web.toString()).isNotEqualTo("UNHEALTHY");
                assertThat(web.path("health").path("source").asText()).isEqualTo("status");
            });
        }
    }

    private JsonNode deployment(Map<String, String> env, String id) throws Exception {
        JsonNode objects = json.readTree(CliTestSupport.run(env, home, "cluster", "objects", "--deployment", id,
                "-o", "json").out());
        for (JsonNode object : objects.path("items")) {
            if (object.path("gvk").path("kind").asText().equals("Deployment")) {
                return object;
            }
        }
        throw new AssertionError("no Deployment among " + objects);
    }

    private static String restarts(String namespace, int count) {
        return """
                # TYPE kube_pod_container_status_restarts_total counter
                kube_pod_container_status_restarts_total{namespace="NS",pod="web-5d9c7b8f4-abcde",container="web"} COUNT
                """.replace("NS", namespace).replace("COUNT", String.valueOf(count));
    }
}

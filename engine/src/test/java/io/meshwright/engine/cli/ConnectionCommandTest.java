package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.sync.health.LocalPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwright connection add|list|remove} against a real engine and a real Prometheus on loopback. */
class ConnectionCommandTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    /** {@code serve --allow-private-urls}: Prometheus is on loopback here. */
    private static final EngineConfig.ListenerSettings PRIVATE_ALLOWED = new EngineConfig.ListenerSettings(64L << 20,
            16 << 20, true, java.util.Optional.empty(), java.util.Optional.empty());

    @Test
    void anEngineWithoutAllowPrivateUrlsRefusesALoopbackPrometheusAndAnyEngineRefusesCloudMetadata() throws Exception {
        try (LocalPrometheus.MetricsTarget target = new LocalPrometheus.MetricsTarget();
             LocalPrometheus prometheus = LocalPrometheus.start(Files.createDirectories(dir.resolve("prom")), target.hostPort());
             Engine engine = Engine.start(EngineConfig.defaults(dir.resolve("data")).withPorts(0, 0), Clock.systemUTC());
             Engine allowing = Engine.start(EngineConfig.defaults(dir.resolve("data2")).withPorts(0, 0)
                     .withListener(PRIVATE_ALLOWED), Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            CliTestSupport.Run loopback = CliTestSupport.run(env, home, "connection", "add", "prometheus", prometheus.url());
            assertThat(loopback.exitCode()).isNotZero();
            assertThat(loopback.err()).contains("not added").contains("127.0.0.1").contains("--allow-private-urls");

            Map<String, String> allowingEnv = Map.of("MESHWRIGHT_SERVER", allowing.httpUrl(), "MESHWRIGHT_TOKEN",
                    allowing.token());
            CliTestSupport.Run metadata = CliTestSupport.run(allowingEnv, home, "connection", "add", "prometheus",
                    "http://169.254.169.254");
            assertThat(metadata.exitCode()).isNotZero();
            assertThat(metadata.err()).contains("not added").contains("link-local");
            assertThat(new ObjectMapper().readTree(CliTestSupport.run(env, home, "connection", "list", "-o", "json").out())
                    .path("items")).isEmpty();
        }
    }

    @Test
    void aServerAnsweringANegativeChunkSizeIsRefusedOnAddAsNotAnsweringNotAsAnInternalError() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             Engine engine = Engine.start(EngineConfig.defaults(dir.resolve("data")).withPorts(0, 0)
                     .withListener(PRIVATE_ALLOWED), Clock.systemUTC())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket client = server.accept()) {
                        client.getInputStream().read(new byte[4096]);
                        client.getOutputStream().write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            CliTestSupport.Run refused = CliTestSupport.run(env, home, "connection", "add", "prometheus",
                    "http://127.0.0.1:" + server.getLocalPort());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("not added").contains("does not answer").contains("chunk size -1")
                    .doesNotContainIgnoringCase("internal");
        }
    }

    @Test
    void prometheusIsTestedOnAddListedWithoutCredentialsAndRemovedAndWhatIsNotPrometheusIsRefused() throws Exception {
        try (LocalPrometheus.MetricsTarget target = new LocalPrometheus.MetricsTarget();
             LocalPrometheus prometheus = LocalPrometheus.start(Files.createDirectories(dir.resolve("prom")), target.hostPort());
             Engine engine = Engine.start(EngineConfig.defaults(dir.resolve("data")).withPorts(0, 0)
                     .withListener(PRIVATE_ALLOWED), Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            // Prometheus without authentication ignores the credentials; they must still never be shown.
            String withCredentials = prometheus.url().replace("http://", "http://ops:s3cret@");

            CliTestSupport.Run added = CliTestSupport.run(env, home, "connection", "add", "prometheus", withCredentials,
                    "--name", "local");
            CliTestSupport.Run refused = CliTestSupport.run(env, home, "connection", "add", "prometheus",
                    "http://" + target.hostPort());
            CliTestSupport.Run duplicate = CliTestSupport.run(env, home, "connection", "add", "prometheus",
                    prometheus.url(), "--name", "local");
            CliTestSupport.Run list = CliTestSupport.run(env, home, "connection", "list", "-o", "json");

            assertThat(added.exitCode()).as(added.out() + added.err()).isZero();
            assertThat(added.out()).contains("added prometheus connection local (" + prometheus.url() + ", version 2.")
                    .doesNotContain("s3cret");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("not added").contains("does not look like Prometheus");
            assertThat(duplicate.exitCode()).isNotZero();
            assertThat(duplicate.err()).contains("a connection named local exists already");
            JsonNode items = new ObjectMapper().readTree(list.out()).path("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).path("url").asText()).isEqualTo(prometheus.url());
            assertThat(list.out()).doesNotContain("s3cret");
            Path log = engine.config().dataDir().resolve("logs/engine.log");
            assertThat(Files.exists(log) ? Files.readString(log) : "").doesNotContain("s3cret");

            CliTestSupport.Run removed = CliTestSupport.run(env, home, "connection", "remove", "local");
            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat(removed.out()).contains("removed prometheus connection local");
            assertThat(CliTestSupport.run(env, home, "connection", "remove", "local").err()).contains("no connection local");
            assertThat(new ObjectMapper().readTree(CliTestSupport.run(env, home, "connection", "list", "-o", "json").out())
                    .path("items")).isEmpty();
        }
    }
}

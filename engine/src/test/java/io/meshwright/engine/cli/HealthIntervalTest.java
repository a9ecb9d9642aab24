package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.engine.sync.health.HealthQueries;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --health-interval}: how often the sync asks Prometheus for health, shown in help and checked. */
@RealCluster
class HealthIntervalTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    @Test
    void serveHelpShowsTheHealthIntervalAndItsDefault() {
        CliTestSupport.Run help = CliTestSupport.run(Map.of(), home, "serve", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--health-interval=DURATION").contains("default: 30s");
    }

    @Test
    void anIntervalBelowOneSecondOrNotADurationIsRefusedNamingTheOption() {
        Map<String, String> env = Map.of("MESHWRIGHT_DATA_DIR", dir.resolve("data").toString());

        CliTestSupport.Run zero = CliTestSupport.run(env, home, "serve", "--health-interval", "0.5s");
        CliTestSupport.Run word = CliTestSupport.run(env, home, "serve", "--health-interval", "often");

        assertThat(zero.exitCode()).isNotZero();
        assertThat(zero.err()).contains("--health-interval").contains("expected 1s or more, but was 0.5s");
        assertThat(word.exitCode()).isNotZero();
        assertThat(word.err()).contains("--health-interval").contains("expected a duration such as 30s");
    }

    @Test
    void theEngineAsksPrometheusAtTheConfiguredInterval(ClusterHandle cluster) throws Exception {
        AtomicInteger queries = new AtomicInteger();
        HttpServer prometheus = fakePrometheus(queries);
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dir.resolve("data"), Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1))
                // The stand-in Prometheus is on loopback, which connections reach only under --allow-private-urls.
                .withListener(new EngineConfig.ListenerSettings(64L << 20, 16 << 20, true, Optional.empty(), Optional.empty()))
                .withSync(new EngineConfig.SyncSettings(true, "local", Duration.ofSeconds(1)));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            CliTestSupport.Run added = CliTestSupport.run(env, home, "connection", "add", "prometheus",
                    "http://127.0.0.1:" + prometheus.getAddress().getPort());
            assertThat(added.exitCode()).as(added.err()).isZero();
            int perRefresh = HealthQueries.defaults().queries().size();

            // Adding refreshes once; every further refresh is the interval's. At the default 30 s, a minute would
            // see at most two more; at 1 s, five come within seconds.
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> queries.get() >= 1 + perRefresh * 6);
        } finally {
            prometheus.stop(0);
        }
    }

    /** Answers build info and every query (with nothing), counting the queries; the {@code up} probe included. */
    private static HttpServer fakePrometheus(AtomicInteger queries) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/status/buildinfo", exchange -> answer(exchange,
                "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\"}}"));
        server.createContext("/api/v1/query", exchange -> {
            queries.incrementAndGet();
            answer(exchange, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        });
        server.start();
        return server;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

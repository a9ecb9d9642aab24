package io.meshwright.engine.sync.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.actions.ActionException;
import io.meshwright.engine.actions.ConnectionsAction;
import io.meshwright.engine.connections.ConnectionMigrations;
import io.meshwright.engine.connections.ConnectionStore;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health from a real Prometheus scraping a loopback target whose restart counter the test moves. */
class PrometheusHealthTest {

    /** The engine's address policy as {@code serve --allow-private-urls} sets it: Prometheus is on loopback here. */
    static final UrlFetcher PRIVATE_ALLOWED = new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true));

    @TempDir
    java.nio.file.Path dir;

    private LocalPrometheus.MetricsTarget target;
    private Database database;
    private ConnectionStore store;
    private ConnectionsAction connections;

    @BeforeEach
    void setUp() throws Exception {
        target = new LocalPrometheus.MetricsTarget();
        target.set(restarts(0));
        database = Database.open(dir.resolve("store.db"), ConnectionMigrations.all());
        store = new ConnectionStore(database);
        connections = new ConnectionsAction(Optional.of(store), Clock.systemUTC(), Duration.ofSeconds(5), () -> { },
                PRIVATE_ALLOWED);
    }

    @AfterEach
    void tearDown() {
        target.close();
        database.close();
    }

    @Test
    void restartsMakeAPodAndItsDeploymentUnhealthyAndPrometheusDownIsUnknownNotUnhealthy() throws Exception {
        try (LocalPrometheus prometheus = LocalPrometheus.start(dir, target.hostPort());
             PrometheusHealth health = new PrometheusHealth(store::list, HealthQueries.defaults(), Duration.ofSeconds(3),
                     Clock.systemUTC(), PRIVATE_ALLOWED)) {
            connections.add(new ConnectionsAction.Add("prometheus", prometheus.url(), Optional.of("local")));
            ClusterObject pod = object("Pod", "shop", "web-7d4b9c6f5-x2x9z");
            ClusterObject deployment = object("Deployment", "shop", "web");
            ClusterObject other = object("Deployment", "shop", "webhook");

            awaitHealth(health, pod, Health.Status.HEALTHY);
            assertThat(health.healthOf(deployment)).get().extracting(Health::status).isEqualTo(Health.Status.HEALTHY);
            assertThat(health.healthOf(object("ConfigMap", "shop", "web"))).isEmpty();

            target.set(restarts(3));
            awaitHealth(health, pod, Health.Status.UNHEALTHY);
            assertThat(health.healthOf(pod).orElseThrow().reason()).contains("restarts: ").contains("container restart(s)");
            assertThat(health.healthOf(pod).orElseThrow().source()).isEqualTo("prometheus");
            assertThat(health.healthOf(deployment)).get().extracting(Health::status).isEqualTo(Health.Status.UNHEALTHY);
            assertThat(health.healthOf(other)).isEmpty();

            prometheus.kill();
            health.refresh();
            Health down = health.healthOf(pod).orElseThrow();
            assertThat(down.status()).isEqualTo(Health.Status.UNKNOWN);
            assertThat(down.reason()).contains("does not answer");
        }
    }

    @Test
    void aUrlThatIsNotPrometheusOrDoesNotAnswerIsRefusedOnAddWithoutShowingCredentials() throws Exception {
        assertThatThrownBy(() -> connections.add(new ConnectionsAction.Add("prometheus", "http://" + target.hostPort(),
                Optional.empty())))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("not added").hasMessageContaining("does not look like Prometheus");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> connections.add(new ConnectionsAction.Add("prometheus",
                "http://admin:s3cret@127.0.0.1:" + closed, Optional.empty())))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("does not answer").hasMessageContaining("http://127.0.0.1:" + closed)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("admin"));
        assertThatThrownBy(() -> connections.add(new ConnectionsAction.Add("graphite", "http://" + target.hostPort(),
                Optional.empty()))).hasMessageContaining("type: expected prometheus");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void loopbackIsRefusedUnlessPrivateUrlsAreAllowedAndLinkLocalAlwaysOnAddAndOnEveryRefresh() throws Exception {
        UrlFetcher publicOnly = new UrlFetcher(UrlFetcher.Settings.defaults());
        ConnectionsAction strict = new ConnectionsAction(Optional.of(store), Clock.systemUTC(), Duration.ofSeconds(5),
                () -> { }, publicOnly);
        try (LocalPrometheus prometheus = LocalPrometheus.start(dir, target.hostPort())) {
            assertThatThrownBy(() -> strict.add(new ConnectionsAction.Add("prometheus",
                    prometheus.url().replace("http://", "http://ops:s3cret@"), Optional.empty())))
                    .isInstanceOf(ActionException.class)
                    .hasMessageContaining("not added").hasMessageContaining("resolves to 127.0.0.1")
                    .hasMessageContaining("--allow-private-urls")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
            // Cloud metadata is refused even where private addresses are allowed, before any connection is tried.
            assertThatThrownBy(() -> connections.add(new ConnectionsAction.Add("prometheus",
                    "http://169.254.169.254:80", Optional.empty())))
                    .isInstanceOf(ActionException.class).hasMessageContaining("link-local");
            assertThat(store.list()).isEmpty();

            // Stored while allowed, then refreshed by an engine that no longer allows it: refused, not called.
            connections.add(new ConnectionsAction.Add("prometheus", prometheus.url(), Optional.of("local")));
            try (PrometheusHealth health = new PrometheusHealth(store::list, HealthQueries.defaults(),
                    Duration.ofSeconds(3), Clock.systemUTC(), publicOnly)) {
                health.refresh();
                Health refused = health.healthOf(object("Pod", "shop", "web-7d4b9c6f5-x2x9z")).orElseThrow();
                assertThat(refused.status()).isEqualTo(Health.Status.UNKNOWN);
                assertThat(refused.reason()).contains("is refused").contains("127.0.0.1");
            }
        }
    }

    @Test
    void oneConnectionAnsweringNonsenseIsRefusedOnAddAndLeavesTheOthersVerdictsUpdating() throws Exception {
        // Answers like Prometheus, but a sample value that is not a number.
        com.sun.net.httpserver.HttpServer broken = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().endsWith("/query")
                    ? "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                            + "{\"namespace\":\"shop\",\"pod\":\"web-7d4b9c6f5-x2x9z\"},\"value\":[1,\"lots\"]}]}}"
                    : "{\"status\":\"success\",\"data\":{\"version\":\"2.45.0\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        broken.start();
        String brokenUrl = "http://127.0.0.1:" + broken.getAddress().getPort();
        try (LocalPrometheus prometheus = LocalPrometheus.start(dir, target.hostPort())) {
            assertThatThrownBy(() -> connections.add(new ConnectionsAction.Add("prometheus", brokenUrl, Optional.empty())))
                    .isInstanceOf(ActionException.class)
                    .hasMessageContaining("not added").hasMessageContaining("'lots'").hasMessageContaining("not a number");
            java.time.Instant now = java.time.Instant.now();
            var local = new io.meshwright.engine.connections.Connection(2, "prometheus", "local", prometheus.url(), now, "2.45.0");
            var list = new java.util.concurrent.atomic.AtomicReference<>(java.util.List.of(local));
            try (PrometheusHealth health = new PrometheusHealth(list::get, HealthQueries.defaults(), Duration.ofSeconds(3),
                    Clock.systemUTC(), PRIVATE_ALLOWED)) {
                awaitHealth(health, object("Pod", "shop", "web-7d4b9c6f5-x2x9z"), Health.Status.HEALTHY);
                // The broken one first: it used to end the refresh before the working one was asked.
                list.set(java.util.List.of(new io.meshwright.engine.connections.Connection(1, "prometheus", "broken",
                        brokenUrl, now, "2.45.0"), local));
                target.set(restarts(3));
                awaitHealth(health, object("Pod", "shop", "web-7d4b9c6f5-x2x9z"), Health.Status.UNHEALTHY);
                assertThat(health.healthOf(object("Pod", "shop", "db-0"))).get().satisfies(h -> assertThat(h.reason())
                        .contains("not a number"));
            }
        } finally {
            broken.stop(0);
        }
    }

    private static void awaitHealth(PrometheusHealth health, ClusterObject object, Health.Status status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            health.refresh();
            assertThat(health.healthOf(object)).as("health of %s", object.name()).get()
                    .extracting(Health::status).isEqualTo(status);
        });
    }

    private static ClusterObject object(String kind, String namespace, String name) {
        Gvk gvk = kind.equals("Deployment") ? new Gvk("apps", "v1", kind) : new Gvk("", "v1", kind);
        return new ClusterObject("local", gvk, namespace, name, "uid-" + name, "1", Map.of(), ObjectState.REGISTERED,
                Origin.GREENFIELD, "shop-1", null);
    }

    private static String restarts(int count) {
        return """
                # HELP kube_pod_container_status_restarts_total The number of container restarts per container.
                # TYPE kube_pod_container_status_restarts_total counter
                kube_pod_container_status_restarts_total{namespace="shop",pod="web-7d4b9c6f5-x2x9z",container="web"} COUNT
                kube_pod_container_status_restarts_total{namespace="shop",pod="db-0",container="db"} 0
                """.replace("COUNT", String.valueOf(count));
    }
}

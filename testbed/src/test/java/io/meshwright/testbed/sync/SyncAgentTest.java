package io.meshwright.testbed.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.nats.NatsSettings;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.NatsServer;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshwright sync} as a user runs it (the built distribution, a child JVM) against the local control plane and
 * a real nats-server: a durable consumer sees every object with its origin; the agent SIGKILLed, the cluster changed
 * meanwhile, the agent restarted: the consumer's view equals the cluster again (the deletion it could not watch
 * included) and no object state arrived twice. An engine started afterwards follows the agent's cluster from the
 * stream.
 */
@RealCluster
class SyncAgentTest {

    private static final int CONFIG_MAPS = 20;

    @TempDir
    Path folder;

    @Test
    void theAgentKilledAndRestartedResumesWithoutLosingOrDuplicatingStateAndTheEngineFollowsIt(ClusterHandle cluster)
            throws Exception {
        Path distribution = EngineProcess.distribution().orElse(null);
        Assumptions.assumeTrue(distribution != null, "no engine distribution: build it (mvn package) or set -Dmeshwright.distribution");
        String namespace = cluster.createNamespace("agent");
        for (int i = 0; i < CONFIG_MAPS; i++) {
            cluster.client().configMaps().inNamespace(namespace).resource(configMap(namespace, "cm-" + i, i % 2 == 0, "1")).create();
        }
        try (NatsServer nats = NatsServer.start(folder.resolve("nats"));
                ObjectView consumer = new ObjectView(nats.url(), NatsSettings.DEFAULT_STREAM, "outside",
                        "meshwright.sync.east.core.v1.ConfigMap")) {
            Process agent = agent(distribution, cluster.kubeconfig(), nats.url());
            try {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(consumer.in(namespace)).as(log()).isEqualTo(live(cluster, namespace, consumer)));
                assertThat(consumer.in(namespace).get("cm-0").origin()).isEqualTo("GREENFIELD");
                assertThat(consumer.in(namespace).get("cm-0").deployment()).isEqualTo("dep-agent");
                assertThat(consumer.in(namespace).get("cm-1").origin()).isEqualTo("BROWNFIELD");

                agent.destroyForcibly().waitFor();
                cluster.client().configMaps().inNamespace(namespace).withName("cm-0").delete();
                cluster.client().configMaps().inNamespace(namespace).resource(configMap(namespace, "cm-1", false, "2")).update();
                cluster.client().configMaps().inNamespace(namespace).resource(configMap(namespace, "cm-new", false, "1")).create();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        cluster.client().configMaps().inNamespace(namespace).withName("cm-0").get() == null);

                agent = agent(distribution, cluster.kubeconfig(), nats.url());
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                    Map<String, ObjectView.Change> view = consumer.in(namespace);
                    assertThat(view).as(log()).isEqualTo(live(cluster, namespace, consumer));
                    assertThat(view).doesNotContainKey("cm-0").containsKey("cm-new");
                });
                // No state twice: each (uid, resourceVersion) arrived once (the restart's re-list was deduplicated),
                // and the one deletion once.
                List<ObjectView.Change> received = consumer.received(namespace);
                Map<String, Long> perState = received.stream().collect(Collectors.groupingBy(
                        c -> c.uid() + "@" + c.resourceVersion() + (c.change().equals("DELETED") ? "/DELETED" : ""),
                        TreeMap::new, Collectors.counting()));
                assertThat(perState.values()).as(perState.toString()).containsOnly(1L);
                assertThat(received).filteredOn(c -> c.change().equals("DELETED")).extracting(ObjectView.Change::name)
                        .containsExactly("cm-0");
                assertThat(received).hasSize(CONFIG_MAPS + 3);
            } finally {
                agent.destroyForcibly().waitFor();
            }

            followedByAnEngine(distribution, cluster, namespace, nats);
        }
    }

    /**
     * An engine that never watched the cluster ({@code serve --nats URL --no-sync}, the built distribution) replays the
     * stream into its index: {@code /api/cluster/objects?cluster=east} lists the cluster's objects as they are, and
     * the engine published none of what it followed.
     */
    private void followedByAnEngine(Path distribution, ClusterHandle cluster, String namespace, NatsServer nats) throws Exception {
        Path dataDir = folder.resolve("engine");
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        try (EngineProcess engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of(),
                List.of("--nats", nats.url(), "--no-sync"))) {
            String token = Files.readString(dataDir.resolve("token")).strip();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                JsonNode page = json.readTree(http.send(HttpRequest.newBuilder(engine.base().resolve(
                        "/api/cluster/objects?cluster=east&kind=ConfigMap&namespace=" + namespace + "&limit=1000"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
                Map<String, String> followed = new TreeMap<>();
                page.path("items").forEach(o -> followed.put(o.path("name").asText(), o.path("resourceVersion").asText()));
                Map<String, String> live = new TreeMap<>();
                cluster.client().configMaps().inNamespace(namespace).list().getItems()
                        .forEach(c -> live.put(c.getMetadata().getName(), c.getMetadata().getResourceVersion()));
                assertThat(followed).as(page.toString()).isEqualTo(live);
            });
            JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(engine.base().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("nats");
            assertThat(health.path("connected").asBoolean()).as(health.toString()).isTrue();
            assertThat(health.path("received").asLong()).isGreaterThanOrEqualTo(CONFIG_MAPS + 3);
            assertThat(health.path("published").asLong()).as("the engine re-published nothing it followed").isZero();
        }
    }

    /** The cluster's ConfigMaps of {@code namespace} in the view's form. */
    private static Map<String, ObjectView.Change> live(ClusterHandle cluster, String namespace, ObjectView view) {
        Map<String, ObjectView.Change> seen = view.in(namespace);
        return cluster.client().configMaps().inNamespace(namespace).list().getItems().stream()
                .map(c -> {
                    ObjectView.Change known = seen.get(c.getMetadata().getName());
                    String deployment = c.getMetadata().getLabels() == null ? null : c.getMetadata().getLabels().get("meshwright.io/deployment");
                    return new ObjectView.Change(known == null ? "?" : known.change(), namespace, c.getMetadata().getName(),
                            c.getMetadata().getUid(), c.getMetadata().getResourceVersion(),
                            deployment == null ? "BROWNFIELD" : "GREENFIELD", deployment, "DISCOVERED");
                })
                .collect(Collectors.toMap(ObjectView.Change::name, Function.identity(), (a, b) -> b, TreeMap::new));
    }

    private static ConfigMap configMap(String namespace, String name, boolean deployed, String value) {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withData(Map.of("value", value));
        if (deployed) {
            builder.editMetadata().withLabels(Map.of("meshwright.io/deployment", "dep-agent")).endMetadata();
        }
        return builder.build();
    }

    private Process agent(Path distribution, Path kubeconfig, String natsUrl) throws IOException {
        return new ProcessBuilder(distribution.resolve("bin/meshwright").toString(), "sync", "--kubeconfig", kubeconfig.toString(),
                "--cluster", "east", "--nats", natsUrl)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("agent.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private String log() {
        try {
            Path log = folder.resolve("agent.log");
            return Files.exists(log) ? Files.readString(log) : "(no agent log)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}

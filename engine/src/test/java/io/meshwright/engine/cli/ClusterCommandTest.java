package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code meshwright cluster objects} and {@code cluster watch} against a real engine watching the local control plane. */
@RealCluster
class ClusterCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void objectsListsWhatTheSyncSeesAndWatchPrintsOneLinePerChange(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("cli-sync");
        cluster.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("seen")
                .endMetadata().build()).create();
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dir.resolve("data"), Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            await().atMost(PATIENCE).untilAsserted(() -> {
                CliTestSupport.Run table = CliTestSupport.run(env, dir, "cluster", "objects", "--namespace", namespace, "--kind", "ConfigMap");
                assertThat(table.exitCode()).as(table.err()).isZero();
                assertThat(table.out()).contains("KIND").contains("STATE").contains("ORIGIN").contains("HEALTH");
                assertThat(table.out().lines().filter(l -> l.contains(" seen ")).findFirst()).hasValueSatisfying(line ->
                        assertThat(line).contains("local").contains("ConfigMap").contains(namespace).contains("DISCOVERED")
                                .contains("BROWNFIELD").contains("HEALTHY"));
            });
            CliTestSupport.Run json = CliTestSupport.run(env, dir, "cluster", "objects", "-n", namespace, "--state", "discovered", "-o", "json");
            JsonNode answer = new ObjectMapper().readTree(json.out());
            assertThat(answer.path("total").asInt()).isEqualTo(answer.path("items").size()).isPositive();
            CliTestSupport.Run bad = CliTestSupport.run(env, dir, "cluster", "objects", "--state", "sleepy");
            assertThat(bad.exitCode()).isEqualTo(4);
            assertThat(bad.err()).contains("state").contains("sleepy");

            StringWriter watched = new StringWriter();
            Thread watch = Thread.ofVirtual().start(() -> {
                CommandLine commandLine = Cli.commandLine(new CliEnvironment(env, dir, Optional.empty()));
                commandLine.setOut(new PrintWriter(watched, true));
                commandLine.setErr(new PrintWriter(new StringWriter(), true));
                commandLine.execute("cluster", "watch", "--namespace", namespace);
            });
            try {
                // The stream opens asynchronously: touch the object until a change of it is seen.
                await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    cluster.client().configMaps().inNamespace(namespace).withName("seen")
                            .edit(cm -> new ConfigMapBuilder(cm).addToData("at", String.valueOf(System.nanoTime())).build());
                    return watched.toString().lines().anyMatch(l -> l.contains("MODIFIED") && l.contains(namespace + "/seen"));
                });
                String line = watched.toString().lines().filter(l -> l.contains(namespace + "/seen")).findFirst().orElseThrow();
                assertThat(line).contains("local").contains("ConfigMap").contains("DISCOVERED BROWNFIELD").contains("HEALTHY");
                assertThat(watched.toString()).doesNotContain("kube-system"); // the filter holds
            } finally {
                watch.interrupt();
            }
        }
    }

    @Test
    void modelGenerateFromDiscoveredTurnsACustomKindsObjectsRegistered(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("cli-discovered");
        String group = "c" + Long.toHexString(System.nanoTime()) + ".syncwatch.example.com";
        var client = cluster.client();
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dir.resolve("data"), Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        client.resource(io.meshwright.engine.sync.ClusterWatchTestFixtures.crd(group)).create();
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> client.genericKubernetesResources(group + "/v1", "Gizmo")
                    .inNamespace(namespace).resource(io.meshwright.engine.sync.ClusterWatchTestFixtures.gizmo(group, "g1")).create());
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(CliTestSupport.run(env, dir, "cluster", "objects", "-n", namespace,
                    "--kind", "Gizmo").out()).contains("g1").contains("DISCOVERED"));

            CliTestSupport.Run generated = CliTestSupport.run(env, dir, "model", "generate", "--from", "discovered");
            assertThat(generated.exitCode()).as(generated.out() + generated.err()).isZero();
            assertThat(generated.out()).contains(group);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(CliTestSupport.run(env, dir, "cluster", "objects", "-n", namespace,
                    "--kind", "Gizmo").out()).contains("g1").containsPattern("REGISTERED|CONNECTED").doesNotContain("DISCOVERED"));
        } finally {
            client.apiextensions().v1().customResourceDefinitions().withName("gizmos." + group).delete();
        }
    }
}

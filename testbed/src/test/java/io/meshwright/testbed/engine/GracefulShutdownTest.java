package io.meshwright.testbed.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real engine process (the built distribution) in the middle of a long deploy: while it drains, new
 * work gets 503; at the shutdown timeout the deployment is recorded as interrupted (not FAILED, not left to look
 * busy); the next start resumes it to DEPLOYED with every object tracked, and undeploy leaves nothing.
 */
@RealCluster
class GracefulShutdownTest {

    private static final int CONFIG_MAPS = 1500;

    @TempDir
    Path dataDir;

    @Test
    void sigtermDuringADeployDrainsRecordsItInterruptedAndTheNextStartResumesItToDeployed(ClusterHandle cluster) {
        Path distribution = EngineProcess.distribution().orElse(null);
        Assumptions.assumeTrue(distribution != null, "no engine distribution: build it (mvn package) or set "
                + "-Dmeshwright.distribution");
        String namespace = cluster.namespace("drained");
        String design = configMaps(namespace, CONFIG_MAPS);
        List<String> serve = List.of("--shutdown-timeout", "3s");
        String id;
        try (EngineProcess engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of(), serve)) {
            // One object at a time: the deploy is far from done when the stop comes.
            id = engine.deploy(design, "drained-" + namespace + ".yaml", true, Map.of("concurrency", "1"))
                    .path("id").asText();
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> engine.inventory(id).size() >= 50);

            engine.terminate();

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                EngineProcess.Answer answer = engine.tryDeploy(late(namespace), "late-" + namespace + ".yaml");
                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.body()).contains("stopping");
            });
            engine.awaitExit(Duration.ofMinutes(1));
        }

        try (EngineProcess engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of(), serve)) {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> finished(engine.deployment(id)));

            JsonNode record = engine.deployment(id);
            assertThat(record.path("state").asText()).as(record.path("cause").asText()).isEqualTo("DEPLOYED");
            List<String> history = texts(engine.history(id));
            assertThat(history).as("recorded as interrupted at the stop, then resumed at the start")
                    .anySatisfy(line -> assertThat(line).contains("APPLYING → APPLYING")
                            .contains("interrupted: the engine stopped during APPLYING"))
                    .anySatisfy(line -> assertThat(line).contains("resumed at start-up"))
                    .noneSatisfy(line -> assertThat(line).contains("did not deploy"));
            JsonNode inventory = engine.inventory(id);
            assertThat(inventory).hasSize(CONFIG_MAPS + 1).allSatisfy(entry -> {
                assertThat(entry.path("status").asText()).isEqualTo("CONFIRMED");
                assertThat(entry.path("uid").asText()).isNotBlank();
            });
            assertThat(cluster.client().configMaps().inNamespace(namespace)
                    .withLabel("meshwright.io/deployment", id).list().getItems())
                    .as("nothing labelled is untracked").hasSize(CONFIG_MAPS);

            JsonNode report = engine.undeploy(id);
            assertThat(report.path("summary").asText()).isEqualTo("0 left");
        }
    }

    /** Settled, and not the FAILED the resume passes through before it deploys again. */
    private static boolean finished(JsonNode record) {
        String state = record.path("state").asText();
        return state.equals("DEPLOYED")
                || state.equals("FAILED") && !record.path("cause").asText().contains("resumed at start-up");
    }

    private static List<String> texts(JsonNode items) {
        List<String> lines = new ArrayList<>();
        StreamSupport.stream(items.spliterator(), false).forEach(item -> lines.add(item.asText()));
        return lines;
    }

    private static String configMaps(String namespace, int count) {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n");
        for (int i = 0; i < count; i++) {
            text.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
                    .append(", namespace: ").append(namespace).append("}\ndata: {index: \"").append(i).append("\"}\n");
        }
        return text.toString();
    }

    /** A valid design that could not deploy anyway (its namespace does not exist), should it be accepted. */
    private static String late(String namespace) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late, namespace: " + namespace + "-absent}\n";
    }
}

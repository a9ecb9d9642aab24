package io.meshwright.plugins.helm.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine killed with SIGKILL after Helm installed a release but before the engine confirmed its objects
 * (the second write-before-confirmation: the first is the namespace the engine creates for the design): every
 * one of them is still the deployment's after a restart — the {@code crds/} CRD included, which Helm's uninstall
 * never removes — and undeploy leaves none of them, the namespace included.
 */
@RealCluster
class HelmCrashRecoveryTest {

    private static final String CRD = "gadgets.charts.meshwright.test";
    private static final String LABEL = "meshwright.io/deployment";

    @RegisterExtension
    static final TemporaryPluginZip HELM = new TemporaryPluginZip("helm-crash");

    @TempDir
    Path work;

    @Test
    void aKillBetweenHelmsInstallAndTheConfirmationLeavesNothingUntrackedAndUndeployRemovesTheCrdAndNamespace(
            ClusterHandle cluster) throws IOException {
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("%s exists before the test (left by an earlier run?): delete it first", CRD).isNull();
        String namespace = cluster.namespace("helmcrash");
        Path data = work.resolve("data");
        Path marker = work.resolve("crashed");
        String design = HelmDesigns.gadgets(namespace);
        String name = "helm-crash-" + UUID.randomUUID().toString().substring(0, 8) + ".yaml";
        String id;
        try (EngineProcess engine = start(cluster, data, List.of("-Dmeshwright.test.crashAt=after-write:2",
                "-Dmeshwright.test.crashMarker=" + marker))) {
            id = engine.deploy(design, name, true, Map.of()).path("id").asText();
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(marker));
            engine.kill();
        }
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("Helm installed the crds/ CRD before the kill").isNotNull();

        try (EngineProcess engine = start(cluster, data, List.of())) {
            // The resume marks the interrupted deploy FAILED, then deploys the stored design again.
            Awaitility.await("the resumed deploy").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> engine.state(id).orElse("").equals("DEPLOYED"));
            List<String> confirmed = new ArrayList<>();
            List<String> open = new ArrayList<>();
            for (JsonNode entry : engine.inventory(id)) {
                String key = entry.path("ref").path("gvk").path("kind").asText() + "/" + entry.path("ref").path("name").asText();
                (entry.path("status").asText().equals("CONFIRMED") ? confirmed : open).add(key);
            }
            assertThat(open).as("intents left open").isEmpty();
            assertThat(confirmed).contains("CustomResourceDefinition/" + CRD, "Namespace/" + namespace,
                    "ConfigMap/" + releaseOf(confirmed) + "-settings");
            assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get()
                    .getMetadata().getLabels()).as("the CRD carries the deployment's label").containsEntry(LABEL, id);
            assertThat(cluster.client().namespaces().withName(namespace).get().getMetadata().getLabels())
                    .as("the namespace carries the deployment's label").containsEntry(LABEL, id);

            JsonNode report = engine.undeploy(id);
            assertThat(report.path("deployment").path("state").asText()).as("undeploy: %s", report).isEqualTo("UNDEPLOYED");
        }
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("the crds/ CRD after undeploy").isNull();
        assertThat(cluster.client().namespaces().withName(namespace).get()).as("the namespace").isNull();
    }

    /** The release name, from the config map the chart names after it. */
    private static String releaseOf(List<String> confirmed) {
        return confirmed.stream().filter(k -> k.startsWith("ConfigMap/") && k.endsWith("-settings")).findFirst()
                .map(k -> k.substring("ConfigMap/".length(), k.length() - "-settings".length())).orElse("?");
    }

    private static EngineProcess start(ClusterHandle cluster, Path data, List<String> javaOptions) throws IOException {
        Path plugins = Files.createDirectories(data.resolve("plugins"));
        Files.copy(HELM.zip(), plugins.resolve("helm.zip"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return EngineProcess.start(EngineProcess.distribution().orElseThrow(
                () -> new IllegalStateException("no engine distribution: build it (mvn package)")), data,
                cluster.kubeconfig(), javaOptions);
    }
}

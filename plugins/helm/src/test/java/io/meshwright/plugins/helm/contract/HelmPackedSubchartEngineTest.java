package io.meshwright.plugins.helm.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.plugins.helm.Charts;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine deploys a chart whose dependency subchart is packed as a {@code .tgz} in {@code charts/}, with a
 * {@code crds/} CRD and a post-install hook Helm's uninstall leaves: both are this deployment's, and undeploy ends
 * with the engine's leftover scan reporting none, the CRD and the hook gone.
 */
@RealCluster
class HelmPackedSubchartEngineTest {

    private static final String CRD = "widgets.charts.meshwright.test";
    private static final String LABEL = "meshwright.io/deployment";

    @RegisterExtension
    static final TemporaryPluginZip HELM = new TemporaryPluginZip("helm-packed");

    @TempDir
    Path work;

    @Test
    void undeployOfAChartWithAPackedSubchartLeavesNeitherItsCrdNorItsHook(ClusterHandle cluster) throws IOException {
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("%s exists before the test (left by an earlier run?): delete it first", CRD).isNull();
        String namespace = cluster.namespace("helmpacked");
        Path chart = Charts.packed(work.resolve("chart"));
        Path data = work.resolve("data");
        Path plugins = Files.createDirectories(data.resolve("plugins"));
        Files.copy(HELM.zip(), plugins.resolve("helm.zip"));
        try (EngineProcess engine = EngineProcess.start(EngineProcess.distribution().orElseThrow(
                () -> new IllegalStateException("no engine distribution: build it (mvn package)")), data,
                cluster.kubeconfig(), List.of())) {
            String name = "helm-packed-" + UUID.randomUUID().toString().substring(0, 8) + ".yaml";
            String id = engine.deploy(HelmDesigns.packed(namespace, chart), name, true, Map.of()).path("id").asText();
            Awaitility.await("the deploy").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> List.of("DEPLOYED", "FAILED").contains(engine.state(id).orElse("")));
            assertThat(engine.state(id)).as("deployment %s", engine.deployment(id)).contains("DEPLOYED");
            String hook = cluster.client().configMaps().inNamespace(namespace).list().getItems().stream()
                    .map(c -> c.getMetadata().getName()).filter(n -> n.endsWith("-sub-post-install")).findFirst()
                    .orElseThrow();
            List<String> recorded = new java.util.ArrayList<>();
            for (JsonNode entry : engine.inventory(id)) {
                recorded.add(entry.toString());
                assertThat(entry.path("preExisting").asBoolean()).as("pre-existing: %s", entry).isFalse();
            }
            assertThat(String.join("\n", recorded)).contains(CRD, hook);
            assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get()
                    .getMetadata().getLabels()).containsEntry(LABEL, id);
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName(hook).get().getMetadata()
                    .getLabels()).containsEntry(LABEL, id);

            JsonNode report = engine.undeploy(id);

            assertThat(report.path("deployment").path("state").asText()).as("undeploy: %s", report).isEqualTo("UNDEPLOYED");
            assertThat(report.path("leftovers")).as("leftovers: %s", report).isEmpty();
            assertThat(report.path("outcomes").toString()).as("outcomes").doesNotContain("existed before the deployment");
        }
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("the packed subchart's crds/ CRD after undeploy").isNull();
        assertThat(cluster.client().namespaces().withName(namespace).get()).as("the namespace").isNull();
    }
}

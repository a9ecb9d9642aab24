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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine whose first Helm install fails after Helm installed the {@code crds/} CRD and created the namespace
 * (the API server refuses one of the chart's objects): the deploy ends FAILED, the objects Helm made are this
 * deployment's (not "pre-existing"), and undeploy removes every one of them, the CRD and the namespace included.
 */
@RealCluster
class HelmFailedInstallTest {

    private static final String CRD = "gadgets.charts.meshwright.test";
    private static final String LABEL = "meshwright.io/deployment";

    @RegisterExtension
    static final TemporaryPluginZip HELM = new TemporaryPluginZip("helm-failed");

    @TempDir
    Path work;

    @Test
    void undeployAfterAFailedFirstInstallLeavesNeitherTheCrdNorTheNamespace(ClusterHandle cluster) throws IOException {
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("%s exists before the test (left by an earlier run?): delete it first", CRD).isNull();
        String namespace = cluster.namespace("helmfailed");
        Path data = work.resolve("data");
        Path plugins = Files.createDirectories(data.resolve("plugins"));
        Files.copy(HELM.zip(), plugins.resolve("helm.zip"));
        try (EngineProcess engine = EngineProcess.start(EngineProcess.distribution().orElseThrow(
                () -> new IllegalStateException("no engine distribution: build it (mvn package)")), data,
                cluster.kubeconfig(), List.of())) {
            String name = "helm-failed-" + UUID.randomUUID().toString().substring(0, 8) + ".yaml";
            String id = engine.deploy(HelmDesigns.brokenGadgets(namespace), name, true, Map.of()).path("id").asText();
            Awaitility.await("the failed deploy").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> engine.state(id).orElse("").equals("FAILED"));
            assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                    .as("Helm installed the crds/ CRD before it failed").isNotNull();
            for (JsonNode entry : engine.inventory(id)) {
                assertThat(entry.path("preExisting").asBoolean()).as("pre-existing: %s", entry).isFalse();
            }
            assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get()
                    .getMetadata().getLabels()).as("the CRD carries the deployment's label").containsEntry(LABEL, id);
            assertThat(cluster.client().namespaces().withName(namespace).get().getMetadata().getLabels())
                    .as("the namespace carries the deployment's label").containsEntry(LABEL, id);

            JsonNode report = engine.undeploy(id);

            assertThat(report.path("deployment").path("state").asText()).as("undeploy: %s", report).isEqualTo("UNDEPLOYED");
            assertThat(report.path("leftovers")).as("leftovers: %s", report).isEmpty();
            assertThat(report.path("outcomes").toString()).as("outcomes").doesNotContain("existed before the deployment");
        }
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("the crds/ CRD after undeploy").isNull();
        assertThat(cluster.client().namespaces().withName(namespace).get()).as("the namespace").isNull();
    }
}

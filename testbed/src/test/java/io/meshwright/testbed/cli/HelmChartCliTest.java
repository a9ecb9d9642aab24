package io.meshwright.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Helm chart as a user meets it (issue 14): each command a {@code meshwright} process of the built distribution,
 * against {@code meshwright serve} with the Helm plugin from the distribution's {@code plugins/} folder, on a real
 * control plane. The plan lists what the release will create, in the release's namespace; apply installs it; a
 * changed value upgrades it; delete leaves nothing, the {@code crds/} CRD and the namespace included.
 */
@RealCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "cli-gadgets";
    private static final String CRD = "gadgets.charts.meshwright.test";

    private Distribution distribution;
    private Distribution.Engine engine;
    private Path work;

    @BeforeAll
    void startAnEngineWithTheHelmPlugin(@TempDir Path dir, ClusterHandle cluster) throws Exception {
        String property = System.getProperty("meshwright.distribution", "../engine/target/meshwright");
        Path data = dir.resolve("data");
        // The plugin as a user installs it: the distribution's plugins/helm.zip, or else (other modules' tests take it
        // out of the distribution) the zip the Helm module built, dropped into the engine's own plugins folder.
        if (!Files.exists(Path.of(property).resolve("plugins/helm.zip"))) {
            Path built;
            try (var zips = Files.newDirectoryStream(Path.of("../plugins/helm/target"), "meshwright-plugin-helm-*.zip")) {
                var found = zips.iterator();
                built = found.hasNext() ? found.next() : null;
            } catch (java.io.IOException e) {
                built = null;
            }
            Assumptions.assumeTrue(built != null, "no Helm plugin zip: mvn package builds plugins/helm before this module");
            Files.createDirectories(data.resolve("plugins"));
            Files.copy(built, data.resolve("plugins/helm.zip"));
        }
        work = dir;
        distribution = Distribution.built(dir.resolve("home"));
        engine = distribution.serve(data, dir.resolve("logs"), "--kubeconfig", cluster.kubeconfig().toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void planApplyUpgradeAndDeleteAChartThroughTheCli(ClusterHandle cluster) throws Exception {
        KubernetesClient client = cluster.client();
        Path design = design("hi");

        Distribution.Run plan = distribution.cli(engine, "design", "plan", "-f", design.toString());
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out())
                .contains("Chart.helm.meshwright.io/" + NAMESPACE + "/gadgets creates 4 object(s):")
                .containsPattern("CustomResourceDefinition/" + CRD + " +create")
                .as("namespaced objects are planned in the release's namespace, as Helm installs them")
                .containsPattern("ConfigMap/" + NAMESPACE + "/gadgets-[0-9a-f]{10}-settings +create")
                .containsPattern("Gadget/" + NAMESPACE + "/gadgets-[0-9a-f]{10}-1 +create \\(not dry-run: its CRD is created by this part first\\)")
                .contains("0 refused");

        Distribution.Run apply = distribution.cli(engine, "design", "apply", "-f", design.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("DEPLOYED in");
        String id = JSON.readTree(distribution.cli(engine, "deployment", "list", "-o", "json").out()).path("items")
                .get(0).path("id").asText();
        JsonNode deployed = JSON.readTree(distribution.cli(engine, "deployment", "get", id, "-o", "json").out());
        assertThat(deployed.toString()).contains("\"revision\":\"1\"");
        assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).singleElement()
                .satisfies(map -> assertThat(map.getData()).containsEntry("greeting", "hi"));

        Distribution.Run upgrade = distribution.cli(engine, "design", "apply", "-f", design("hello again").toString());
        assertThat(upgrade.exitCode()).as(upgrade.out() + upgrade.err()).isZero();
        JsonNode upgraded = JSON.readTree(distribution.cli(engine, "deployment", "get", id, "-o", "json").out());
        assertThat(upgraded.toString()).contains("\"revision\":\"2\"");
        assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).singleElement()
                .satisfies(map -> assertThat(map.getData()).containsEntry("greeting", "hello again"));

        Distribution.Run delete = distribution.cli(engine, "design", "delete", "-f", design.toString());
        assertThat(delete.exitCode()).as(delete.out() + delete.err()).isZero();
        assertThat(delete.out()).contains("UNDEPLOYED, 0 left");
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                .as("the crds/ CRD, which plain helm uninstall leaves").isNull();
        assertThat(client.namespaces().withName(NAMESPACE).get()).as("the namespace the deploy created").isNull();
    }

    @Test
    void modelsFromAChartOnAScheduleThroughTheCli() throws Exception {
        String ref = "helm:" + chartsFolder().resolve("gadgets");

        Distribution.Run generate = distribution.cli(engine, "model", "generate", "--from", ref, "--every", "6h");
        assertThat(generate.exitCode()).as(generate.out() + generate.err()).isZero();
        Distribution.Run model = distribution.cli(engine, "model", "view", "gadgets@0.1.0", "-o", "json");
        assertThat(model.exitCode()).as(model.out() + model.err()).isZero();
        assertThat(model.out()).contains("Gadget").contains("Chart");
        Distribution.Run schedules = distribution.cli(engine, "model", "schedules");
        assertThat(schedules.out()).contains(ref).contains("6h");

        Distribution.Run again = distribution.cli(engine, "model", "generate", "--from", ref);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).as("an unchanged chart is skipped by fingerprint").contains("unchanged since");
    }

    private Path design(String greeting) throws Exception {
        Path chart = chartsFolder().resolve("gadgets");
        Path file = work.resolve("gadgets-" + greeting.hashCode() + ".yaml");
        Files.writeString(file, """
                schemaVersion: designs.meshery.io/v1beta1
                name: cli-gadgets
                version: 0.0.1
                components:
                  - id: 7d3e5b2a-0000-4000-8000-0000000c11e1
                    displayName: gadgets
                    component: {kind: Chart, version: helm.meshwright.io/v1}
                    model: {name: gadgets, version: 0.1.0}
                    metadata: {source: {type: helm, location: "CHART"}}
                    configuration: {metadata: {namespace: NAMESPACE}, greeting: "GREETING"}
                """.replace("CHART", chart.toString()).replace("NAMESPACE", NAMESPACE).replace("GREETING", greeting));
        return file;
    }

    /** {@code testbed/charts}, where the Helm plugin's tests keep their charts. */
    private static Path chartsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("charts/gadgets"))) {
                return dir.resolve("charts");
            }
            if (Files.isDirectory(dir.resolve("testbed/charts/gadgets"))) {
                return dir.resolve("testbed/charts");
            }
        }
        throw new IllegalStateException("testbed/charts not found above " + Path.of("").toAbsolutePath());
    }
}

package io.meshwright.plugins.helm.deploy;

import static io.meshwright.plugins.helm.deploy.HelmDeployerTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.EngineGlue;
import io.meshwright.plugins.helm.LoopbackOciRegistry;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart pulled by Helm from a real OCI registry on loopback (plain http), deployed and undeployed on a real cluster. */
@RealCluster
class HelmOciDeployTest {

    @TempDir
    Path dataDir;

    @Test
    void anOciChartDeploysIntoTheInventoryAndUndeploysToZeroLeftovers(ClusterHandle cluster) {
        try (LoopbackOciRegistry registry = new LoopbackOciRegistry(dataDir.resolve("registry"));
                EngineGlue engine = new EngineGlue(cluster, dataDir)) {
            String reference = registry.push(Charts.dir("gadgets"));
            HelmDeployer deployer = new HelmDeployer(engine.registry(), new io.meshwright.plugins.helm.chart.ChartRepository(
                    dataDir.resolve("charts"), io.meshwright.plugins.helm.Fetchers.allowingPrivate()), engine.kubeconfigs());
            KubernetesClient client = cluster.client();
            String namespace = cluster.namespace("oci");
            // The form a chart model records as its source_uri: the option travels inside the location.
            DeploymentPart part = Charts.part("dep-oci", "gadgets", reference + "@0.1.0#plainHttp=true", namespace,
                    Map.of("gadgets", 2), Map.of());

            PartOutcome outcome = deployer.deploy(part, engine.applier("dep-oci"));

            assertThat(outcome).isInstanceOf(PartOutcome.Applied.class);
            String release = ReleaseName.of("dep-oci", "gadgets", "gadgets");
            assertThat(names(engine.inventory("dep-oci"))).contains(
                    "CustomResourceDefinition.apiextensions.k8s.io/gadgets.charts.meshwright.test",
                    "Gadget.charts.meshwright.test/" + namespace + "/" + release + "-0",
                    "Gadget.charts.meshwright.test/" + namespace + "/" + release + "-1",
                    "ConfigMap/" + namespace + "/" + release + "-settings",
                    "Namespace/" + namespace,
                    "Secret/" + namespace + "/sh.helm.release.v1." + release + ".v1");
            assertThat(client.configMaps().inNamespace(namespace).withName(release + "-settings").get()).isNotNull();

            // Same chart version and values: Helm does not run again.
            assertThat(deployer.deploy(part, engine.applier("dep-oci"))).isInstanceOf(PartOutcome.Unchanged.class);

            DeploymentPart withOption = Charts.part("dep-oci", "gadgets", reference + "@0.1.0", namespace,
                    Map.of("gadgets", 2), Map.of("plainHttp", "true"));
            assertThat(deployer.undeploy(withOption, engine.inventory("dep-oci"), engine.applier("dep-oci")))
                    .isInstanceOf(PartOutcome.Applied.class);
            engine.sweep("dep-oci");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(client.namespaces().withName(namespace).get()).as("namespace " + namespace).isNull();
                assertThat(client.apiextensions().v1().customResourceDefinitions()
                        .withName("gadgets.charts.meshwright.test").get()).as("CRD").isNull();
            });
            assertThat(engine.inventory("dep-oci")).isEmpty();
        }
    }
}

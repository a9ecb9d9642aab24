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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts pulled by the plugin from a real OCI registry on loopback (plain http) through the engine's fetcher, deployed
 * and undeployed on a real cluster.
 */
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

    /**
     * Pulled into a local archive first, an OCI chart's hooks are rendered and recorded as intended before Helm runs
     * (as a local chart's are), so they are this deployment's objects and undeploy removes them; before, they were
     * recorded as pre-existing after Helm made them, and undeploy kept them.
     */
    @Test
    void anOciChartsHooksAreRecordedAsOursBeforeInstallAndUndeployRemovesThem(ClusterHandle cluster) {
        try (LoopbackOciRegistry registry = new LoopbackOciRegistry(dataDir.resolve("registry"));
                EngineGlue engine = new EngineGlue(cluster, dataDir)) {
            String reference = registry.push(Charts.dir("hooked"));
            HelmDeployer deployer = new HelmDeployer(engine.registry(), new io.meshwright.plugins.helm.chart.ChartRepository(
                    dataDir.resolve("charts"), io.meshwright.plugins.helm.Fetchers.allowingPrivate()), engine.kubeconfigs());
            KubernetesClient client = cluster.client();
            String namespace = cluster.namespace("oci-hooks");
            DeploymentPart part = Charts.part("dep-oci-hooks", "hooked", reference + "@0.1.0#plainHttp=true", namespace,
                    Map.of(), Map.of());
            String release = ReleaseName.of("dep-oci-hooks", "hooked", "hooked");

            assertThat(deployer.render(part)).extracting(o -> String.valueOf(o.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null))
                    .contains(release + "-pre-install", release + "-post-install", release + "-pre-delete");
            assertThat(deployer.deploy(part, engine.applier("dep-oci-hooks"))).isInstanceOf(PartOutcome.Applied.class);

            List<String> hooks = List.of("ConfigMap/" + namespace + "/" + release + "-pre-install",
                    "ServiceAccount/" + namespace + "/" + release + "-post-install");
            assertThat(names(engine.inventory("dep-oci-hooks"))).containsAll(hooks).contains("Service/" + namespace + "/" + release)
                    .doesNotContain("ConfigMap/" + namespace + "/" + release + "-cleaned");
            assertThat(engine.inventory("dep-oci-hooks")).filteredOn(e -> hooks.contains(e.ref().toString()))
                    .allSatisfy(e -> assertThat(e.preExisting()).as(e.ref() + " pre-existing").isFalse());

            assertThat(deployer.undeploy(part, engine.inventory("dep-oci-hooks"), engine.applier("dep-oci-hooks")))
                    .isInstanceOf(PartOutcome.Applied.class);
            // Hook objects outlive Helm's uninstall (the pre-delete one it just ran too); the plugin removes them.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(client.configMaps().inNamespace(namespace).list().getItems()).extracting(c -> c.getMetadata().getName())
                        .doesNotContain(release + "-pre-install", release + "-pre-delete");
                assertThat(client.serviceAccounts().inNamespace(namespace).withName(release + "-post-install").get()).isNull();
            });
            engine.sweep("dep-oci-hooks");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(client.namespaces().withName(namespace).get()).as("namespace " + namespace).isNull());
            assertThat(engine.inventory("dep-oci-hooks")).isEmpty();
        }
    }

    @Test
    void anOciChartOnALoopbackRegistryFailsToDeployWhenTheEngineDoesNotAllowPrivateUrls(ClusterHandle cluster) {
        try (LoopbackOciRegistry registry = new LoopbackOciRegistry(dataDir.resolve("registry"));
                EngineGlue engine = new EngineGlue(cluster, dataDir)) {
            String reference = registry.push(Charts.dir("hooked"));
            HelmDeployer deployer = new HelmDeployer(engine.registry(), new io.meshwright.plugins.helm.chart.ChartRepository(
                    dataDir.resolve("charts"), io.meshwright.plugins.helm.Fetchers.engineDefault()), engine.kubeconfigs());
            String namespace = cluster.namespace("oci-refused");
            DeploymentPart part = Charts.part("dep-oci-refused", "hooked", reference + "@0.1.0#plainHttp=true", namespace,
                    Map.of(), Map.of());

            PartOutcome outcome = deployer.deploy(part, engine.applier("dep-oci-refused"));

            assertThat(outcome).isInstanceOfSatisfying(PartOutcome.Failed.class, failed -> assertThat(failed.message())
                    .contains("cannot pull " + reference).contains("--allow-private-urls"));
            assertThat(engine.inventory("dep-oci-refused")).isEmpty();
            assertThat(cluster.client().namespaces().withName(namespace).get()).isNull();
        }
    }
}

package io.meshwright.plugins.helm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.EngineGlue;
import io.meshwright.plugins.helm.chart.HelmCalls;
import io.meshwright.plugins.helm.chart.ResolvedChart;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealCluster
class HelmDeployerTest {

    private static final ResourceDefinitionContext GADGETS = new ResourceDefinitionContext.Builder()
            .withGroup("charts.meshwright.test").withVersion("v1").withPlural("gadgets").withKind("Gadget").withNamespaced(true).build();

    @TempDir
    Path dataDir;

    private EngineGlue engine;
    private HelmDeployer deployer;
    private KubernetesClient client;

    @BeforeEach
    void setUp(ClusterHandle cluster) {
        engine = new EngineGlue(cluster, dataDir);
        deployer = new HelmDeployer(engine.registry(), new io.meshwright.plugins.helm.chart.ChartRepository(
                dataDir.resolve("charts"), io.meshwright.plugins.helm.Fetchers.allowingPrivate()), engine.kubeconfigs());
        client = cluster.client();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void deploysAChartWithCrdsAndCustomResourcesIntoTheInventoryAndUndeploysToZeroLeftovers(ClusterHandle cluster) {
        String namespace = cluster.namespace("gadgets");
        DeploymentPart part = Charts.part("dep-gadgets", "gadgets", Charts.dir("gadgets").toString(), namespace,
                Map.of("gadgets", 2), Map.of());

        PartOutcome outcome = deployer.deploy(part, engine.applier("dep-gadgets"));

        assertThat(outcome).isInstanceOf(PartOutcome.Applied.class);
        String release = ReleaseName.of("dep-gadgets", "gadgets", "gadgets");
        assertThat(names(engine.inventory("dep-gadgets"))).contains(
                "CustomResourceDefinition.apiextensions.k8s.io/gadgets.charts.meshwright.test",
                "Gadget.charts.meshwright.test/" + namespace + "/" + release + "-0",
                "Gadget.charts.meshwright.test/" + namespace + "/" + release + "-1",
                "ConfigMap/" + namespace + "/" + release + "-settings",
                "Namespace/" + namespace,
                "Secret/" + namespace + "/sh.helm.release.v1." + release + ".v1");
        assertThat(engine.inventory("dep-gadgets")).allMatch(e -> e.uid() != null && !e.preExisting());

        assertThat(deployer.deploy(part, engine.applier("dep-gadgets"))).isInstanceOf(PartOutcome.Unchanged.class);

        PartOutcome removed = deployer.undeploy(part, engine.inventory("dep-gadgets"), engine.applier("dep-gadgets"));
        assertThat(removed).isInstanceOf(PartOutcome.Applied.class);
        // Helm's uninstall leaves the crds/ CRD and the namespace; they stay in the inventory for the engine's sweep.
        assertThat(names(engine.inventory("dep-gadgets"))).contains(
                "CustomResourceDefinition.apiextensions.k8s.io/gadgets.charts.meshwright.test", "Namespace/" + namespace);
        engine.sweep("dep-gadgets");

        assertZeroLeftovers(namespace, "gadgets.charts.meshwright.test");
    }

    @Test
    void plainHelmUninstallLeavesTheCrdsAndTheCreatedNamespaceBehind(ClusterHandle cluster) {
        String namespace = cluster.namespace("plain");
        HelmCalls helm = new HelmCalls();
        ResolvedChart chart = new ResolvedChart(Charts.dir("gadgets"), "gadgets");
        helm.install(chart, "plain", namespace, null, engine.kubeconfig(),
                new HelmCalls.Options(true, false, false, 60), false);
        helm.uninstall("plain", namespace, engine.kubeconfig());
        try {
            assertThat(client.namespaces().withName(namespace).get()).isNotNull();
            assertThat(client.apiextensions().v1().customResourceDefinitions()
                    .withName("gadgets.charts.meshwright.test").get()).isNotNull();
        } finally {
            client.apiextensions().v1().customResourceDefinitions().withName("gadgets.charts.meshwright.test").delete();
            client.namespaces().withName(namespace).delete();
            assertZeroLeftovers(namespace, "gadgets.charts.meshwright.test");
        }
    }

    private void assertZeroLeftovers(String namespace, String... crds) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.namespaces().withName(namespace).get()).as("namespace " + namespace).isNull();
            for (String crd : crds) {
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get()).as("CRD " + crd).isNull();
            }
        });
    }

    static List<String> names(List<InventoryEntry> entries) {
        return entries.stream().map(InventoryEntry::ref).map(ResourceRef::toString).toList();
    }

    @SuppressWarnings("unused")
    private List<GenericKubernetesResource> gadgets(String namespace) {
        return client.genericKubernetesResources(GADGETS).inNamespace(namespace).list().getItems();
    }
}

package io.meshwright.plugins.helm.deploy;

import static io.meshwright.plugins.helm.deploy.HelmDeployerTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.EngineGlue;
import io.meshwright.plugins.helm.chart.ChartRepository;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects a Helm release makes that a client-side render of the chart can miss: the {@code crds/} and hooks of a
 * subchart packed as a {@code .tgz}, templates gated on the server's version, templates and hooks whose names
 * are drawn at render time (so the install's differ from the render's). Each is this deployment's own and gone after undeploy; none is kept as pre-existing.
 */
@RealCluster
class HelmUnforeseenObjectsTest {

    private static final String WIDGETS = "widgets.charts.meshwright.test";

    @TempDir
    Path dataDir;

    private EngineGlue engine;
    private HelmDeployer deployer;
    private KubernetesClient client;

    @BeforeEach
    void setUp(ClusterHandle cluster) {
        engine = new EngineGlue(cluster, dataDir);
        deployer = new HelmDeployer(engine.registry(), new ChartRepository(dataDir.resolve("charts"),
                io.meshwright.plugins.helm.Fetchers.allowingPrivate()), engine.kubeconfigs());
        client = cluster.client();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void aPackedSubchartsCrdAndHookArePredictedOwnedAndRemovedOnUndeploy(ClusterHandle cluster) throws Exception {
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName(WIDGETS).get())
                .as("%s exists before the test (left by an earlier run?): delete it first", WIDGETS).isNull();
        String namespace = cluster.namespace("packed");
        DeploymentPart part = Charts.part("dep-packed", "packed", Charts.packed(dataDir.resolve("work")).toString(),
                namespace, Map.of(), Map.of());
        String release = ReleaseName.of("dep-packed", "packed", "packed");
        Recording applier = new Recording(engine.applier("dep-packed"));

        assertThat(deployer.deploy(part, applier)).isInstanceOf(PartOutcome.Applied.class);

        String hook = "ConfigMap/" + namespace + "/" + release + "-sub-post-install";
        String crd = "CustomResourceDefinition.apiextensions.k8s.io/" + WIDGETS;
        assertThat(strings(applier.intended)).as("intended before Helm ran").contains(hook, crd,
                "ConfigMap/" + namespace + "/" + release + "-sub");
        assertThat(applier.made).as("nothing unforeseen").isEmpty();
        assertThat(engine.inventory("dep-packed")).filteredOn(e -> List.of(hook, crd).contains(e.ref().toString()))
                .hasSize(2).allMatch(e -> !e.preExisting());
        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-sub-post-install").get()
                .getMetadata().getLabels()).containsEntry("meshwright.io/deployment", "dep-packed");

        assertThat(deployer.undeploy(part, engine.inventory("dep-packed"), engine.applier("dep-packed")))
                .isInstanceOf(PartOutcome.Applied.class);
        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-sub-post-install").get())
                .as("the hook Helm's uninstall leaves").isNull();
        assertThat(engine.sweep("dep-packed")).noneMatch(DeleteOutcome.Kept.class::isInstance);
        awaitGone(namespace, WIDGETS);
        assertThat(engine.inventory("dep-packed")).isEmpty();
    }

    @Test
    void aTemplateGatedOnTheKubeVersionIsPredictedWithTheServersVersion(ClusterHandle cluster) {
        String namespace = cluster.namespace("caps");
        DeploymentPart part = Charts.part("dep-caps", "caps", Charts.dir("capabilities").toString(), namespace,
                Map.of(), Map.of());
        String release = ReleaseName.of("dep-caps", "caps", "caps");
        String server = "ConfigMap/" + namespace + "/" + release + "-since-1-20-1";
        String guessed = "ConfigMap/" + namespace + "/" + release + "-before-1-20-1";
        Recording applier = new Recording(engine.applier("dep-caps"));
        String version = applier.view().serverVersion().orElseThrow();
        // Without the server (a plan's render), Helm's default version takes the other branch: the test can tell.
        assertThat(deployer.render(part).stream().map(o -> String.valueOf(((Map<?, ?>) o.get("metadata")).get("name"))))
                .containsExactly(release + "-before-1-20-1");

        assertThat(deployer.deploy(part, applier)).isInstanceOf(PartOutcome.Applied.class);

        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-since-1-20-1").get().getData())
                .containsEntry("kubeVersion", version);
        assertThat(strings(applier.intended)).as("intended before Helm ran").contains(server).doesNotContain(guessed);
        assertThat(applier.made).as("nothing unforeseen").isEmpty();

        deployer.undeploy(part, engine.inventory("dep-caps"), engine.applier("dep-caps"));
        assertThat(engine.sweep("dep-caps")).noneMatch(DeleteOutcome.Kept.class::isInstance);
        awaitGone(namespace);
    }

    @Test
    void objectsOnlyTheInstallNamesAreRecordedAsOwnFromTheReleaseRecordAndRemovedOnUndeploy(ClusterHandle cluster) {
        String namespace = cluster.namespace("random");
        DeploymentPart part = Charts.part("dep-random", "random", Charts.dir("random-names").toString(), namespace,
                Map.of(), Map.of());
        String release = ReleaseName.of("dep-random", "random", "random");
        Recording applier = new Recording(engine.applier("dep-random"));

        assertThat(deployer.deploy(part, applier)).isInstanceOf(PartOutcome.Applied.class);

        List<String> hooks = configMaps(namespace, release + "-hook-");
        List<String> runs = configMaps(namespace, release + "-run-");
        assertThat(hooks).hasSize(1);
        assertThat(runs).hasSize(1);
        String hook = "ConfigMap/" + namespace + "/" + hooks.get(0);
        String run = "ConfigMap/" + namespace + "/" + runs.get(0);
        assertThat(strings(applier.intended)).as("the client-side render drew other names").doesNotContain(hook, run);
        assertThat(strings(applier.made)).as("reported as made, from the release record").contains(hook, run);
        assertThat(engine.inventory("dep-random")).filteredOn(e -> List.of(hook, run).contains(e.ref().toString()))
                .hasSize(2).allMatch(e -> !e.preExisting());
        assertThat(client.configMaps().inNamespace(namespace).withName(hooks.get(0)).get().getMetadata().getLabels())
                .containsEntry("meshwright.io/deployment", "dep-random");
        // A second deploy changes nothing and keeps them.
        assertThat(deployer.deploy(part, engine.applier("dep-random"))).isInstanceOf(PartOutcome.Unchanged.class);
        assertThat(names(engine.inventory("dep-random"))).contains(hook, run);

        assertThat(deployer.undeploy(part, engine.inventory("dep-random"), engine.applier("dep-random")))
                .isInstanceOf(PartOutcome.Applied.class);
        assertThat(client.configMaps().inNamespace(namespace).withName(hooks.get(0)).get())
                .as("the hook Helm's uninstall leaves, removed as this deployment's own").isNull();
        assertThat(engine.sweep("dep-random")).noneMatch(DeleteOutcome.Kept.class::isInstance);
        awaitGone(namespace);
        assertThat(engine.inventory("dep-random")).isEmpty();
    }

    private List<String> configMaps(String namespace, String prefix) {
        return client.configMaps().inNamespace(namespace).list().getItems().stream().map(c -> c.getMetadata().getName())
                .filter(name -> name.startsWith(prefix)).toList();
    }

    private static List<String> strings(List<ResourceRef> refs) {
        return refs.stream().map(ResourceRef::toString).toList();
    }

    private void awaitGone(String namespace, String... crds) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.namespaces().withName(namespace).get()).as("namespace " + namespace).isNull();
            for (String crd : crds) {
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get()).as("CRD " + crd).isNull();
            }
        });
    }

    /** The engine's applier, remembering what was intended before the tool ran and what was reported made after. */
    private static final class Recording implements ClusterApplier {
        private final ClusterApplier inner;
        final List<ResourceRef> intended = new CopyOnWriteArrayList<>();
        final List<ResourceRef> made = new CopyOnWriteArrayList<>();

        Recording(ClusterApplier inner) {
            this.inner = inner;
        }

        @Override public String deploymentId() { return inner.deploymentId(); }
        @Override public ApplyResult apply(Map<String, Object> object, String partId) { return inner.apply(object, partId); }
        @Override public void intend(List<ResourceRef> refs, String partId) {
            intended.addAll(refs);
            inner.intend(refs, partId);
        }
        @Override public void intend(List<ResourceRef> refs, String partId, ToolMarks marks) {
            intended.addAll(refs);
            inner.intend(refs, partId, marks);
        }
        @Override public void recordMade(List<ResourceRef> refs, String partId, ToolMarks marks) {
            made.addAll(refs);
            inner.recordMade(refs, partId, marks);
        }
        @Override public List<InventoryEntry> confirm(List<ResourceRef> refs, String partId) { return inner.confirm(refs, partId); }
        @Override public DeleteOutcome delete(InventoryEntry entry, Duration timeout) { return inner.delete(entry, timeout); }
        @Override public List<DeleteOutcome> deleteAll(List<InventoryEntry> entries, Duration timeout, int concurrency) {
            return inner.deleteAll(entries, timeout, concurrency);
        }
        @Override public List<InventoryEntry> inventory(String partId) { return inner.inventory(partId); }
        @Override public ClusterView view() { return inner.view(); }
    }
}

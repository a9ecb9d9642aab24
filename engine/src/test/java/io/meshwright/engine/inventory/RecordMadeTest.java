package io.meshwright.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.engine.cluster.ApplierSettings;
import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.engine.cluster.KubeTargetCluster;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.lifecycle.LifecycleMigrations;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recordMade}: what a tool reports it made after it ran, without an intent before, over a real SQLite
 * inventory and a real cluster. Marked and unlabelled is this part's own; unmarked is pre-existing; another
 * deployment's stays theirs; and a crash between the report and the confirmation is settled the same way.
 */
@RealCluster
class RecordMadeTest {

    private static final Gvk CONFIG_MAP = new Gvk("", "v1", "ConfigMap");
    private static final ToolMarks MARKS = new ToolMarks(List.of(), Map.of("meta.helm.sh/release-name", "r1"));

    @TempDir
    Path data;

    private final Clock clock = Clock.systemUTC();
    private final String deploymentId = "d-" + UUID.randomUUID().toString().substring(0, 8);
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aMarkedUnlabelledObjectIsOwnAnUnmarkedOneIsPreExistingAndAnotherDeploymentsStaysTheirs(ClusterHandle cluster) {
        String ns = cluster.createNamespace("made");
        Inventory inventory = inventory();
        KubeTargetCluster target = target(cluster, ns);
        JournalingApplier ours = inventory.applier(deploymentId, target, false);
        JournalingApplier other = inventory.applier("other-" + deploymentId, target, false);
        ResourceRef made = new ResourceRef(CONFIG_MAP, ns, "made-unforeseen");
        ResourceRef stranger = new ResourceRef(CONFIG_MAP, ns, "unmarked");
        ResourceRef theirs = new ResourceRef(CONFIG_MAP, ns, "other-deployments");
        // The tool ran without an intent for these (it made what its client-side render did not predict).
        create(cluster, ns, "made-unforeseen", Map.of("meta.helm.sh/release-name", "r1"));
        create(cluster, ns, "unmarked", Map.of());
        other.apply(ApplierFixture.yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: other-deployments, annotations: {meta.helm.sh/release-name: r1}}
                """), "their-part");

        ours.recordMade(List.of(made, stranger, theirs), "chart", MARKS);
        List<InventoryEntry> confirmed = ours.confirm(List.of(made, stranger, theirs), "chart");

        assertThat(confirmed).extracting(InventoryEntry::ref, InventoryEntry::preExisting)
                .containsExactly(tuple(made, false), tuple(stranger, true), tuple(theirs, false));
        assertThat(label(cluster, ns, "made-unforeseen")).isEqualTo(deploymentId);
        assertThat(label(cluster, ns, "unmarked")).as("someone else's object is never labelled").isNull();
        assertThat(label(cluster, ns, "other-deployments")).isEqualTo("other-" + deploymentId);

        List<DeleteOutcome> outcomes = ours.deleteAll(confirmed, Duration.ofSeconds(30), 2);

        assertThat(outcomes.get(0)).isInstanceOf(DeleteOutcome.Deleted.class);
        assertThat(outcomes.get(1)).isInstanceOf(DeleteOutcome.Kept.class);
        assertThat(outcomes.get(2)).as("another deployment's object stays theirs").isInstanceOf(DeleteOutcome.Kept.class);
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("made-unforeseen").get()).isNull();
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("unmarked").get()).isNotNull();
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("other-deployments").get()).isNotNull();
    }

    @Test
    void anObjectMarkedForAnotherReleaseIsNotOurs(ClusterHandle cluster) {
        String ns = cluster.createNamespace("madeother");
        JournalingApplier ours = inventory().applier(deploymentId, target(cluster, ns), false);
        ResourceRef ref = new ResourceRef(CONFIG_MAP, ns, "another-release");
        create(cluster, ns, "another-release", Map.of("meta.helm.sh/release-name", "r2"));

        ours.recordMade(List.of(ref), "chart", MARKS);

        assertThat(ours.confirm(List.of(ref), "chart")).singleElement()
                .satisfies(e -> assertThat(e.preExisting()).isTrue());
        assertThat(label(cluster, ns, "another-release")).isNull();
    }

    @Test
    void aCrashAfterTheReportAndBeforeTheConfirmationIsSettledAsTheToolsWork(ClusterHandle cluster) {
        String ns = cluster.createNamespace("madecrash");
        Inventory inventory = inventory();
        KubeTargetCluster target = target(cluster, ns);
        ResourceRef made = new ResourceRef(CONFIG_MAP, ns, "made-then-crash");
        ResourceRef stranger = new ResourceRef(CONFIG_MAP, ns, "stranger-then-crash");
        create(cluster, ns, "made-then-crash", Map.of("meta.helm.sh/release-name", "r1"));
        create(cluster, ns, "stranger-then-crash", Map.of());

        inventory.applier(deploymentId, target, false).recordMade(List.of(made, stranger), "chart", MARKS);
        // The engine dies here; its restart settles the open intents.
        Inventory.Settlement settled = inventory.settleIntents(deploymentId, target);

        assertThat(settled.confirmed()).containsExactlyInAnyOrder(made, stranger);
        assertThat(inventory.entry(deploymentId, made)).get()
                .extracting(InventoryEntry::status, InventoryEntry::preExisting)
                .containsExactly(InventoryStatus.CONFIRMED, false);
        assertThat(inventory.entry(deploymentId, stranger)).get().extracting(InventoryEntry::preExisting).isEqualTo(true);
        assertThat(label(cluster, ns, "made-then-crash")).isEqualTo(deploymentId);
        assertThat(label(cluster, ns, "stranger-then-crash")).isNull();
    }

    private Inventory inventory() {
        database = Database.open(data.resolve("meshwright.db"), LifecycleMigrations.all());
        return new Inventory(database, new EventBus(clock), clock, CrashPoints.none());
    }

    private KubeTargetCluster target(ClusterHandle cluster, String ns) {
        return new KubeTargetCluster(cluster.client(), clock, new EventBus(clock),
                ApplierSettings.defaults().withDefaultNamespace(ns));
    }

    private static void create(ClusterHandle cluster, String ns, String name, Map<String, String> annotations) {
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withAnnotations(annotations).endMetadata().build()).create();
    }

    private static String label(ClusterHandle cluster, String ns, String name) {
        Map<String, String> labels = cluster.client().configMaps().inNamespace(ns).withName(name).get().getMetadata()
                .getLabels();
        return labels == null ? null : labels.get(KubeObjects.DEPLOYMENT_LABEL);
    }
}

package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@RealCluster
class ObjectDeletionTest {

    @Test
    void deleteRemovesTheObjectAndWaitsUntilItIsGone(ClusterHandle cluster) {
        String ns = cluster.createNamespace("delete");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        ApplyResult applied = f.applier.apply(io.meshwright.engine.inventory.JournalingApplierTest.configMap("doomed", null), "p");

        DeleteOutcome outcome = f.applier.delete(entry(f, applied), Duration.ofSeconds(20));

        assertThat(outcome).isEqualTo(new DeleteOutcome.Deleted(applied.ref()));
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("doomed").get()).isNull();
        assertThat(f.journal.entry(f.deploymentId, applied.ref()).orElseThrow().status()).isEqualTo(InventoryStatus.DELETED);
    }

    @Test
    void deleteWithAStaleUidLeavesAnObjectRecreatedBySomeoneElseAlone(ClusterHandle cluster) {
        String ns = cluster.createNamespace("stale");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        ApplyResult applied = f.applier.apply(io.meshwright.engine.inventory.JournalingApplierTest.configMap("shared", null), "p");
        InventoryEntry entry = entry(f, applied);
        cluster.client().configMaps().inNamespace(ns).withName("shared").delete();
        org.awaitility.Awaitility.await().until(() -> cluster.client().configMaps().inNamespace(ns).withName("shared").get() == null);
        String newUid = cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("shared").endMetadata().build()).create().getMetadata().getUid();

        DeleteOutcome outcome = f.applier.delete(entry, Duration.ofSeconds(10));

        assertThat(outcome).isInstanceOf(DeleteOutcome.AlreadyGone.class);
        assertThat(((DeleteOutcome.AlreadyGone) outcome).reason()).contains("re-created by someone else");
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("shared").get().getMetadata().getUid())
                .isEqualTo(newUid);
    }

    @Test
    void aDeleteBlockedByAFinalizerIsReportedWithTheFinalizerAfterTheTimeout(ClusterHandle cluster) {
        String ns = cluster.createNamespace("finalizer");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        Map<String, Object> held = Yaml.object("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, finalizers: [example.com/hold]}
                """);
        ApplyResult applied = f.applier.apply(held, "p");
        try {
            DeleteOutcome outcome = f.applier.delete(entry(f, applied), Duration.ofSeconds(2));

            assertThat(outcome).isEqualTo(new DeleteOutcome.BlockedByFinalizers(applied.ref(), List.of("example.com/hold")));
            assertThat(f.journal.entry(f.deploymentId, applied.ref()).orElseThrow().status())
                    .isEqualTo(InventoryStatus.LEFT_OVER);
        } finally {
            cluster.client().configMaps().inNamespace(ns).withName("held")
                    .edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
        }
    }

    @Test
    void manyDeletesAreSentTogetherAndAwaitedTogether(ClusterHandle cluster) {
        String ns = cluster.createNamespace("bulkdelete");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        List<ApplyResult> applied = IntStream.range(0, 25)
                .mapToObj(i -> f.applier.apply(io.meshwright.engine.inventory.JournalingApplierTest.configMap("cm-" + i, null), "p")).toList();

        List<DeleteOutcome> outcomes = f.applier.deleteAll(applied.stream().map(a -> entry(f, a)).toList(),
                Duration.ofSeconds(30), 8);

        assertThat(outcomes).hasSize(25).allMatch(o -> o instanceof DeleteOutcome.Deleted);
        assertThat(cluster.client().configMaps().inNamespace(ns).withLabel("meshwright.io/deployment", f.deploymentId)
                .list().getItems()).isEmpty();
    }

    @Test
    void anEntryOnlyIntendedIsDeletedWhenTheObjectCarriesOurLabel(ClusterHandle cluster) {
        String ns = cluster.createNamespace("intended");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        ApplyResult applied = f.applier.apply(io.meshwright.engine.inventory.JournalingApplierTest.configMap("crashed", null), "p");
        InventoryEntry intendedOnly = new InventoryEntry(f.deploymentId, applied.ref(), null, "p", false,
                InventoryStatus.INTENDED);

        assertThat(f.applier.delete(intendedOnly, Duration.ofSeconds(20))).isInstanceOf(DeleteOutcome.Deleted.class);
    }

    private static InventoryEntry entry(ClusterFixture f, ApplyResult applied) {
        return f.journal.entry(f.deploymentId, applied.ref()).orElseThrow();
    }
}

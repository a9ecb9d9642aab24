package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.event.Event;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server restarts (SIGTERM, then up again on the same port) in the middle of a 500-object deploy: the
 * deploy waits it out instead of failing, and the inventory matches the cluster object for object.
 */
@RealCluster
class ApiServerRestartTest {

    private static final int OBJECTS = 500;
    private static final int RESTART_AFTER = 40;

    @TempDir
    Path dataDir;

    @Test
    void aDeployDuringAnApiServerRestartCompletesAndItsInventoryMatchesTheCluster(ClusterHandle cluster) throws Exception {
        Assumptions.assumeTrue(cluster.local(), "restarting the API server needs the test kit's local control plane; "
                + ClusterHandle.KUBECONFIG_ENV + " points at another cluster");
        String namespace = cluster.namespace("restart");
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            Design design = rig.parse(Designs.configMaps(namespace, OBJECTS - 1), "restart-" + namespace + ".yaml");
            String id = rig.lifecycle().idFor(design);
            CountDownLatch applying = new CountDownLatch(1);
            AtomicInteger applied = new AtomicInteger();
            AutoCloseable subscription = rig.events().subscribe(
                    event -> event instanceof Event.ObjectApplied a && a.subject().equals(id),
                    event -> {
                        if (applied.incrementAndGet() == RESTART_AFTER) {
                            applying.countDown();
                        }
                    });
            // Few objects at a time, so that most of the deploy is still ahead when the API server goes.
            DeployOptions options = new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(5), false, false, 4);
            CompletableFuture<DeploymentRecord> deploy = CompletableFuture.supplyAsync(
                    () -> rig.lifecycle().deploy(design, options));

            assertThat(applying.await(2, TimeUnit.MINUTES)).as("the deploy started applying").isTrue();
            Duration away = cluster.restartApiServer();
            DeploymentRecord record = deploy.get(5, TimeUnit.MINUTES);
            subscription.close();

            assertThat(record.state()).as(record.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(rig.cluster().retries().total())
                    .as("calls were retried while the API server was away (%s); otherwise the restart came too late"
                            + " to prove anything (%d objects applied before it)", away, applied.get())
                    .isPositive();
            List<InventoryEntry> inventory = rig.lifecycle().inventory(id);
            assertThat(inventory).hasSize(OBJECTS).allSatisfy(entry -> {
                assertThat(entry.status()).as("no intent is left: " + entry.ref()).isEqualTo(InventoryStatus.CONFIRMED);
                assertThat(entry.uid()).isNotBlank();
            });
            assertThat(rig.cluster().labelled(id).found()).as("every labelled object is in the inventory")
                    .extracting(ref -> ref.key())
                    .containsExactlyInAnyOrderElementsOf(inventory.stream().map(e -> e.ref().key()).toList());
            Map<String, String> liveUids = cluster.client().configMaps().inNamespace(namespace)
                    .withLabel("meshwright.io/deployment", id).list().getItems().stream()
                    .collect(Collectors.toMap(cm -> cm.getMetadata().getName(), cm -> cm.getMetadata().getUid()));
            assertThat(inventory.stream().filter(e -> e.ref().gvk().kind().equals("ConfigMap"))
                    .collect(Collectors.toMap(e -> e.ref().name(), InventoryEntry::uid)))
                    .as("each recorded uid is the live object's").isEqualTo(liveUids);

            UndeployReport report = rig.lifecycle().undeploy(id, UndeployOptions.defaults());
            assertThat(report.leftovers()).isEmpty();
            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED);
        }
    }
}

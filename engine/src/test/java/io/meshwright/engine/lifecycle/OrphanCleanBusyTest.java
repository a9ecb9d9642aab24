package io.meshwright.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.engine.cluster.ApplierSettings;
import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.engine.cluster.KubeTargetCluster;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.inventory.CrashPoints;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.engine.store.Database;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An orphan clean answers busy instead of queueing behind (and in front of) a running deploy. */
@RealCluster
class OrphanCleanBusyTest {

    @TempDir
    Path dir;

    @Test
    void aCleanWhileADeployHoldsTheGuardAnswersBusyAndDeletesNothing(ClusterHandle cluster) throws Exception {
        String ns = cluster.createNamespace("busy");
        Clock clock = Clock.systemUTC();
        String engineId = EngineId.loadOrCreate(dir);
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("orphan").withLabels(Map.of(KubeObjects.DEPLOYMENT_LABEL, "0b0b0b0b-0000-3000-8000-000000000000"))
                .withAnnotations(Map.of(KubeObjects.ENGINE_ANNOTATION, engineId)).endMetadata().build()).create();
        ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
        try (Database database = Database.open(dir.resolve("meshwright.db"), LifecycleMigrations.all())) {
            EventBus events = new EventBus(clock);
            Inventory inventory = new Inventory(database, events, clock, CrashPoints.none());
            KubeTargetCluster target = new KubeTargetCluster(cluster.client(), clock, events,
                    ApplierSettings.defaults().withEngineId(engineId));
            Orphans orphans = new Orphans(new DeploymentStore(database, clock), inventory, target, KindOrder.defaults(),
                    4, guard.writeLock());
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread deploy = Thread.ofPlatform().start(() -> {
                guard.readLock().lock(); // what a running deploy holds
                try {
                    held.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    guard.readLock().unlock();
                }
            });
            held.await();
            try {
                assertThatThrownBy(() -> orphans.clean(false, Duration.ofSeconds(30), Orphans.Include.none()))
                        .isInstanceOf(LifecycleBusyException.class)
                        .hasMessageStartingWith("busy: a deploy or undeploy is running, try again");
                assertThat(cluster.client().configMaps().inNamespace(ns).withName("orphan").get()).isNotNull();
            } finally {
                release.countDown();
                deploy.join();
            }
            orphans.clean(false, Duration.ofSeconds(30), Orphans.Include.none());
            assertThat(cluster.client().configMaps().inNamespace(ns).withName("orphan").get())
                    .as("removed once the deploy let go").isNull();
        }
    }
}

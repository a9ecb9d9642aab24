package io.meshwright.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event.ClusterObjectChanged;
import io.meshwright.spi.event.Event.ClusterObjectChanged.Change;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index and health combination, without I/O. */
class ClusterObjectIndexTest {

    private static final Gvk CONFIG_MAP = new Gvk("", "v1", "ConfigMap");
    private static final Gvk DEPLOYMENT = new Gvk("apps", "v1", "Deployment");

    @Test
    void followsEveryClustersChangesFromTheBusAndForgetsDeletedObjectsOnlyOfTheSameUid() {
        EventBus bus = new EventBus(Clock.systemUTC());
        try (ClusterObjectIndex index = ClusterObjectIndex.following(bus)) {
            bus.publish(change(Change.ADDED, object("local", CONFIG_MAP, "a", "u1", null, Health.Status.HEALTHY)));
            bus.publish(change(Change.ADDED, object("edge-1", CONFIG_MAP, "a", "u9", null, Health.Status.HEALTHY)));
            bus.publish(change(Change.ADDED, object("local", CONFIG_MAP, "a", "u2", null, Health.Status.HEALTHY))); // re-created
            bus.publish(change(Change.DELETED, object("local", CONFIG_MAP, "a", "u1", null, Health.Status.HEALTHY))); // late delete of the old one

            assertThat(index.clusters()).containsExactly("edge-1", "local");
            assertThat(index.snapshot("local")).extracting(ClusterObject::uid).containsExactly("u2");
            bus.publish(change(Change.DELETED, object("local", CONFIG_MAP, "a", "u2", null, Health.Status.HEALTHY)));
            assertThat(index.snapshot("local")).isEmpty();
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void pagesVisitEveryMatchingObjectOnceInOrderAcrossClusters() {
        ClusterObjectIndex index = ClusterObjectIndex.detached();
        for (String cluster : List.of("b", "a")) {
            for (int i = 0; i < 5; i++) {
                index.accept(change(Change.ADDED, object(cluster, CONFIG_MAP, "cm-" + i, cluster + i, null, Health.Status.HEALTHY)));
                index.accept(change(Change.ADDED, object(cluster, DEPLOYMENT, "web-" + i, cluster + "d" + i, null, Health.Status.HEALTHY)));
            }
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ClusterObjectIndex.Page page = index.query(new ClusterObjectIndex.Query(null, "configmap", null, null, null, null, 3, token));
            assertThat(page.total()).isEqualTo(10);
            page.items().forEach(o -> seen.add(o.cluster() + "/" + o.name()));
            token = page.continueToken();
        } while (token != null);
        assertThat(seen).containsExactly("a/cm-0", "a/cm-1", "a/cm-2", "a/cm-3", "a/cm-4", "b/cm-0", "b/cm-1", "b/cm-2", "b/cm-3", "b/cm-4");
        assertThat(index.query(new ClusterObjectIndex.Query("b", "Deployment.apps", "ns", ObjectState.REGISTERED, Origin.BROWNFIELD,
                null, 100, null)).items()).hasSize(5);
        assertThatThrownBy(() -> new ClusterObjectIndex.Query(null, null, null, null, null, null, 10, "%%"))
                .hasMessageContaining("continue");
        assertThatThrownBy(() -> ClusterObjectIndex.Query.all(0)).hasMessageContaining("limit");
    }

    @Test
    void aDeploymentsHealthIsTheWorstKnownVerdictOfItsObjects() {
        ClusterObjectIndex index = ClusterObjectIndex.detached();
        index.accept(change(Change.ADDED, object("local", CONFIG_MAP, "a", "1", "d1", Health.Status.HEALTHY)));
        index.accept(change(Change.ADDED, object("local", CONFIG_MAP, "b", "2", "d1", Health.Status.UNKNOWN)));
        assertThat(index.health("d1").status()).isEqualTo(Health.Status.HEALTHY);
        index.accept(change(Change.ADDED, object("local", DEPLOYMENT, "w", "3", "d1", Health.Status.PROGRESSING)));
        assertThat(index.health("d1").status()).isEqualTo(Health.Status.PROGRESSING);
        index.accept(change(Change.ADDED, object("edge", DEPLOYMENT, "w", "4", "d1", Health.Status.UNHEALTHY)));
        assertThat(index.health("d1")).satisfies(h -> {
            assertThat(h.status()).isEqualTo(Health.Status.UNHEALTHY);
            assertThat(h.objects()).isEqualTo(4);
        });
        assertThat(index.health("other").status()).isEqualTo(Health.Status.UNKNOWN);
    }

    @Test
    void anotherSourcesUnknownNeverMakesAnObjectUnhealthyButItsKnownVerdictCounts() {
        Health ready = new Health(Health.Status.HEALTHY, "3/3 replicas", "status");
        Health down = Health.unknown("prometheus unreachable");
        Health restarting = new Health(Health.Status.UNHEALTHY, "12 restarts in 10m", "prometheus");
        assertThat(ObjectHealth.combine(ready, Optional.of(down))).isEqualTo(ready);
        assertThat(ObjectHealth.combine(ready, Optional.empty())).isEqualTo(ready);
        assertThat(ObjectHealth.combine(ready, Optional.of(restarting))).isEqualTo(restarting);
        assertThat(ObjectHealth.combine(Health.unknown("no status"), Optional.of(ready))).isEqualTo(ready);
        assertThat(ObjectHealth.combine(restarting, Optional.of(ready))).isEqualTo(restarting);
    }

    @Test
    void statusHealthUsesTheDeploysReadinessRules() {
        ObjectHealth health = new ObjectHealth();
        Map<String, Object> rolledOut = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("generation", 2),
                "spec", Map.of("replicas", 2), "status", Map.of("observedGeneration", 2, "replicas", 2, "updatedReplicas", 2,
                        "availableReplicas", 2));
        Map<String, Object> failedJob = Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", Map.of(),
                "status", Map.of("conditions", List.of(Map.of("type", "Failed", "status", "True", "reason", "BackoffLimitExceeded"))));
        assertThat(health.fromStatus(rolledOut).status()).isEqualTo(Health.Status.HEALTHY);
        assertThat(health.fromStatus(rolledOut).reason()).isEqualTo("2/2 replicas available");
        assertThat(health.fromStatus(failedJob).status()).isEqualTo(Health.Status.UNHEALTHY);
    }

    private static ClusterObjectChanged change(Change change, ClusterObject object) {
        return new ClusterObjectChanged(object.cluster(), change, object, Instant.EPOCH);
    }

    private static ClusterObject object(String cluster, Gvk gvk, String name, String uid, String deployment, Health.Status health) {
        return new ClusterObject(cluster, gvk, "ns", name, uid, "1", Map.of(),
                deployment == null ? ObjectState.REGISTERED : ObjectState.REGISTERED,
                deployment == null ? Origin.BROWNFIELD : Origin.GREENFIELD, deployment, new Health(health, "", "status"));
    }
}

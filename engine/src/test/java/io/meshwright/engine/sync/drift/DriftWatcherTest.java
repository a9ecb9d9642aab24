package io.meshwright.engine.sync.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DriftWatcherTest {

    @Test
    void aBurstOfChangesToOneDeploymentsObjectsIsOneCheckAndAddedOrBrownfieldObjectsNone() throws Exception {
        EventBus bus = new EventBus(Clock.systemUTC());
        List<String> checked = new CopyOnWriteArrayList<>();
        try (DriftWatcher watcher = new DriftWatcher(bus, checked::add, Duration.ofMillis(300))) {
            for (int i = 0; i < 5; i++) {
                bus.publish(change(Event.ClusterObjectChanged.Change.MODIFIED, Origin.GREENFIELD, "shop-1", "cfg-" + i));
            }
            bus.publish(change(Event.ClusterObjectChanged.Change.DELETED, Origin.GREENFIELD, "blog-2", "web"));
            bus.publish(change(Event.ClusterObjectChanged.Change.ADDED, Origin.GREENFIELD, "news-3", "web"));
            bus.publish(change(Event.ClusterObjectChanged.Change.MODIFIED, Origin.BROWNFIELD, null, "other"));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> checked.size() >= 2);
            Thread.sleep(600); // nothing more may follow the quiet period
            assertThat(checked).containsExactlyInAnyOrder("shop-1", "blog-2");
        }
    }

    @Test
    void aModifiedWhoseResourceVersionDidNotMoveIsAHealthVerdictNotAChangeAndCostsNoCheck() throws Exception {
        EventBus bus = new EventBus(Clock.systemUTC());
        List<String> checked = new CopyOnWriteArrayList<>();
        try (DriftWatcher watcher = new DriftWatcher(bus, checked::add, Duration.ofMillis(200))) {
            bus.publish(change(Event.ClusterObjectChanged.Change.ADDED, Origin.GREENFIELD, "shop-1", "web", "7"));
            // The sync republishes the same object each health refresh (a new restart count in its reason).
            for (int i = 0; i < 3; i++) {
                bus.publish(change(Event.ClusterObjectChanged.Change.MODIFIED, Origin.GREENFIELD, "shop-1", "web", "7"));
            }
            Thread.sleep(600);
            assertThat(checked).isEmpty();

            bus.publish(change(Event.ClusterObjectChanged.Change.MODIFIED, Origin.GREENFIELD, "shop-1", "web", "8"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> checked.size() == 1);
            bus.publish(change(Event.ClusterObjectChanged.Change.MODIFIED, Origin.GREENFIELD, "shop-1", "web", "8"));
            Thread.sleep(600);
            assertThat(checked).containsExactly("shop-1");
        }
    }

    private static Event change(Event.ClusterObjectChanged.Change change, Origin origin, String deployment, String name) {
        return change(change, origin, deployment, name, "1");
    }

    private static Event change(Event.ClusterObjectChanged.Change change, Origin origin, String deployment, String name,
            String resourceVersion) {
        return new Event.ClusterObjectChanged("local", change, new ClusterObject("local", new Gvk("", "v1", "ConfigMap"),
                "shop", name, "uid-" + name, resourceVersion, null, ObjectState.REGISTERED, origin, deployment, null),
                Instant.now());
    }
}

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

    private static Event change(Event.ClusterObjectChanged.Change change, Origin origin, String deployment, String name) {
        return new Event.ClusterObjectChanged("local", change, new ClusterObject("local", new Gvk("", "v1", "ConfigMap"),
                "shop", name, "uid", "1", null, ObjectState.REGISTERED, origin, deployment, null), Instant.now());
    }
}

package io.meshwright.engine.nats;

import io.meshwright.spi.event.Event;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import io.meshwright.spi.sync.ObjectState;
import io.meshwright.spi.sync.Origin;
import java.time.Instant;
import java.util.Map;

/** Object changes as a watcher would make them, for the NATS tests. */
final class SyncEvents {

    private SyncEvents() {}

    static Event.ClusterObjectChanged configMap(String cluster, String name, int resourceVersion,
            Event.ClusterObjectChanged.Change change) {
        return change(cluster, new Gvk("", "v1", "ConfigMap"), "default", name, resourceVersion, change);
    }

    static Event.ClusterObjectChanged change(String cluster, Gvk gvk, String namespace, String name, int resourceVersion,
            Event.ClusterObjectChanged.Change change) {
        ClusterObject object = new ClusterObject(cluster, gvk, namespace, name, "uid-" + name, Integer.toString(resourceVersion),
                Map.of("meshwright.io/deployment", "dep-1"), ObjectState.REGISTERED, Origin.GREENFIELD, "dep-1",
                new Health(Health.Status.HEALTHY, "ready", "status"));
        return new Event.ClusterObjectChanged(cluster, change, object, Instant.parse("2026-11-30T07:00:00Z"));
    }
}

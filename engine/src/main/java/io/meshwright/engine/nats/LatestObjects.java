package io.meshwright.engine.nats;

import io.meshwright.spi.event.Event;
import io.meshwright.spi.sync.ClusterObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last state of every object seen in {@link Event.ClusterObjectChanged} events, keyed by
 * {@link ClusterObject#key()}; a deletion removes it. A {@link SnapshotSource} for a process that keeps no other
 * index (the sync agent), and the view a consumer keeps: replaying a change twice leaves it the same.
 */
public final class LatestObjects implements SnapshotSource {

    private final Map<String, ClusterObject> objects = new ConcurrentHashMap<>();

    /** Applies one change; {@code event}s of other types are ignored. */
    public void accept(Event event) {
        if (event instanceof Event.ClusterObjectChanged change) {
            if (change.change() == Event.ClusterObjectChanged.Change.DELETED) {
                objects.remove(change.object().key());
            } else {
                objects.put(change.object().key(), change.object());
            }
        }
    }

    @Override
    public List<ClusterObject> objects() {
        return List.copyOf(objects.values());
    }

    /** The objects of one cluster, by key. */
    public Map<String, ClusterObject> of(String cluster) {
        Map<String, ClusterObject> found = new java.util.TreeMap<>();
        objects.forEach((key, object) -> {
            if (object.cluster().equals(cluster)) {
                found.put(key, object);
            }
        });
        return found;
    }
}

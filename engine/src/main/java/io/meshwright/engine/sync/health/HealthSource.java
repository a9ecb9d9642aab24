package io.meshwright.engine.sync.health;

import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import java.util.Optional;

/**
 * A source of health beyond an object's own status (Prometheus, say). The same idea as the sync watcher's
 * health seam: when both exist, an adapter passes this one's verdicts on.
 */
public interface HealthSource {

    /** What this source knows of {@code object}'s health; empty when it has nothing to say about it. */
    Optional<Health> healthOf(ClusterObject object);
}

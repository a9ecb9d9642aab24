package io.meshwright.engine.sync;

import io.meshwright.spi.sync.ClusterObject;
import io.meshwright.spi.sync.Health;
import java.util.Optional;

/**
 * Another opinion on an object's health beside its status (Prometheus queries, say). Its verdict is combined with
 * the status's by {@link ObjectHealth#combine}: the worse of the two, where {@link Health.Status#UNKNOWN} from
 * this source never makes an object unhealthy. Called on the informer's thread for every change: answer from
 * memory (a cache the source refreshes on its own), never with a network call.
 */
@FunctionalInterface
public interface HealthSource {

    /** The verdict on {@code object} (whose health is the status's), or empty when this source has none. */
    Optional<Health> healthOf(ClusterObject object);

    /** No other source: health from status only. */
    static HealthSource none() {
        return object -> Optional.empty();
    }
}

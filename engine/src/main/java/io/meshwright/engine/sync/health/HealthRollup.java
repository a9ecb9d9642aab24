package io.meshwright.engine.sync.health;

import io.meshwright.spi.sync.Health;
import java.util.List;

/**
 * A deployment's health from its objects': the worst verdict wins — UNHEALTHY, then UNKNOWN (somebody could not
 * tell), then PROGRESSING — and HEALTHY only when every object with a verdict is healthy.
 */
public final class HealthRollup {

    private HealthRollup() {}

    /** The roll-up of {@code healths}; UNKNOWN "no verdict" when there are none. */
    public static Health of(List<Health> healths) {
        if (healths.isEmpty()) {
            return Health.unknown("no object has a verdict");
        }
        for (Health.Status status : List.of(Health.Status.UNHEALTHY, Health.Status.UNKNOWN, Health.Status.PROGRESSING)) {
            long count = healths.stream().filter(h -> h.status() == status).count();
            if (count > 0) {
                return new Health(status, count + " of " + healths.size() + " object(s) " + status.name().toLowerCase(
                        java.util.Locale.ROOT), "rollup");
            }
        }
        return new Health(Health.Status.HEALTHY, "all " + healths.size() + " object(s) healthy", "rollup");
    }
}

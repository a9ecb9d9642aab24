package io.meshwright.engine.sync;

import io.meshwright.engine.cluster.ReadinessRules;
import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.sync.Health;
import java.util.Map;
import java.util.Optional;

/**
 * An object's health from its status, by the same per-kind readiness rules a deploy waits on (a Deployment's
 * replicas, a Job's completion, a CRD's establishment, a {@code Ready} condition, …), and how another source's
 * verdict is combined with it.
 */
public final class ObjectHealth {

    static final String STATUS = "status";

    private final ReadinessRules rules = new ReadinessRules();

    /** Ready is HEALTHY, failed for good is UNHEALTHY, still waiting is PROGRESSING; the rule's sentence is the reason. */
    public Health fromStatus(Map<String, Object> object) {
        Readiness readiness;
        try {
            readiness = rules.judge(object);
        } catch (RuntimeException e) {
            return new Health(Health.Status.UNKNOWN, "status unreadable: " + e.getMessage(), STATUS);
        }
        Health.Status status = readiness.isReady() ? Health.Status.HEALTHY
                : readiness.done() ? Health.Status.UNHEALTHY : Health.Status.PROGRESSING;
        return new Health(status, readiness.message(), STATUS);
    }

    /**
     * The worse of {@code status} and {@code other}; {@code other}'s UNKNOWN (its source could not tell, e.g.
     * Prometheus is down) is ignored, so it never makes an object UNHEALTHY, and a known verdict of {@code other}
     * replaces an UNKNOWN status.
     */
    public static Health combine(Health status, Optional<Health> other) {
        if (other.isEmpty() || other.get().status() == Health.Status.UNKNOWN) {
            return status;
        }
        Health extra = other.get();
        if (status.status() == Health.Status.UNKNOWN) {
            return extra;
        }
        return rank(extra.status()) > rank(status.status()) ? extra : status;
    }

    private static int rank(Health.Status status) {
        return switch (status) {
            case HEALTHY -> 0;
            case UNKNOWN -> 1;
            case PROGRESSING -> 2;
            case UNHEALTHY -> 3;
        };
    }
}

package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/** A PersistentVolumeClaim is ready once bound to a volume; {@code Lost} means its volume is gone. */
final class PersistentVolumeClaimReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        String phase = ObjectTree.string(object, "status", "phase").orElse("Pending");
        return switch (phase) {
            case "Bound" -> Readiness.ready("bound to volume "
                    + ObjectTree.string(object, "spec", "volumeName").orElse("(unnamed)"));
            case "Lost" -> Readiness.failed("claim lost its volume");
            default -> Readiness.waiting("waiting for the claim to be bound (phase " + phase + ")");
        };
    }
}

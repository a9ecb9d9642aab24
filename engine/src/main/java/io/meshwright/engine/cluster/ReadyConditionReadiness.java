package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;
import java.util.Optional;

/**
 * Any other kind: when it reports a {@code Ready} condition, that decides (after the controller observed
 * the latest generation); a {@code Stalled=True} condition is a failure; otherwise it is ready once it exists.
 */
final class ReadyConditionReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        Optional<Map<String, Object>> stalled = ObjectTree.condition(object, "Stalled");
        if (stalled.isPresent() && "True".equals(String.valueOf(stalled.get().get("status")))) {
            return Readiness.failed("stalled: " + describe(stalled.get()));
        }
        Optional<Map<String, Object>> ready = ObjectTree.condition(object, "Ready");
        if (ready.isEmpty()) {
            return Readiness.ready("exists (its kind reports no readiness)");
        }
        if (!ReadinessRule.observedLatest(object)) {
            return Readiness.waiting("waiting for its controller to observe the latest spec");
        }
        return "True".equals(String.valueOf(ready.get().get("status")))
                ? Readiness.ready("ready")
                : Readiness.waiting("not ready yet: " + describe(ready.get()));
    }

    private static String describe(Map<String, Object> condition) {
        Object reason = condition.get("reason");
        Object message = condition.get("message");
        if (message != null && reason != null) {
            return reason + " (" + message + ")";
        }
        return String.valueOf(message != null ? message : reason != null ? reason : "no reason given");
    }
}

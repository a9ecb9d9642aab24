package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/** A Job is ready when it completed, and failed for good when it reports the {@code Failed} condition. */
final class JobReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        var failed = ObjectTree.condition(object, "Failed");
        if (failed.isPresent() && "True".equals(String.valueOf(failed.get().get("status")))) {
            return Readiness.failed("job failed: " + failed.get().getOrDefault("reason", "unknown reason")
                    + " (" + failed.get().getOrDefault("message", "no message") + ")");
        }
        if (ObjectTree.conditionTrue(object, "Complete")) {
            return Readiness.ready("job complete");
        }
        long completions = ObjectTree.numberOr(object, 1, "spec", "completions");
        long succeeded = ObjectTree.numberOr(object, 0, "status", "succeeded");
        return Readiness.waiting("waiting for the job to complete (" + succeeded + "/" + completions + " succeeded)");
    }
}

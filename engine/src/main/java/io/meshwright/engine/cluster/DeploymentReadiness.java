package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/**
 * A Deployment is ready when its controller has seen the latest spec and every desired replica is updated
 * and available. A {@code ProgressDeadlineExceeded} condition is a failure: the rollout has given up.
 */
final class DeploymentReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        var progressing = ObjectTree.condition(object, "Progressing");
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
            return Readiness.failed("rollout failed: progress deadline exceeded ("
                    + progressing.get().getOrDefault("message", "no message") + ")");
        }
        if (!ReadinessRule.observedLatest(object)) {
            return Readiness.waiting("waiting for the deployment controller to observe the latest spec");
        }
        long desired = ObjectTree.numberOr(object, 1, "spec", "replicas");
        long updated = ObjectTree.numberOr(object, 0, "status", "updatedReplicas");
        long available = ObjectTree.numberOr(object, 0, "status", "availableReplicas");
        long total = ObjectTree.numberOr(object, 0, "status", "replicas");
        if (updated < desired) {
            return Readiness.waiting("waiting for " + updated + "/" + desired + " replicas to be updated");
        }
        if (total > updated) {
            return Readiness.waiting("waiting for " + (total - updated) + " old replicas to terminate");
        }
        if (available < desired) {
            return Readiness.waiting("waiting for " + available + "/" + desired + " replicas");
        }
        return Readiness.ready(available + "/" + desired + " replicas available");
    }
}

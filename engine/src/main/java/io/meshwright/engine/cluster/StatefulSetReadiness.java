package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/**
 * A StatefulSet is ready when its controller has seen the latest spec, every replica is ready and, with the
 * RollingUpdate strategy, every replica at or above the partition runs the update revision.
 */
final class StatefulSetReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        if (!ReadinessRule.observedLatest(object)) {
            return Readiness.waiting("waiting for the statefulset controller to observe the latest spec");
        }
        long desired = ObjectTree.numberOr(object, 1, "spec", "replicas");
        long ready = ObjectTree.numberOr(object, 0, "status", "readyReplicas");
        String strategy = ObjectTree.string(object, "spec", "updateStrategy", "type").orElse("RollingUpdate");
        if ("RollingUpdate".equals(strategy)) {
            long partition = ObjectTree.numberOr(object, 0, "spec", "updateStrategy", "rollingUpdate", "partition");
            long expectedUpdated = Math.max(0, desired - partition);
            long updated = ObjectTree.numberOr(object, 0, "status", "updatedReplicas");
            if (updated < expectedUpdated) {
                return Readiness.waiting("waiting for " + updated + "/" + expectedUpdated + " replicas to be updated");
            }
        }
        if (ready < desired) {
            return Readiness.waiting("waiting for " + ready + "/" + desired + " replicas");
        }
        return Readiness.ready(ready + "/" + desired + " replicas ready");
    }
}

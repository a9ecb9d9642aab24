package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/** A DaemonSet is ready when every node that should run it runs the updated pod and that pod is available. */
final class DaemonSetReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        if (!ReadinessRule.observedLatest(object)) {
            return Readiness.waiting("waiting for the daemonset controller to observe the latest spec");
        }
        long desired = ObjectTree.numberOr(object, 0, "status", "desiredNumberScheduled");
        long updated = ObjectTree.numberOr(object, 0, "status", "updatedNumberScheduled");
        long available = ObjectTree.numberOr(object, 0, "status", "numberAvailable");
        if (updated < desired) {
            return Readiness.waiting("waiting for " + updated + "/" + desired + " nodes to run the updated pod");
        }
        if (available < desired) {
            return Readiness.waiting("waiting for " + available + "/" + desired + " pods to be available");
        }
        return Readiness.ready(available + "/" + desired + " pods available");
    }
}

package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/** A Namespace is ready while Active; a terminating namespace accepts no new objects. */
final class NamespaceReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        String phase = ObjectTree.string(object, "status", "phase").orElse("Active");
        return "Active".equals(phase)
                ? Readiness.ready("active")
                : Readiness.failed("namespace is " + phase.toLowerCase() + " and accepts no new objects");
    }
}

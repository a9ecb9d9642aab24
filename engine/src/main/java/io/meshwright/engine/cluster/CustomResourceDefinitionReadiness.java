package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import java.util.Map;

/**
 * A CustomResourceDefinition is ready when the API server established it and accepted its names; a name
 * conflict ({@code NamesAccepted=False}) will not resolve by waiting.
 */
final class CustomResourceDefinitionReadiness implements ReadinessRule {

    @Override
    public Readiness judge(Map<String, Object> object) {
        var names = ObjectTree.condition(object, "NamesAccepted");
        if (names.isPresent() && "False".equals(String.valueOf(names.get().get("status")))) {
            return Readiness.failed("names not accepted: " + names.get().getOrDefault("message", "name conflict"));
        }
        boolean established = ObjectTree.conditionTrue(object, "Established");
        boolean accepted = ObjectTree.conditionTrue(object, "NamesAccepted");
        if (established && accepted) {
            return Readiness.ready("established");
        }
        return Readiness.waiting(accepted ? "waiting for the definition to be established"
                : "waiting for the definition's names to be accepted");
    }
}

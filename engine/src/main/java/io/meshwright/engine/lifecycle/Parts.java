package io.meshwright.engine.lifecycle;

import io.meshwright.engine.plan.PlannedStep;
import io.meshwright.spi.design.ComponentDeclaration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a planned step becomes the part a deployer is handed. */
public final class Parts {

    private Parts() {}

    /**
     * The component with the namespace the planner resolved (from the design, the CRD it declares, discovery
     * or the registry), so that every deployer sees where the object goes without knowing the kind's scope.
     */
    public static ComponentDeclaration resolved(PlannedStep step) {
        ComponentDeclaration component = step.component();
        String namespace = step.ref().namespace();
        Map<String, Object> configuration = new LinkedHashMap<>(component.configuration());
        if (configuration.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> copy = new LinkedHashMap<>();
            metadata.forEach((key, value) -> copy.put(String.valueOf(key), value));
            if (namespace == null) {
                copy.remove("namespace");
            } else {
                copy.put("namespace", namespace);
            }
            configuration.put("metadata", copy);
        }
        return new ComponentDeclaration(component.id(), component.name(), component.model(), component.gvk(),
                namespace, configuration, component.dependsOn(), component.annotation(), component.source(),
                component.location());
    }
}

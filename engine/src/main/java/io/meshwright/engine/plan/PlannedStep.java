package io.meshwright.engine.plan;

import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.design.ComponentDeclaration;
import java.util.Set;

/**
 * One component in a plan.
 *
 * @param component    the declaration
 * @param ref          the object it makes (kind, namespace, name)
 * @param dependsOn    ids of the components it really waits for (explicit, referenced, related); the kind order
 *                     between levels is not listed here
 * @param isDependency whether some other step waits for this one (then it should be healthy before they start)
 */
public record PlannedStep(ComponentDeclaration component, ResourceRef ref, Set<String> dependsOn, boolean isDependency) {

    public PlannedStep {
        dependsOn = Set.copyOf(dependsOn);
    }

    public String id() {
        return component.id();
    }
}

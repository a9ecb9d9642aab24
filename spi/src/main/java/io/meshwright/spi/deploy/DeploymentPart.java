package io.meshwright.spi.deploy;

import io.meshwright.spi.design.ComponentDeclaration;
import java.util.Objects;

/**
 * One part of a design handed to a {@link io.meshwright.spi.extension.Deployer}: a component declaration in
 * the context of a deployment.
 *
 * @param deploymentId     the deployment it belongs to; every object it creates carries this id as a label
 * @param component        the declaration
 * @param defaultNamespace the namespace to use when the declaration names none (for namespaced kinds)
 */
public record DeploymentPart(String deploymentId, ComponentDeclaration component, String defaultNamespace) {

    public DeploymentPart {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(component, "component");
    }

    /** The part's id: its component's id. Inventory records name their part by it. */
    public String id() {
        return component.id();
    }
}

package io.meshwright.engine.lifecycle;

import io.meshwright.engine.design.ManifestObjects;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.Deployer;
import java.util.List;
import java.util.Map;

/**
 * The built-in deployer for components that are plain Kubernetes objects (no Helm chart or Git source): it
 * builds the object from the declaration and server-side applies it through the applier. Undeploy is left to
 * the engine, which removes the inventoried objects in reverse order.
 */
public final class ManifestDeployer implements Deployer {

    // The lifecycle hands over components whose namespace is already resolved (null for cluster-scoped
    // kinds), so every kind can be treated as "namespaced if a namespace is given".
    private final ManifestObjects objects = new ManifestObjects(gvk -> true);

    @Override
    public String name() {
        return "manifest";
    }

    @Override
    public boolean supports(ComponentDeclaration component) {
        return component.source() == null;
    }

    @Override
    public List<Map<String, Object>> render(DeploymentPart part) {
        return List.of(objects.toObject(part.component(), part.component().namespace()));
    }

    @Override
    public PartOutcome deploy(DeploymentPart part, ClusterApplier applier) {
        Map<String, Object> object = objects.toObject(part.component(), part.component().namespace());
        try {
            ApplyResult result = applier.apply(object, part.id());
            return result.created() || result.changed()
                    ? new PartOutcome.Applied(List.of(result.ref()))
                    : new PartOutcome.Unchanged(List.of(result.ref()));
        } catch (ApplyException e) {
            return new PartOutcome.Failed(e.getMessage(), e.ref());
        }
    }

    @Override
    public PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier) {
        return new PartOutcome.Unchanged(List.of());
    }
}

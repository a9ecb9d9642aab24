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
 * builds the object from the declaration and server-side applies it through the applier. The engine selects it
 * like any plugin's deployer, by {@link #supports}. Undeploy is left to the engine, which removes the
 * inventoried objects in reverse order.
 */
public final class ManifestDeployer implements Deployer {

    // The lifecycle hands over components whose namespace is already resolved (null for cluster-scoped
    // kinds), so every kind can be treated as "namespaced if a namespace is given".
    private final ManifestObjects objects = new ManifestObjects(gvk -> true);
    private final int concurrency;

    /** A manifest deployer applying up to {@code concurrency} objects of a level at once. */
    public ManifestDeployer(int concurrency) {
        this.concurrency = Math.max(1, concurrency);
    }

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

    /**
     * Builds every part's object and applies them in one batch: the applier reads what exists with one list
     * per kind and namespace instead of one read per object, and applies concurrently.
     */
    @Override
    public List<PartOutcome> deployAll(List<DeploymentPart> parts, ClusterApplier applier) {
        if (parts.size() == 1) {
            return List.of(deploy(parts.getFirst(), applier));
        }
        List<Map<String, Object>> built = parts.stream()
                .map(part -> objects.toObject(part.component(), part.component().namespace())).toList();
        return applier.applyMany(built, parts.stream().map(DeploymentPart::id).toList(), concurrency);
    }

    /** Nothing tool-specific to undo: the engine removes the part's inventoried objects itself, in reverse order. */
    @Override
    public PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier) {
        return new PartOutcome.Unchanged(List.of());
    }
}

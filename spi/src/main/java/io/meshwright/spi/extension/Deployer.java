package io.meshwright.spi.extension;

import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.design.ComponentDeclaration;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Deploys one part of a design from its source, and removes it.
 *
 * <p>Contract:
 * <ul>
 *   <li>A deployer never writes to the cluster except through the {@link ClusterApplier} it is handed (or, for
 *       a tool such as Helm that writes itself, after {@link ClusterApplier#intend} and followed by
 *       {@link ClusterApplier#confirm}), so the inventory always knows every object.</li>
 *   <li>{@link #deploy} and {@link #undeploy} are idempotent: after a crash the engine may call them again for
 *       the same part.</li>
 *   <li>{@link #render} has no side effects; it backs {@code design plan} and dry runs.</li>
 *   <li>Failures the user can act on are returned as {@link PartOutcome.Failed}, not thrown.</li>
 * </ul>
 * Lifetime: one instance per plugin start; parts of one deployment may be deployed concurrently.
 */
public interface Deployer extends ExtensionPoint {

    /** A short name, e.g. {@code manifest}, {@code helm}, {@code git}. */
    String name();

    /** Whether this deployer handles {@code component} (usually by its source type). */
    boolean supports(ComponentDeclaration component);

    /** The Kubernetes objects (JSON trees) the part would create, without touching the cluster. */
    List<Map<String, Object>> render(DeploymentPart part);

    /** Deploys the part through {@code applier}. */
    PartOutcome deploy(DeploymentPart part, ClusterApplier applier);

    /**
     * Deploys several independent parts of one plan level (they may go in any order, or at once), returning one
     * outcome per part in the order given. The engine hands each deployer all of its parts of a level through
     * this method; the default deploys them one by one. Override it to batch, e.g. with
     * {@link ClusterApplier#applyMany}, which reads what exists with one list per kind instead of one read per
     * object.
     */
    default List<PartOutcome> deployAll(List<DeploymentPart> parts, ClusterApplier applier) {
        return parts.stream().map(part -> deploy(part, applier)).toList();
    }

    /**
     * Removes what the part deployed. The engine calls it for every part of the deployment, in reverse plan
     * order, before it removes what is still in the inventory itself (in reverse kind order, under its safety
     * rules: uid preconditions, shared objects, the CRD rule). So a deployer only needs to do what its tool must
     * (e.g. {@code helm uninstall}); objects it deletes are found gone and journaled as such. {@code inventory}
     * holds the part's records; objects marked pre-existing must be left alone. Called again after a crash:
     * must be idempotent (a release that is already gone is {@link PartOutcome.Unchanged}).
     */
    PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier);
}

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
     * Removes what the part deployed. {@code inventory} holds the part's records; objects marked pre-existing
     * must be left alone. The engine removes objects the deployer leaves in the inventory itself, in reverse
     * kind order, so a deployer only needs to handle what its tool must do (e.g. {@code helm uninstall}).
     */
    PartOutcome undeploy(DeploymentPart part, List<InventoryEntry> inventory, ClusterApplier applier);
}

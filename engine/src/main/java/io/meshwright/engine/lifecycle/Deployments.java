package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.design.Design;
import java.util.List;
import java.util.Optional;

/**
 * The deploy / undeploy lifecycle as the APIs and the CLI see it. Calls block until the work is done; callers
 * that want to return early run them on a virtual thread and follow the deployment's events (subject = the
 * deployment id) on the event bus.
 */
public interface Deployments {

    /** The id the deployment of {@code design} to the engine's target cluster has (or will have). */
    String idFor(Design design);

    /**
     * Refuses at once when the engine takes no new work (it is stopping), for callers that answer before the
     * work starts ({@code ?async=true}).
     *
     * @throws EngineStoppingException while the engine is stopping
     */
    default void checkAccepting() {
    }

    /** Validates, plans, applies and verifies {@code design}; returns the deployment in its final state. */
    DeploymentRecord deploy(Design design, DeployOptions options);

    /** Removes everything the deployment created, in reverse order, and scans for leftovers. */
    UndeployReport undeploy(String deploymentId, UndeployOptions options);

    Optional<DeploymentRecord> get(String deploymentId);

    List<DeploymentRecord> list();

    /** The deployment's inventory. */
    List<InventoryEntry> inventory(String deploymentId);

    /** What each part's deployer last reported about what it runs (part id → name → value), e.g. a Git commit. */
    default java.util.Map<String, java.util.Map<String, String>> partDetails(String deploymentId) {
        return java.util.Map.of();
    }

    /**
     * Whether {@code ref}'s record in {@code deploymentId} was written for a tool that creates the object itself (a
     * Helm release: the deployer called {@code ClusterApplier.intend}), so the tool, not the engine, owns its fields.
     */
    default boolean toolManaged(String deploymentId, io.meshwright.spi.deploy.ResourceRef ref) {
        return false;
    }

    /** Orphan tracking for the target cluster, when this lifecycle has one. */
    default Optional<Orphans> orphans() {
        return Optional.empty();
    }

    /** The deployment's state transitions, oldest first, one line each. */
    default List<String> history(String deploymentId) {
        return List.of();
    }

    /**
     * Judges drift under the deployment's lock, so that no deploy or undeploy runs meanwhile: when the deployment
     * is DEPLOYED or DRIFTED, runs {@code check} on what it last deployed, then moves it to DRIFTED with the cause
     * {@code cause} names, or back to DEPLOYED when it names none. Empty when the deployment is in another state.
     *
     * @throws UnknownDeploymentException when there is no such deployment
     */
    default <T> Optional<T> judgeDrift(String deploymentId, java.util.function.Function<DeploymentStore.Stored, T> check,
            java.util.function.Function<T, Optional<String>> cause) {
        throw new UnsupportedOperationException("drift is not judged by this lifecycle");
    }

    /**
     * Re-applies what a DEPLOYED or DRIFTED deployment last deployed, with the same options, through the normal
     * deploy (the journaling applier, so the inventory stays exact); returns the deployment in its final state.
     *
     * @throws IllegalTransitionException when the deployment is in another state
     */
    default DeploymentRecord reconcile(String deploymentId) {
        throw new UnsupportedOperationException("reconcile is not offered by this lifecycle");
    }
}

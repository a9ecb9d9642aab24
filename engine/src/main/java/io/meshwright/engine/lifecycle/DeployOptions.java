package io.meshwright.engine.lifecycle;

import java.time.Duration;

/**
 * How to deploy.
 *
 * @param waitPolicy           how long to wait on objects before their dependents
 * @param timeout              how long one object may take to become ready (or a CRD Established)
 * @param installDependencies  install missing providers (CRDs/operators) from the registry's sources, through
 *                             the same inventory
 * @param adoptExisting        take objects that already exist into the inventory (brownfield adoption); without
 *                             it, an existing object that the deployment does not own fails the part
 * @param concurrency          how many objects of one level are applied at once
 * @param prune                prune even when the new version shares no object with the deployed one (which
 *                             usually means two different designs were given one name); overlapping versions
 *                             are always pruned of what they dropped
 */
public record DeployOptions(WaitPolicy waitPolicy, Duration timeout, boolean installDependencies,
        boolean adoptExisting, int concurrency, boolean prune) {

    /** Options without {@code --prune}. */
    public DeployOptions(WaitPolicy waitPolicy, Duration timeout, boolean installDependencies, boolean adoptExisting,
            int concurrency) {
        this(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, false);
    }

    public static DeployOptions defaults() {
        return new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(5), false, false, 16, false);
    }

    public DeployOptions withPrune(boolean prune) {
        return new DeployOptions(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, prune);
    }
}

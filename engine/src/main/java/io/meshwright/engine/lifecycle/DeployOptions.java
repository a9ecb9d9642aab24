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
 * @param createNamespaces     create the namespaces the design uses but neither declares nor finds on the cluster
 *                             (the default, like Helm's {@code --create-namespace}); without it they are refused
 * @param trustSources         with {@code installDependencies}: accept an https model source that names no digest
 */
public record DeployOptions(WaitPolicy waitPolicy, Duration timeout, boolean installDependencies,
        boolean adoptExisting, int concurrency, boolean prune, boolean createNamespaces, boolean trustSources) {

    /** Options that trust no undigested source. */
    public DeployOptions(WaitPolicy waitPolicy, Duration timeout, boolean installDependencies, boolean adoptExisting,
            int concurrency, boolean prune, boolean createNamespaces) {
        this(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, prune, createNamespaces, false);
    }

    /** Options without {@code --prune}, creating missing namespaces. */
    public DeployOptions(WaitPolicy waitPolicy, Duration timeout, boolean installDependencies, boolean adoptExisting,
            int concurrency) {
        this(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, false, true);
    }

    public static DeployOptions defaults() {
        return new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(5), false, false, 16, false, true, false);
    }

    public DeployOptions withPrune(boolean prune) {
        return new DeployOptions(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, prune,
                createNamespaces, trustSources);
    }

    public DeployOptions withTrustSources(boolean trust) {
        return new DeployOptions(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, prune,
                createNamespaces, trust);
    }

    public DeployOptions withCreateNamespaces(boolean create) {
        return new DeployOptions(waitPolicy, timeout, installDependencies, adoptExisting, concurrency, prune, create,
                trustSources);
    }
}

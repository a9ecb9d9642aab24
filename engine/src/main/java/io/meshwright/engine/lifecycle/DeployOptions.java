package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.WaitPolicy;
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
 */
public record DeployOptions(
        WaitPolicy waitPolicy, Duration timeout, boolean installDependencies, boolean adoptExisting, int concurrency) {

    public static DeployOptions defaults() {
        return new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(5), false, false, 16);
    }
}

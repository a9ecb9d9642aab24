package io.meshwright.engine.lifecycle;

import java.time.Duration;

/**
 * How to undeploy.
 *
 * @param removeCrds        also remove CRDs the deployment created, when safe (no custom resource of it remains
 *                          anywhere and no other deployment claims it)
 * @param deletePreExisting also delete objects that existed before the deployment adopted them
 * @param timeout           how long to wait for one object to be gone before reporting what blocks it
 * @param dryRun            report what would be removed, in which order, and change nothing
 */
public record UndeployOptions(boolean removeCrds, boolean deletePreExisting, Duration timeout, boolean dryRun) {

    public static UndeployOptions defaults() {
        return new UndeployOptions(true, false, Duration.ofSeconds(60), false);
    }
}

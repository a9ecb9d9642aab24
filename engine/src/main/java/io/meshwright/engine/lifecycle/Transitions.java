package io.meshwright.engine.lifecycle;

import static io.meshwright.spi.deploy.DeploymentState.APPLYING;
import static io.meshwright.spi.deploy.DeploymentState.DEPLOYED;
import static io.meshwright.spi.deploy.DeploymentState.DRIFTED;
import static io.meshwright.spi.deploy.DeploymentState.FAILED;
import static io.meshwright.spi.deploy.DeploymentState.PLANNED;
import static io.meshwright.spi.deploy.DeploymentState.UNDEPLOYED;
import static io.meshwright.spi.deploy.DeploymentState.UNDEPLOYED_UNVERIFIED;
import static io.meshwright.spi.deploy.DeploymentState.UNDEPLOYED_WITH_LEFTOVERS;
import static io.meshwright.spi.deploy.DeploymentState.UNDEPLOYING;
import static io.meshwright.spi.deploy.DeploymentState.VALIDATING;
import static io.meshwright.spi.deploy.DeploymentState.VERIFYING;

import io.meshwright.spi.deploy.DeploymentState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which deployment state may follow which: the lifecycle's state machine as a table.
 *
 * <pre>
 * PENDING → VALIDATING → PLANNED → APPLYING → VERIFYING → DEPLOYED ⇄ DRIFTED (reconcile via APPLYING)
 *    any of the above → FAILED (with cause and partial inventory)
 * DEPLOYED | DRIFTED | FAILED (and an interrupted APPLYING/VERIFYING) → UNDEPLOYING → UNDEPLOYED | UNDEPLOYED_WITH_LEFTOVERS | UNDEPLOYED_UNVERIFIED
 * </pre>
 */
final class Transitions {

    private Transitions() {
    }

    static boolean allowed(DeploymentState from, DeploymentState to) {
        return successors(from).contains(to);
    }

    static Set<DeploymentState> successors(DeploymentState from) {
        return switch (from) {
            case PENDING -> EnumSet.of(VALIDATING, FAILED, UNDEPLOYING);
            case VALIDATING -> EnumSet.of(PLANNED, FAILED, UNDEPLOYING);
            case PLANNED -> EnumSet.of(APPLYING, FAILED, UNDEPLOYING);
            case APPLYING -> EnumSet.of(VERIFYING, FAILED, UNDEPLOYING);
            case VERIFYING -> EnumSet.of(DEPLOYED, FAILED, UNDEPLOYING);
            case DEPLOYED -> EnumSet.of(DRIFTED, APPLYING, VALIDATING, UNDEPLOYING);
            case DRIFTED -> EnumSet.of(DEPLOYED, APPLYING, VALIDATING, UNDEPLOYING);
            case FAILED -> EnumSet.of(VALIDATING, UNDEPLOYING);
            case UNDEPLOYING -> EnumSet.of(UNDEPLOYED, UNDEPLOYED_WITH_LEFTOVERS, UNDEPLOYED_UNVERIFIED, FAILED);
            case UNDEPLOYED -> EnumSet.of(VALIDATING);
            case UNDEPLOYED_WITH_LEFTOVERS, UNDEPLOYED_UNVERIFIED -> EnumSet.of(UNDEPLOYING, VALIDATING);
        };
    }
}

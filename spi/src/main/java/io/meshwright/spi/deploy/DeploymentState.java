package io.meshwright.spi.deploy;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a deployment (a design version deployed to one cluster). Each transition is committed to the
 * store before the work it announces starts.
 *
 * <pre>
 * PENDING → VALIDATING → PLANNED → APPLYING → VERIFYING → DEPLOYED ⇄ DRIFTED (reconcile via APPLYING)
 *    any of the above → FAILED (with cause and partial inventory)
 * DEPLOYED | DRIFTED | FAILED (and an interrupted APPLYING/VERIFYING) → UNDEPLOYING → UNDEPLOYED | UNDEPLOYED_WITH_LEFTOVERS
 * </pre>
 */
public enum DeploymentState {
    PENDING,
    VALIDATING,
    PLANNED,
    APPLYING,
    VERIFYING,
    DEPLOYED,
    DRIFTED,
    FAILED,
    UNDEPLOYING,
    UNDEPLOYED,
    UNDEPLOYED_WITH_LEFTOVERS;

    /** Whether the deployment has reached a state no work is in progress in. */
    public boolean isSettled() {
        return switch (this) {
            case DEPLOYED, DRIFTED, FAILED, UNDEPLOYED, UNDEPLOYED_WITH_LEFTOVERS -> true;
            default -> false;
        };
    }

    /** Whether this state may be followed by {@code next}. */
    public boolean canMoveTo(DeploymentState next) {
        return successors().contains(next);
    }

    /** The states that may follow this one. */
    public Set<DeploymentState> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(VALIDATING, FAILED, UNDEPLOYING);
            case VALIDATING -> EnumSet.of(PLANNED, FAILED, UNDEPLOYING);
            case PLANNED -> EnumSet.of(APPLYING, FAILED, UNDEPLOYING);
            case APPLYING -> EnumSet.of(VERIFYING, FAILED, UNDEPLOYING);
            case VERIFYING -> EnumSet.of(DEPLOYED, FAILED, UNDEPLOYING);
            case DEPLOYED -> EnumSet.of(DRIFTED, APPLYING, VALIDATING, UNDEPLOYING);
            case DRIFTED -> EnumSet.of(DEPLOYED, APPLYING, VALIDATING, UNDEPLOYING);
            case FAILED -> EnumSet.of(VALIDATING, UNDEPLOYING);
            case UNDEPLOYING -> EnumSet.of(UNDEPLOYED, UNDEPLOYED_WITH_LEFTOVERS, FAILED);
            case UNDEPLOYED -> EnumSet.of(VALIDATING);
            case UNDEPLOYED_WITH_LEFTOVERS -> EnumSet.of(UNDEPLOYING, VALIDATING);
        };
    }
}

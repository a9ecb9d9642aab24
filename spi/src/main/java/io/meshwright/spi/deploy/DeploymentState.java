package io.meshwright.spi.deploy;


/**
 * The states of a deployment (a design version deployed to one cluster). Each transition is committed to the
 * store before the work it announces starts.
 *
 * <pre>
 * PENDING → VALIDATING → PLANNED → APPLYING → VERIFYING → DEPLOYED ⇄ DRIFTED (reconcile via APPLYING)
 *    any of the above → FAILED (with cause and partial inventory)
 * DEPLOYED | DRIFTED | FAILED (and an interrupted APPLYING/VERIFYING) → UNDEPLOYING → UNDEPLOYED | UNDEPLOYED_WITH_LEFTOVERS | UNDEPLOYED_UNVERIFIED
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
    UNDEPLOYED_WITH_LEFTOVERS,
    /**
     * Everything in the inventory was removed, but the leftover scan could not read some kinds (an aggregated
     * API down, a list refused): whether anything is left is unknown, so "0 left" is not claimed.
     */
    UNDEPLOYED_UNVERIFIED;

    /** Whether the deployment has reached a state no work is in progress in. */
    public boolean isSettled() {
        return switch (this) {
            case DEPLOYED, DRIFTED, FAILED, UNDEPLOYED, UNDEPLOYED_WITH_LEFTOVERS, UNDEPLOYED_UNVERIFIED -> true;
            default -> false;
        };
    }
}

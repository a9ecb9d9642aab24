package io.meshwright.engine.inventory;

import io.meshwright.spi.deploy.ResourceRef;

/**
 * A deployment tried to claim an object another deployment is deleting right now (it released its last claim
 * and sent, or is about to send, the delete). Claiming it would let the delete take this deployment's object
 * with it; the claim is refused instead, and a retry after the delete creates the object anew.
 */
public final class ObjectBeingDeletedException extends RuntimeException {

    private final ResourceRef ref;

    public ObjectBeingDeletedException(ResourceRef ref, String deletingDeployment) {
        super(ref + " is being deleted by deployment " + deletingDeployment + " right now; deploy again once it is gone");
        this.ref = ref;
    }

    public ResourceRef ref() {
        return ref;
    }
}

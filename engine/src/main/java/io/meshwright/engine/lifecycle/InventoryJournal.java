package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every object each deployment created or adopted. An entry is written
 * {@link io.meshwright.spi.deploy.InventoryStatus#INTENDED INTENDED} (committed) before the object is created
 * and {@code CONFIRMED} with its uid after, so that after a crash at any point the engine knows every object
 * it may have made. Every method commits before it returns.
 */
public interface InventoryJournal {

    /**
     * Records the intent to create or update {@code ref} for {@code partId}. Keeps an existing entry's uid and
     * status when there is one (a re-apply), and records {@code preExisting} only for a new entry.
     */
    void intend(String deploymentId, ResourceRef ref, String partId, boolean preExisting);

    /** Confirms that {@code ref} exists with {@code uid}. */
    void confirm(String deploymentId, ResourceRef ref, String uid);

    /** Marks {@code ref} as deleted (verified gone). */
    void markDeleted(String deploymentId, ResourceRef ref);

    /** Marks {@code ref} as left over: it could not be removed; {@code reason} says why. */
    void markLeftOver(String deploymentId, ResourceRef ref, String reason);

    /**
     * Lets go of a shared object atomically: when another deployment still holds {@code ref}, marks this
     * deployment's record deleted (the object stays, the other deployment owns it now) and returns that
     * deployment's id; otherwise changes nothing and returns empty. One transaction, so two deployments
     * undeploying at once cannot both let go and leave the object owned by nobody.
     */
    Optional<String> releaseIfClaimed(String deploymentId, ResourceRef ref);

    /** Whether any deployment ever recorded {@code ref} as pre-existing (brownfield), whatever became of that record. */
    boolean recordedAsPreExisting(ResourceRef ref);

    /** Drops an intent that never became an object (the create failed, or the object never appeared). */
    void forget(String deploymentId, ResourceRef ref);

    /** One entry, if recorded. */
    Optional<InventoryEntry> entry(String deploymentId, ResourceRef ref);

    /** All entries of the deployment, in the order they were first recorded. */
    List<InventoryEntry> entries(String deploymentId);

    /**
     * Entries of other deployments that still hold {@code ref} (intended or confirmed), for reference counting.
     * A record left over by an undeploy that kept the object is no claim.
     */
    List<InventoryEntry> claimsByOthers(String deploymentId, ResourceRef ref);
}

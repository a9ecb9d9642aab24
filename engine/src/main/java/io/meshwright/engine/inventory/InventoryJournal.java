package io.meshwright.engine.inventory;

import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every object each deployment created or adopted. An entry is written
 * {@link io.meshwright.spi.deploy.InventoryStatus#INTENDED INTENDED} (committed) before the object is created
 * and {@code CONFIRMED} with its uid after, so that after a crash at any point the engine knows every object
 * it may have made. Every method commits before it returns. Package-private: the inventory package is the
 * only writer of records; everything else reads through {@link InventoryRecords}.
 */
interface InventoryJournal extends InventoryRecords {

    /**
     * Records the intent to create or update {@code ref} for {@code partId}. Keeps an existing entry's uid and
     * status when there is one (a re-apply), and records {@code preExisting} as given (recomputed from the live
     * object by the caller every time).
     *
     * @throws ObjectBeingDeletedException when another deployment is deleting the object right now
     */
    void intend(String deploymentId, ResourceRef ref, String partId, boolean preExisting);

    /**
     * {@link #intend} for an object a tool (Helm, say) is about to create itself: it will carry no label of ours
     * until it is confirmed, so crash recovery takes such an object only when it carries one of {@code marks}
     * ({@link #toolMarks}); an unmarked one is someone else's.
     *
     * @throws ObjectBeingDeletedException when another deployment is deleting the object right now
     */
    void intendForTool(String deploymentId, ResourceRef ref, String partId, boolean preExisting, ToolMarks marks);

    /** The marks {@code ref}'s record in {@code deploymentId} was last intended with, if it was intended for a tool. */
    Optional<ToolMarks> toolMarks(String deploymentId, ResourceRef ref);

    /**
     * Whether {@code ref}'s record in {@code deploymentId} was last intended for a tool, marks or not: records an
     * older engine wrote before tool marks were kept say so too (their {@link #toolMarks} is empty).
     */
    boolean intendedForTool(String deploymentId, ResourceRef ref);

    /**
     * Records the intent afresh: the object the record names is gone or was replaced (its uid differs), so the
     * record becomes an intent without a uid, to be confirmed with the new object's. (A plain {@link #intend}
     * keeps a confirmed record's uid, which would then name an object that no longer exists.)
     */
    void reintend(String deploymentId, ResourceRef ref, String partId, boolean preExisting);

    /** Confirms that {@code ref} exists with {@code uid}. */
    void confirm(String deploymentId, ResourceRef ref, String uid);

    /** Marks {@code ref} as deleted (verified gone). */
    void markDeleted(String deploymentId, ResourceRef ref);

    /** Marks {@code ref} as left over: it could not be removed; {@code reason} says why. */
    void markLeftOver(String deploymentId, ResourceRef ref, String reason);

    /**
     * Lets go of an object atomically before deleting it: when another deployment still holds {@code ref},
     * marks this deployment's record deleted (the object stays, the other deployment owns it now) and returns
     * that deployment's id; otherwise marks this deployment's record as being deleted and returns empty. One
     * transaction, so two deployments undeploying at once cannot both let go, and a deployment that claims the
     * object later sees that it is being deleted ({@link #intend} refuses) instead of racing the delete.
     */
    Optional<String> releaseOrMarkDeleting(String deploymentId, ResourceRef ref);

    /**
     * Lets go of a shared object without marking anything as being deleted: when another deployment still
     * holds {@code ref}, marks this deployment's record deleted and returns that deployment's id.
     */
    Optional<String> releaseIfClaimed(String deploymentId, ResourceRef ref);

    /**
     * Marks {@code refs} as being deleted, all at once: they go with their namespace, which nobody else holds
     * anything in (checked by the caller). The default marks them one by one; a store may use one transaction.
     */
    default void markAllDeleting(String deploymentId, List<ResourceRef> refs) {
        refs.forEach(ref -> releaseOrMarkDeleting(deploymentId, ref));
    }

    /** {@link #markDeleted} for many objects (verified gone together); a store may use one transaction. */
    default void markAllDeleted(String deploymentId, List<ResourceRef> refs) {
        refs.forEach(ref -> markDeleted(deploymentId, ref));
    }

    /** Clears the being-deleted mark (the delete did not happen: kept, failed or held by finalizers). */
    void clearDeleting(String deploymentId, ResourceRef ref);

    /**
     * Whether a live record (intended or confirmed) of any deployment on {@code deploymentId}'s cluster holds
     * {@code ref} as pre-existing (adopted).
     */
    boolean heldAsPreExisting(String deploymentId, ResourceRef ref);

    /** Drops an intent that never became an object (the create failed, or the object never appeared). */
    void forget(String deploymentId, ResourceRef ref);
}

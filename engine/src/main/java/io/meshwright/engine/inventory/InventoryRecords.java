package io.meshwright.engine.inventory;

import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the inventory: what each deployment created, adopted or shares. Everything outside the
 * {@code inventory} package reads through this; only the inventory package writes records.
 */
public interface InventoryRecords {

    /** One entry, if recorded. */
    Optional<InventoryEntry> entry(String deploymentId, ResourceRef ref);

    /** All entries of the deployment, in the order they were first recorded. */
    List<InventoryEntry> entries(String deploymentId);

    /**
     * Entries of other deployments that still hold {@code ref} (intended or confirmed), for reference counting.
     * A record left over by an undeploy that kept the object is no claim.
     */
    List<InventoryEntry> claimsByOthers(String deploymentId, ResourceRef ref);

    /** Live records (intended or confirmed) of deployments other than {@code deploymentId} in {@code namespace}. */
    List<InventoryEntry> heldInNamespaceByOthers(String deploymentId, String namespace);

    /**
     * Live records (intended or confirmed) of any deployment that hold {@code ref}: which deployments made or
     * adopted the object (the sync's greenfield test).
     */
    List<InventoryEntry> holders(ResourceRef ref);

    /**
     * Every record, whatever its status, of deployments on the cluster {@code clusterUid}, of deployments that
     * recorded no cluster, and of deployment ids the store no longer holds (whose cluster is unknown): what the
     * orphan scan weighs the cluster's labelled objects against.
     */
    List<InventoryEntry> recordsOnCluster(String clusterUid);

    /**
     * Why an undeploy kept {@code ref} when {@code deploymentId}'s record of it is left over (a CRD kept on request,
     * a finalizer that held it); empty for any other record, or none.
     */
    Optional<String> leftOverReason(String deploymentId, ResourceRef ref);
}

package io.meshwright.engine.sync;

import io.meshwright.engine.inventory.InventoryRecords;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.ResourceRef;
import java.util.Map;
import java.util.Optional;

/**
 * Which deployment made (or adopted) an object: greenfield when one did, brownfield otherwise. The engine asks
 * its inventory; an agent process without the engine's store reads the deployment label.
 */
public interface OriginLookup {

    /** The label every object Meshwright applies carries. */
    String DEPLOYMENT_LABEL = "meshwright.io/deployment";

    /** The deployment holding the object {@code ref} with this {@code uid} and {@code labels}, if any. */
    Optional<String> deploymentOf(ResourceRef ref, String uid, Map<String, String> labels);

    /**
     * The engine's inventory: a live record (intended or confirmed) of the object, whose recorded uid, when it has
     * one, is the live object's (an object re-created by someone else under the same name is not the deployment's).
     */
    static OriginLookup inventory(InventoryRecords records) {
        return (ref, uid, labels) -> records.holders(ref).stream()
                .filter(entry -> entry.uid() == null || entry.uid().isEmpty() || uid == null || entry.uid().equals(uid))
                .map(InventoryEntry::deploymentId)
                .findFirst();
    }

    /**
     * The {@code meshwright.io/deployment} label, for a watcher without the engine's store. Objects a tool applies
     * without the label (Helm releases) look brownfield to it.
     */
    static OriginLookup label() {
        return (ref, uid, labels) -> Optional.ofNullable(labels.get(DEPLOYMENT_LABEL)).filter(v -> !v.isBlank());
    }
}

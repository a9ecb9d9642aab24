package io.meshwright.spi.deploy;

import java.util.Objects;

/**
 * One object a deployment created or adopted.
 *
 * @param deploymentId the deployment
 * @param ref          the object
 * @param uid          its uid once confirmed, {@code null} while only intended
 * @param partId       the design part (component id) that produced it
 * @param preExisting  {@code true} when the object existed before the deployment touched it (brownfield):
 *                     such objects are never deleted on undeploy unless the user asks
 * @param status       where the record stands
 */
public record InventoryEntry(
        String deploymentId,
        ResourceRef ref,
        String uid,
        String partId,
        boolean preExisting,
        InventoryStatus status) {

    public InventoryEntry {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
    }
}

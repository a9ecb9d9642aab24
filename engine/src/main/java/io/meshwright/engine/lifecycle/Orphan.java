package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.ResourceRef;

/**
 * An object in the cluster that carries Meshwright's deployment label (or a CRD a deployment recorded) and that no
 * live inventory holds: nobody would ever remove it.
 *
 * @param ref          the object
 * @param uid          its uid when it was found, the precondition of its delete
 * @param deploymentId the deployment its label names (for a CRD found through the records, the first that recorded it)
 * @param reason       why it is an orphan
 * @param why          the same, for a person: which engine, which deployment, in which state, holding which record
 * @param preExisting  a record, or its {@code meshwright.io/adopted} mark, says it existed before a deployment adopted
 *                     it: clean keeps it
 * @param origin       whether this engine applied it, another engine did, or nothing says
 * @param engineId     the engine id it carries ({@code meshwright.io/engine}); {@code null} when it carries none
 */
public record Orphan(ResourceRef ref, String uid, String deploymentId, Reason reason, String why, boolean preExisting,
        Origin origin, String engineId) {

    /** Why an object is an orphan. */
    public enum Reason {
        /** Its label names a deployment the store does not hold (removed from the store, a fresh data directory). */
        NO_SUCH_DEPLOYMENT,
        /** Its deployment exists, but no live record of its inventory holds the object (a crash of an older engine). */
        NOT_IN_INVENTORY,
        /** A CRD every deployment that made or claimed it is gone from, or no longer holds it. */
        CRD_CLAIMANTS_GONE
    }

    /**
     * Which engine applied the object. Deployment ids derive from the design name, so the same label on another
     * engine's object names a deployment this engine may hold too: only the engine stamp tells them apart.
     */
    public enum Origin {
        /** It carries this engine's id, or a record of this engine names it: clean may remove it. */
        THIS_ENGINE,
        /** It carries another engine's id: that engine's deployment may be live; kept unless that engine is named. */
        OTHER_ENGINE,
        /** It carries no engine id (an engine older than the stamp, or a label put by hand): kept unless asked. */
        NO_ENGINE_STAMP
    }
}

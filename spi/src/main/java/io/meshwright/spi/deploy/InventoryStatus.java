package io.meshwright.spi.deploy;

/**
 * Where one inventory record stands. Records are written {@link #INTENDED} before the object is created, so
 * that a crash between the create call and its confirmation never leaves an object nobody tracks.
 */
public enum InventoryStatus {
    /** About to be created or updated; the object may or may not exist. */
    INTENDED,
    /** Exists in the cluster with the recorded uid. */
    CONFIRMED,
    /** Deleted and verified gone. */
    DELETED,
    /** Could not be removed; the deployment's report says why. */
    LEFT_OVER
}

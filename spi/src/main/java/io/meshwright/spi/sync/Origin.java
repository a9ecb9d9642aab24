package io.meshwright.spi.sync;

/** Who made an object. */
public enum Origin {
    /** In a Meshwright deployment's inventory (the deployment id is on the {@link ClusterObject}). */
    GREENFIELD,
    /** Already there, or made by someone else: no deployment's inventory holds it. */
    BROWNFIELD
}

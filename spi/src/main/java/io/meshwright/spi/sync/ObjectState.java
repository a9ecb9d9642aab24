package io.meshwright.spi.sync;

/** How far the engine knows an object, from least to most. */
public enum ObjectState {
    /** Seen on the cluster, but its kind has no definition in the registry: a candidate for model generation. */
    DISCOVERED,
    /** Its kind has a component definition in the registry. */
    REGISTERED,
    /** Registered, running and healthy. */
    CONNECTED
}

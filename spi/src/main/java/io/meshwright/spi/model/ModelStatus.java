package io.meshwright.spi.model;

/** Whether a model takes part in resolution. An ignored model stays stored but resolves nothing. */
public enum ModelStatus {
    ENABLED,
    IGNORED
}

package io.meshwright.engine.registry;

/** What an import report line is about. {@link #FILE} is used when a whole input could not be read as entities. */
public enum EntityKind {
    MODEL,
    COMPONENT,
    RELATIONSHIP,
    FILE
}

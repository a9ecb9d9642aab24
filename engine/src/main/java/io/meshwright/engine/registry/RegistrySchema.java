package io.meshwright.engine.registry;

import io.meshwright.engine.store.Migration;
import java.util.List;

/** The registry's tables, versioned in code (feature {@code registry}). */
final class RegistrySchema {
    private RegistrySchema() {}

    static final List<Migration> MIGRATIONS = List.of();
}

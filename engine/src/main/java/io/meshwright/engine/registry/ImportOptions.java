package io.meshwright.engine.registry;

import java.util.Objects;

/**
 * How to run one import.
 *
 * @param dryRun validate and report what would change, store nothing
 * @param limits size limits that guard against hostile input
 */
public record ImportOptions(boolean dryRun, ImportLimits limits) {

    public ImportOptions {
        Objects.requireNonNull(limits, "limits");
    }

    /** Store, with the default limits. */
    public static ImportOptions defaults() {
        return new ImportOptions(false, ImportLimits.defaults());
    }

    /** Validate only, with the default limits. */
    public static ImportOptions validateOnly() {
        return new ImportOptions(true, ImportLimits.defaults());
    }

    public ImportOptions withDryRun(boolean value) {
        return new ImportOptions(value, limits);
    }
}

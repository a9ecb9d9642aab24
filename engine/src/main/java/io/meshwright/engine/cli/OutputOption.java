package io.meshwright.engine.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o table|json|yaml}: the one output option every command that prints an answer mixes in, so that its
 * name, default and help read the same everywhere.
 */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    /** Whether the answer is printed as a table (the default) rather than as JSON or YAML. */
    boolean table() {
        return format == OutputFormat.TABLE;
    }
}

package io.meshwright.engine.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Paging and output options every listing command shares. */
public final class ListOptions {

    @Mixin OutputOption output;

    @Option(names = "--offset", defaultValue = "0", description = "skip this many entries")
    int offset;

    @Option(names = "--limit", defaultValue = "100", description = "at most this many entries (1-1000, default: ${DEFAULT-VALUE})")
    int limit;
}

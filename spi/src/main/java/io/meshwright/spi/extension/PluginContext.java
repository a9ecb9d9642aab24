package io.meshwright.spi.extension;

import io.meshwright.spi.event.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine hands each extension: an extension class with a public constructor taking a
 * {@code PluginContext} gets one; otherwise its no-argument constructor is used. One context per plugin start.
 *
 * @param registry the registry view
 * @param events   where to report progress and problems
 * @param clock    the clock to read time from (never call {@code Instant.now()} directly, so tests can control time)
 * @param workDir  a directory private to the plugin, kept across restarts (caches, clones)
 * @param fetcher  fetches URLs under the engine's address policy and size limits (SPI 1.3); never null
 */
public record PluginContext(RegistryView registry, EventSink events, Clock clock, Path workDir, Fetcher fetcher) {

    public PluginContext {
        Objects.requireNonNull(fetcher, "fetcher");
    }

    /** A context without a fetcher ({@link Fetcher#none()}): what contexts were before SPI 1.3. */
    public PluginContext(RegistryView registry, EventSink events, Clock clock, Path workDir) {
        this(registry, events, clock, workDir, Fetcher.none());
    }
}

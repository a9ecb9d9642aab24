package io.meshwright.spi.extension;

import io.meshwright.spi.event.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the engine hands each extension: an extension class with a public constructor taking a
 * {@code PluginContext} gets one; otherwise its no-argument constructor is used. One context per plugin start.
 *
 * @param registry     the registry view
 * @param events       where to report progress and problems
 * @param clock        the clock to read time from (never call {@code Instant.now()} directly, so tests can control time)
 * @param workDir      a directory private to the plugin, kept across restarts (caches, clones)
 * @param fetcher      fetches URLs under the engine's address policy and size limits (SPI 1.3; GETs with headers and
 *                     any status, {@link Fetcher#exchange}, since SPI 1.5); never null
 * @param modelSources every model source the engine has loaded, this plugin's own included (SPI 1.4), so a plugin
 *                     can hand a source it finds inside its own (a chart inside a repository) to whichever plugin
 *                     supports it, without depending on that plugin; call it when needed, not in a constructor
 *                     (other plugins may not be loaded yet), and expect a different list after a reload; never
 *                     null, empty where the engine offers none
 * @param deployers    every deployer the engine has loaded, this plugin's own included (SPI 1.4); same rules as
 *                     {@code modelSources}
 * @param secrets      resolves the environment variables and files a design names as credentials, under the operator's
 *                     rule (SPI 1.5); never null, {@link SecretResolver#none()} where the engine offers none
 */
public record PluginContext(RegistryView registry, EventSink events, Clock clock, Path workDir, Fetcher fetcher,
        Supplier<List<ModelSource>> modelSources, Supplier<List<Deployer>> deployers, SecretResolver secrets) {

    public PluginContext {
        Objects.requireNonNull(fetcher, "fetcher");
        modelSources = modelSources == null ? List::of : modelSources;
        deployers = deployers == null ? List::of : deployers;
        secrets = secrets == null ? SecretResolver.none() : secrets;
    }

    /** A context that allows no credentials ({@link SecretResolver#none()}): what contexts were before SPI 1.5. */
    public PluginContext(RegistryView registry, EventSink events, Clock clock, Path workDir, Fetcher fetcher,
            Supplier<List<ModelSource>> modelSources, Supplier<List<Deployer>> deployers) {
        this(registry, events, clock, workDir, fetcher, modelSources, deployers, SecretResolver.none());
    }

    /** A context that offers no other extensions: what contexts were before SPI 1.4. */
    public PluginContext(RegistryView registry, EventSink events, Clock clock, Path workDir, Fetcher fetcher) {
        this(registry, events, clock, workDir, fetcher, List::of, List::of);
    }

    /** A context without a fetcher ({@link Fetcher#none()}): what contexts were before SPI 1.3. */
    public PluginContext(RegistryView registry, EventSink events, Clock clock, Path workDir) {
        this(registry, events, clock, workDir, Fetcher.none());
    }
}

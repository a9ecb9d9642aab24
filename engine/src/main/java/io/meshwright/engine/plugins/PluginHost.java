package io.meshwright.engine.plugins;

import io.meshwright.spi.extension.Adapter;
import io.meshwright.spi.extension.Deployer;
import io.meshwright.spi.extension.ModelSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugin jars from the plugin folders (the distribution's {@code plugins/} and {@code <data-dir>/plugins})
 * with PF4J, and gives the rest of the engine their extensions.
 *
 * <p>A plugin that cannot be loaded, resolved or started, or whose extension cannot be created, is kept in
 * {@link #plugins()} as {@link PluginStatus#FAILED} with its cause, and the others load as usual: one bad jar
 * never stops the engine. Extensions are created once per plugin start and shared (the SPI says so).
 *
 * <p>Thread-safe: {@link #load()}, {@link #reload()} and {@link #close()} are serialised; readers see the last
 * complete load.
 */
public final class PluginHost implements AutoCloseable {

    /** The extension points the engine knows, in the order listings show them. */
    static final List<Class<? extends ExtensionPoint>> EXTENSION_POINTS =
            List.of(ModelSource.class, Deployer.class, Adapter.class);

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final List<Path> roots;
    private final PluginContexts contexts;
    private volatile Loaded loaded = Loaded.EMPTY;

    /**
     * @param roots    plugin folders; missing ones are skipped
     * @param contexts makes each plugin's context
     */
    public PluginHost(List<Path> roots, PluginContexts contexts) {
        this.roots = List.copyOf(roots);
        this.contexts = contexts;
    }

    /** The folders plugins are loaded from. */
    public List<Path> roots() {
        return roots;
    }

    /** Finds, loads and starts every plugin; returns what was found. */
    public synchronized List<PluginInfo> load() {
        if (loaded.manager() != null) {
            return reload();
        }
        loaded = new PluginLoad(new MeshwrightPluginManager(existing(roots), contexts)).run();
        return loaded.plugins();
    }

    /** Stops and unloads every plugin, then loads again: picks up added, removed and replaced jars. */
    public synchronized List<PluginInfo> reload() {
        stopAll();
        loaded = new PluginLoad(new MeshwrightPluginManager(existing(roots), contexts)).run();
        return loaded.plugins();
    }

    /** Every plugin found by the last load, ordered by id. */
    public List<PluginInfo> plugins() {
        return loaded.plugins();
    }

    public List<ModelSource> modelSources() {
        return loaded.extensions(ModelSource.class);
    }

    public List<Deployer> deployers() {
        return loaded.extensions(Deployer.class);
    }

    public List<Adapter> adapters() {
        return loaded.extensions(Adapter.class);
    }

    /** Stops and unloads every plugin. */
    @Override
    public synchronized void close() {
        stopAll();
        loaded = Loaded.EMPTY;
    }

    private void stopAll() {
        MeshwrightPluginManager manager = loaded.manager();
        if (manager == null) {
            return;
        }
        // One by one over a copy, newest first: PF4J's stopPlugins() is unreliable across versions (pf4j#656).
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        for (int i = started.size() - 1; i >= 0; i--) {
            String id = started.get(i).getPluginId();
            try {
                manager.stopPlugin(id);
            } catch (RuntimeException e) {
                LOG.warn("plugin {} failed to stop: {}", id, e.toString());
            }
        }
        manager.unloadPlugins();
        loaded = new Loaded(null, loaded.plugins().stream().map(PluginHost::stopped).toList(), Map.of());
    }

    private static PluginInfo stopped(PluginInfo info) {
        return info.status() == PluginStatus.STARTED
                ? new PluginInfo(info.id(), info.version(), info.provider(), info.path(), PluginStatus.STOPPED,
                        info.extensions(), null)
                : info;
    }

    private static List<Path> existing(List<Path> roots) {
        return roots.stream().filter(java.nio.file.Files::isDirectory).toList();
    }

    /** The result of one load: the manager that owns the class loaders, what was found, the extensions. */
    record Loaded(MeshwrightPluginManager manager, List<PluginInfo> plugins, Map<Class<?>, List<Object>> byPoint) {

        static final Loaded EMPTY = new Loaded(null, List.of(), Map.of());

        <T> List<T> extensions(Class<T> point) {
            return byPoint.getOrDefault(point, List.of()).stream().map(point::cast).toList();
        }
    }

    /** One pass: load each path on its own, start each plugin on its own, create each plugin's extensions. */
    private record PluginLoad(MeshwrightPluginManager manager) {

        Loaded run() {
            Map<String, PluginInfo> found = new LinkedHashMap<>();
            for (Path path : manager.pluginPaths()) {
                try {
                    manager.loadPlugin(path);
                } catch (RuntimeException | LinkageError e) {
                    String id = path.getFileName().toString();
                    LOG.warn("plugin at {} failed to load: {}", path, Failures.describe(e));
                    found.put(id, new PluginInfo(id, null, null, path.toString(), PluginStatus.FAILED, Map.of(),
                            "cannot load " + path + ": " + Failures.describe(Failures.unreadableArchive(path).orElse(e))));
                }
            }
            Map<Class<?>, List<Object>> byPoint = new LinkedHashMap<>();
            for (PluginWrapper plugin : manager.getPlugins()) {
                PluginInfo info = startAndCollect(plugin, byPoint);
                found.put(info.id(), info);
            }
            List<PluginInfo> plugins = found.values().stream().sorted(Comparator.comparing(PluginInfo::id)).toList();
            return new Loaded(manager, plugins, byPoint);
        }

        private PluginInfo startAndCollect(PluginWrapper plugin, Map<Class<?>, List<Object>> byPoint) {
            String id = plugin.getPluginId();
            if (plugin.getPluginState() == PluginState.DISABLED) {
                return info(plugin, PluginStatus.DISABLED, Map.of(), null);
            }
            if (manager.getUnresolvedPlugins().contains(plugin)) {
                return info(plugin, PluginStatus.FAILED, Map.of(), "unresolved: a plugin it depends on is missing or of the wrong version");
            }
            if (plugin.getPlugin() == null) {
                // PF4J's plugin factory logs and returns null when the Plugin-Class is missing or its constructor throws.
                return failed(plugin, "cannot create its plugin class " + plugin.getDescriptor().getPluginClass()
                        + ": the class is missing from the jar or its constructor failed");
            }
            try {
                manager.startPlugin(id);
            } catch (RuntimeException | LinkageError e) {
                return failed(plugin, "cannot start: " + Failures.describe(e));
            }
            if (plugin.getPluginState() != PluginState.STARTED) {
                Throwable cause = plugin.getFailedException();
                return failed(plugin, "cannot start: " + (cause == null ? "state " + plugin.getPluginState() : Failures.describe(cause)));
            }
            Map<Class<?>, List<Object>> mine = new LinkedHashMap<>();
            Map<String, List<String>> names = new LinkedHashMap<>();
            try {
                for (Class<? extends ExtensionPoint> point : EXTENSION_POINTS) {
                    // Created here rather than with getExtensions(), which logs a failing constructor and skips it.
                    List<? extends ExtensionPoint> extensions = manager.getExtensionClasses(point, id).stream()
                            .map(type -> manager.getExtensionFactory().create(type)).toList();
                    if (!extensions.isEmpty()) {
                        mine.put(point, List.copyOf(extensions));
                        names.put(point.getSimpleName(), extensions.stream().map(e -> e.getClass().getName()).toList());
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // An extension that cannot be created makes the whole plugin unusable: stop it rather than run half.
                stopQuietly(id);
                return failed(plugin, "cannot create its extensions: " + Failures.describe(e));
            }
            mine.forEach((point, extensions) -> byPoint.computeIfAbsent(point, p -> new ArrayList<>()).addAll(extensions));
            return info(plugin, PluginStatus.STARTED, names, null);
        }

        private PluginInfo failed(PluginWrapper plugin, String failure) {
            LOG.warn("plugin {} failed: {}", plugin.getPluginId(), failure);
            return info(plugin, PluginStatus.FAILED, Map.of(), failure);
        }

        private void stopQuietly(String id) {
            try {
                manager.stopPlugin(id);
            } catch (RuntimeException e) {
                LOG.warn("plugin {} failed to stop: {}", id, e.toString());
            }
        }

        private static PluginInfo info(PluginWrapper plugin, PluginStatus status, Map<String, List<String>> extensions, String failure) {
            PluginDescriptor descriptor = plugin.getDescriptor();
            return new PluginInfo(plugin.getPluginId(), descriptor.getVersion(), descriptor.getProvider(),
                    plugin.getPluginPath().toString(), status, extensions, failure);
        }
    }
}

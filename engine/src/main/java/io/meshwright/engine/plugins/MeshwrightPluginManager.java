package io.meshwright.engine.plugins;

import io.meshwright.spi.extension.PluginContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginWrapper;

/**
 * PF4J's default manager over several plugin folders (its compound repository: jars, zips and expanded
 * folders), with an extension factory that hands each plugin's extensions that plugin's {@link PluginContext}.
 * One instance per load; a reload makes a new one, so no class loader outlives its plugins.
 */
final class MeshwrightPluginManager extends DefaultPluginManager {

    // Not final and set after super(): PF4J's constructor creates the extension factory before this class's
    // fields are assigned, so the factory reads them lazily through this::contextFor.
    private PluginContexts contexts;
    private final Map<String, PluginContext> contextsByPlugin = new HashMap<>();

    MeshwrightPluginManager(List<Path> roots, PluginContexts contexts) {
        super(roots);
        this.contexts = contexts;
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new ContextExtensionFactory(this::contextFor);
    }

    /** The jars, zips and folders the repositories offer, each to be loaded on its own. */
    List<Path> pluginPaths() {
        return pluginRepository.getPluginPaths();
    }

    private synchronized PluginContext contextFor(Class<?> extensionClass) {
        PluginWrapper plugin = whichPlugin(extensionClass);
        String pluginId = plugin == null ? "engine" : plugin.getPluginId();
        return contextsByPlugin.computeIfAbsent(pluginId, contexts::forPlugin);
    }
}

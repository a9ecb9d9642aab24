package io.meshwright.engine.plugins;

import io.meshwright.spi.extension.PluginContext;

/** Makes the {@link PluginContext} handed to the extensions of one plugin; called once per plugin start. */
@FunctionalInterface
public interface PluginContexts {

    PluginContext forPlugin(String pluginId);
}

package io.meshwright.engine.lifecycle;

import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.Deployer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Picks the deployer for a component by {@link Deployer#supports}: plugin deployers are asked first, then the
 * engine's built-in ones (the manifest deployer), which are registered here exactly like a plugin's extensions.
 * Plugins are asked on every call so that a plugin reload takes effect without restarting.
 */
public final class DeployerSelector {

    private final Supplier<List<Deployer>> pluginDeployers;
    private final List<Deployer> builtIns;

    public DeployerSelector(Supplier<List<Deployer>> pluginDeployers, List<Deployer> builtIns) {
        this.pluginDeployers = pluginDeployers;
        this.builtIns = List.copyOf(builtIns);
    }

    /** Every deployer, plugins first. */
    public List<Deployer> all() {
        List<Deployer> all = new ArrayList<>(pluginDeployers.get());
        all.addAll(builtIns);
        return all;
    }

    /**
     * The first deployer that supports {@code component}.
     *
     * @throws IllegalArgumentException naming the component and its source type when none does
     */
    public Deployer forComponent(ComponentDeclaration component) {
        for (Deployer deployer : all()) {
            if (deployer.supports(component)) {
                return deployer;
            }
        }
        String type = component.source() == null ? "none" : component.source().type();
        throw new IllegalArgumentException("no deployer supports component " + component.id() + " (source " + type
                + "); is the plugin for '" + type + "' installed?");
    }
}

package io.meshwright.engine.lifecycle;

import io.meshwright.spi.design.ComponentDeclaration;
import io.meshwright.spi.extension.Deployer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Picks the deployer for a component: the first plugin deployer that supports it, else the built-in manifest
 * deployer. Plugins are asked on every call so that a plugin reload takes effect without restarting.
 */
public final class DeployerSelector {

    private final Supplier<List<Deployer>> pluginDeployers;
    private final Deployer builtIn;

    public DeployerSelector(Supplier<List<Deployer>> pluginDeployers, Deployer builtIn) {
        this.pluginDeployers = pluginDeployers;
        this.builtIn = builtIn;
    }

    public Deployer forComponent(ComponentDeclaration component) {
        for (Deployer deployer : pluginDeployers.get()) {
            if (deployer.supports(component)) {
                return deployer;
            }
        }
        if (builtIn.supports(component)) {
            return builtIn;
        }
        throw new IllegalArgumentException("no deployer supports component " + component.id() + " (source "
                + component.source().type() + "); is the plugin for '" + component.source().type() + "' installed?");
    }
}

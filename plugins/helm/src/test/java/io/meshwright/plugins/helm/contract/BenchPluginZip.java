package io.meshwright.plugins.helm.contract;

import java.nio.file.Path;

/** What the benchmark ({@code bench} package) borrows from the contract tests: the plugin zip and the design. */
public final class BenchPluginZip {

    private BenchPluginZip() {}

    /** The plugin zip; the distribution's own helm.zip (from a package) is removed, or the engine would load two. */
    public static Path build(Path zip) throws java.io.IOException {
        PluginZip.removeFromDistribution();
        return PluginZip.build(zip);
    }

    public static String design(String namespace) {
        return HelmDesigns.gadgets(namespace);
    }
}

package io.meshwright.plugins.helm.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The plugin zip for one test class that hands it to a real engine: built before the class's tests into a temporary
 * folder (the distribution's own helm.zip removed, or the engine would load two plugins named "helm"), deleted after.
 * Register it with {@code @RegisterExtension static final TemporaryPluginZip HELM = new TemporaryPluginZip("prefix")}.
 */
final class TemporaryPluginZip implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private Path root;
    private Path zip;

    TemporaryPluginZip(String prefix) {
        this.prefix = prefix;
    }

    /** The zip; valid while the class's tests run. */
    Path zip() {
        return zip;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory(prefix);
        zip = PluginZip.build(root.resolve("helm.zip"));
        PluginZip.removeFromDistribution();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Files.deleteIfExists(zip);
        Files.deleteIfExists(root);
    }
}

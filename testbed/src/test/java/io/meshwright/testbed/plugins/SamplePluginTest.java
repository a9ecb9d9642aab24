package io.meshwright.testbed.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.plugins.PluginInfo;
import io.meshwright.engine.plugins.PluginStatus;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample plugin, built by the reactor as a real jar, loaded by the engine's plugin host. */
class SamplePluginTest {

    @TempDir
    Path pluginsDir;

    @TempDir
    Path dataDir;

    private final EventBus events = new EventBus(Clock.systemUTC());
    private final List<Event> published = new CopyOnWriteArrayList<>();
    private PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        events.subscribe(e -> true, published::add);
        host = new PluginHost(List.of(pluginsDir), id -> new PluginContext(registryNotUsed(), events,
                Clock.systemUTC(), dataDir.resolve(id)));
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void sampleJarLoadsAndItsModelSourceProducesAModel() throws IOException {
        Files.copy(sampleJar(), pluginsDir.resolve("sample.jar"));

        List<PluginInfo> plugins = host.load();

        assertThat(plugins).singleElement().satisfies(plugin -> {
            assertThat(plugin.id()).isEqualTo("sample");
            assertThat(plugin.status()).isEqualTo(PluginStatus.STARTED);
            assertThat(plugin.extensions()).containsEntry("ModelSource", List.of("io.meshwright.sample.SampleModelSource"));
        });
        ModelSource source = host.modelSources().getFirst();
        SourceRef ref = SourceRef.of("sample", "Widget,Gadget");
        assertThat(source.supports(ref)).isTrue();

        GenerationResult result = source.generate(ref, Optional.empty());

        assertThat(result.models()).singleElement().satisfies(bundle -> {
            assertThat(bundle.model().name()).isEqualTo("sample");
            assertThat(bundle.components()).extracting(c -> c.gvk().kind()).containsExactly("Widget", "Gadget");
        });
        assertThat(published).extracting(Event::type).contains("model.generated");
        assertThat(source.generate(ref, Optional.of(result.fingerprint())).unchanged()).isTrue();
    }

    @Test
    void brokenJarIsReportedWithItsCauseAndTheOthersStillLoad() throws IOException {
        Files.copy(sampleJar(), pluginsDir.resolve("sample.jar"));
        Files.writeString(pluginsDir.resolve("garbage.jar"), "this is not a zip file");
        writePluginJar(pluginsDir.resolve("missing-class.jar"), "missing-class", "com.example.NoSuchPlugin");

        List<PluginInfo> plugins = host.load();

        assertThat(plugins).extracting(PluginInfo::id, PluginInfo::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("sample", PluginStatus.STARTED),
                org.assertj.core.groups.Tuple.tuple("garbage.jar", PluginStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("missing-class", PluginStatus.FAILED));
        assertThat(plugins).filteredOn(p -> p.status() == PluginStatus.FAILED)
                .allSatisfy(p -> assertThat(p.failure()).isNotBlank());
        assertThat(plugins).filteredOn(p -> p.id().equals("missing-class")).singleElement()
                .satisfies(p -> assertThat(p.failure()).contains("com.example.NoSuchPlugin"));
        assertThat(host.modelSources()).hasSize(1);
    }

    @Test
    void reloadPicksUpANewlyDroppedJarAndForgetsARemovedOne() throws IOException {
        assertThat(host.load()).isEmpty();
        assertThat(host.modelSources()).isEmpty();

        Files.copy(sampleJar(), pluginsDir.resolve("sample.jar"));
        assertThat(host.reload()).extracting(PluginInfo::id).containsExactly("sample");
        assertThat(host.modelSources()).hasSize(1);

        host.close();
        Files.delete(pluginsDir.resolve("sample.jar"));
        assertThat(host.reload()).isEmpty();
        assertThat(host.modelSources()).isEmpty();
    }

    private static Path sampleJar() {
        String property = System.getProperty("meshwright.samplePlugin.jar");
        Path jar = property == null ? null : Path.of(property);
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(jar),
                "the sample plugin jar is built in the package phase: run 'mvn verify' (not 'mvn test') from the root");
        return jar;
    }

    /** A plugin jar whose manifest names a plugin class that does not exist. */
    private static void writePluginJar(Path jar, String id, String pluginClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", id);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Class", pluginClass);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest and nothing else
        }
    }

    private static RegistryView registryNotUsed() {
        return null;
    }
}

package io.meshwright.engine.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.plugins.fixtures.ContextRecordingSource;
import io.meshwright.engine.plugins.fixtures.ExplodingSource;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.PluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

    @TempDir
    Path bundled;

    @TempDir
    Path userPlugins;

    @TempDir
    Path work;

    private final EventBus events = new EventBus(Clock.systemUTC());
    private PluginHost host;

    @BeforeEach
    void create() {
        host = new PluginHost(List.of(bundled, userPlugins), id -> new PluginContext(null, events, Clock.systemUTC(), work.resolve(id)));
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void extensionWithAContextConstructorGetsItsPluginsContext() throws Exception {
        new TestPluginJar("recording").extension(ContextRecordingSource.class).writeTo(userPlugins);

        host.load();

        ModelSource source = host.modelSources().getFirst();
        // Loaded by the plugin's class loader from the jar, not from the test class path.
        assertThat(source.getClass()).isNotSameAs(ContextRecordingSource.class);
        PluginContext context = (PluginContext) source.getClass().getField("context").get(source);
        assertThat(context.events()).isSameAs(events);
        assertThat(context.workDir()).isEqualTo(work.resolve("recording"));
    }

    @Test
    void pluginsFromEveryFolderAreListedWithVersionAndExtensionsByPoint() throws Exception {
        new TestPluginJar("bundled-one").extension(ContextRecordingSource.class).writeTo(bundled);
        new TestPluginJar("user-one").extension(ContextRecordingSource.class).writeTo(userPlugins);

        List<PluginInfo> plugins = host.load();

        assertThat(plugins).extracting(PluginInfo::id).containsExactly("bundled-one", "user-one");
        assertThat(plugins).allSatisfy(plugin -> {
            assertThat(plugin.version()).isEqualTo("1.2.3");
            assertThat(plugin.status()).isEqualTo(PluginStatus.STARTED);
            assertThat(plugin.extensions()).containsEntry("ModelSource", List.of(ContextRecordingSource.class.getName()));
        });
        assertThat(host.modelSources()).hasSize(2);
    }

    @Test
    void extensionFailingInItsConstructorFailsItsPluginWithTheCauseAndSparesTheOthers() throws Exception {
        new TestPluginJar("exploding").extension(ExplodingSource.class).writeTo(userPlugins);
        new TestPluginJar("recording").extension(ContextRecordingSource.class).writeTo(userPlugins);

        List<PluginInfo> plugins = host.load();

        assertThat(plugins).filteredOn(p -> p.id().equals("exploding")).singleElement().satisfies(plugin -> {
            assertThat(plugin.status()).isEqualTo(PluginStatus.FAILED);
            assertThat(plugin.failure()).contains("cannot create its extensions").contains("boom in the constructor");
        });
        assertThat(plugins).filteredOn(p -> p.id().equals("recording")).singleElement()
                .satisfies(plugin -> assertThat(plugin.status()).isEqualTo(PluginStatus.STARTED));
        assertThat(host.modelSources()).extracting(ModelSource::name).containsExactly("recording");
    }

    @Test
    void closeStopsEveryPluginAndForgetsItsExtensions() throws Exception {
        new TestPluginJar("recording").extension(ContextRecordingSource.class).writeTo(userPlugins);
        host.load();

        host.close();

        assertThat(host.modelSources()).isEmpty();
        assertThat(host.plugins()).isEmpty();
    }

    @Test
    void missingPluginFoldersAreSkipped() throws Exception {
        Files.delete(bundled);

        assertThat(host.load()).isEmpty();
        assertThat(host.roots()).contains(bundled);
    }
}

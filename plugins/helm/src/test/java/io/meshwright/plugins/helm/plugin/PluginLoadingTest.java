package io.meshwright.plugins.helm.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.plugins.PluginInfo;
import io.meshwright.engine.plugins.PluginStatus;
import io.meshwright.plugins.helm.Charts;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.model.SourceRef;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's {@link PluginHost} loads the plugin from a plugins folder laid out as the plugin zip is (plugin.properties,
 * lib/ with this plugin's jar contents and its private jars), and Helm's native library is found from inside the
 * plugin's class loader.
 */
class PluginLoadingTest {

    private static final List<String> PRIVATE_JARS = List.of("helm-java", "lib-api", "linux-amd64", "jna-jpms", "jna-platform-jpms",
            "jackson-databind", "jackson-core", "jackson-annotations", "jackson-dataformat-yaml", "snakeyaml");

    @TempDir
    Path work;

    @Test
    void theEngineLoadsThePluginFromAPluginsFolderAndItsModelSourceRunsHelm() throws Exception {
        Path plugin = work.resolve("plugins/helm");
        Files.createDirectories(plugin.resolve("lib"));
        Files.writeString(plugin.resolve("plugin.properties"), "plugin.id=helm\nplugin.version=0.1.0\nplugin.provider=Meshwright\n");
        copyTree(Path.of("target/classes"), plugin.resolve("classes"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && PRIVATE_JARS.stream().anyMatch(p -> name.matches(p + "-[0-9].*"))) {
                Files.copy(Path.of(entry), plugin.resolve("lib").resolve(name));
            }
        }

        try (PluginHost host = new PluginHost(List.of(work.resolve("plugins")),
                id -> new PluginContext(null, new io.meshwright.engine.events.EventBus(Clock.systemUTC()), Clock.systemUTC(),
                        work.resolve("data").resolve(id)))) {
            List<PluginInfo> plugins = host.load();

            assertThat(plugins).extracting(PluginInfo::id, PluginInfo::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("helm", PluginStatus.STARTED));
            assertThat(host.deployers()).extracting(d -> d.name()).containsExactly("helm");
            ModelSource source = host.modelSources().getFirst();
            assertThat(source.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            GenerationResult result = source.generate(SourceRef.of("helm", Charts.dir("gadgets").toString()), Optional.empty());
            assertThat(result.models().getFirst().model().name()).isEqualTo("gadgets");
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}

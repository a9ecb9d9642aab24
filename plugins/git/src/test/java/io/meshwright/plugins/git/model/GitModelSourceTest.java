package io.meshwright.plugins.git.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.sources.GenerateModels;
import io.meshwright.engine.sources.GenerationRun;
import io.meshwright.engine.sources.ModelGeneration;
import io.meshwright.engine.sources.ModelSourceMigrations;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.plugins.git.Manifests;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model generate --from git:URL#ref=…&path=…} through the engine's own generation (registry import,
 * fingerprints) with the plugin's source: a real repository holding a model package and raw CRD files.
 */
class GitModelSourceTest {

    private static final List<String> PACKAGE = List.of("model.json", "components/Certificate.json",
            "components/ClusterIssuer.json", "components/Issuer.json");

    @TempDir
    Path work;

    private Database database;
    private Registry registry;
    private ModelGeneration generation;

    @BeforeEach
    void setUp() {
        List<Migration> migrations = new ArrayList<>(Registry.migrations());
        migrations.addAll(ModelSourceMigrations.all());
        database = Database.open(work.resolve("meshwright.db"), migrations);
        registry = new Registry(database, Clock.systemUTC());
        GitModelSource source = new GitModelSource(new GitRepositories(work.resolve("cache")));
        generation = ModelGeneration.wire(registry, database, Clock.systemUTC(), () -> List.of(source), List::of);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aModelPackageAndRawCrdsAreRegisteredAndAnUnchangedCommitIsANoOp() {
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            Map<String, String> files = new LinkedHashMap<>();
            for (String file : PACKAGE) {
                files.put("models/example-certs/v0.3.0/v1.0.0/" + file, resource("example-certs/v0.3.0/v1.0.0/" + file));
            }
            files.put("models/crds/widgets.yaml", Manifests.crd());
            files.put("models/crds/gadgets.yaml", Manifests.crd().replace("widgets", "gadgets").replace("widget", "gadget")
                    .replace("Widget", "Gadget").replace("gitplugin.meshwright.test", "other.meshwright.test")
                    + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-a-model}\n");
            files.put("elsewhere/ignored.yaml", Manifests.crd().replace("gitplugin", "ignored"));
            String a = repo.commit("A", files, List.of());
            SourceRef ref = SourceRef.parse("git:" + repo.fileUrl() + "#ref=main&path=models");

            GenerationRun first = generation.generate().run(new GenerateModels.Options(ref, false));

            assertThat(first).isInstanceOf(GenerationRun.Generated.class);
            assertThat(first.fingerprint()).isEqualTo(a);
            assertThat(first.source()).isEqualTo("git");
            assertThat(registry.view().components(new Gvk("gitplugin.meshwright.test", "v1", "Widget"),
                    Optional.of(new ModelRef("gitplugin.meshwright.test", "v1.0.0")))).hasSize(1);
            assertThat(registry.view().components(new Gvk("other.meshwright.test", "v1", "Gadget"), Optional.empty())).hasSize(1);
            assertThat(registry.view().components(new Gvk("ignored.meshwright.test", "v1", "Widget"), Optional.empty())).isEmpty();
            assertThat(registry.view().components(new Gvk("certs.example.io", "v1", "Certificate"), Optional.empty())).isNotEmpty();
            assertThat(registry.view().model(new ModelRef("gitplugin.meshwright.test", "v1.0.0")).orElseThrow().metadata())
                    .containsEntry("commit", a);

            assertThat(generation.generate().run(new GenerateModels.Options(ref, false)))
                    .isInstanceOf(GenerationRun.Unchanged.class);

            String b = repo.commit("B", Map.of("models/crds/widgets.yaml", Manifests.crd().replace("name: v1\n", "name: v2\n")), List.of());
            GenerationRun third = generation.generate().run(new GenerateModels.Options(ref, false));
            assertThat(third).isInstanceOf(GenerationRun.Generated.class);
            assertThat(third.fingerprint()).isEqualTo(b);
            assertThat(registry.view().components(new Gvk("gitplugin.meshwright.test", "v2", "Widget"), Optional.empty())).hasSize(1);
        }
    }

    @Test
    void anUnreachableRepositoryIsAFailureOfTheSourceNamingIt() {
        GitModelSource source = new GitModelSource(new GitRepositories(work.resolve("cache")));
        SourceRef ref = SourceRef.parse("git:file://" + work.resolve("nothing-here") + "#path=models");

        assertThatThrownBy(() -> source.generate(ref, Optional.empty()))
                .isInstanceOf(ModelSourceException.class)
                .hasMessageContaining("cannot clone file://" + work.resolve("nothing-here"));
    }

    private static String resource(String path) {
        try (InputStream in = Registry.class.getResourceAsStream("/registry/examples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

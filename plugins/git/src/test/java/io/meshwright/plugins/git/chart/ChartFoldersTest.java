package io.meshwright.plugins.git.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.model.GitModelSource;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import io.meshwright.spi.extension.GenerationResult;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.ModelSourceException;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts found in a real repository's commit, written out with all their files (not only YAML), handed to a
 * chart-capable source reached through a supplier (as the engine's context gives it), and removed afterwards.
 */
class ChartFoldersTest {

    @TempDir
    Path work;

    @Test
    void topmostChartFoldersAreFoundAndWrittenWithEveryFile() throws IOException {
        try (TestRepository repo = TestRepository.create(work.resolve("source"))) {
            repo.commit("charts", Map.of(
                    "apps/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n",
                    "apps/web/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
                    "apps/web/templates/_helpers.tpl", "{{- define \"x\" -}}x{{- end -}}\n",
                    "apps/web/.helmignore", "*.bak\n",
                    "apps/plain/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"), List.of());
            GitRepositories repositories = new GitRepositories(work.resolve("cache"));
            Snapshot snapshot = repositories.read(new GitLocation(repo.fileUrl(), "main", "apps", List.of(), List.of(), null));

            assertThat(ChartFolders.of(snapshot)).containsExactly("web");
            Path out = ChartFolders.write(repositories, snapshot, "web", work.resolve("out/web"));
            assertThat(out.resolve("templates/_helpers.tpl")).exists();
            assertThat(out.resolve(".helmignore")).exists();
            assertThat(out.resolve("charts/sub/Chart.yaml")).exists();
            assertThat(out.resolve("../plain")).doesNotExist();
        }
    }

    @Test
    void aChartIsHandedToTheSourceThatSupportsChartDirectoriesAndItsCopyIsRemoved() throws IOException {
        try (TestRepository repo = TestRepository.create(work.resolve("source"))) {
            String commit = repo.commit("a chart", Map.of(
                    "charts/greeter/Chart.yaml", "apiVersion: v2\nname: greeter\nversion: 0.3.0\n",
                    "charts/greeter/templates/cm.yaml", "kind: ConfigMap\nmetadata: {name: {{ .Release.Name }}}\n"),
                    List.of());
            List<Path> seen = new ArrayList<>();
            ModelSource charts = new ModelSource() {
                @Override
                public String name() {
                    return "charts";
                }

                @Override
                public boolean supports(SourceRef ref) {
                    return "helm".equals(ref.type());
                }

                @Override
                public GenerationResult generate(SourceRef ref, Optional<String> previous) {
                    Path dir = Path.of(ref.location());
                    seen.add(dir);
                    assertThat(dir).isAbsolute();
                    assertThat(dir.resolve("templates/cm.yaml")).exists();
                    return new GenerationResult("chart-digest", false, List.of(new ModelBundle(new Model("greeter",
                            "0.3.0", "0.3.0", "greeter", null, "helm", null, Map.of("source_uri", "helm:" + dir)),
                            List.of(), List.of())), List.of());
                }
            };
            Path chartsDir = work.resolve("plugin/chart-models");
            GitModelSource source = new GitModelSource(new GitRepositories(work.resolve("cache")), () -> List.of(charts),
                    chartsDir);
            GenerationResult result = source.generate(SourceRef.parse("git:" + repo.fileUrl() + "#ref=main&path=charts"),
                    Optional.empty());

            assertThat(result.fingerprint()).isEqualTo(commit);
            assertThat(result.problems()).as("a chart's templates are not reported as bad manifests").isEmpty();
            assertThat(result.models()).singleElement().satisfies(bundle -> assertThat(bundle.model().metadata())
                    .containsEntry("source_uri", "git:" + repo.fileUrl() + "#path=charts/greeter&ref=" + commit));
            assertThat(seen).singleElement().satisfies(dir -> assertThat(dir).doesNotExist());
            try (Stream<Path> left = Files.list(chartsDir)) {
                assertThat(left).isEmpty();
            }

            GitModelSource alone = new GitModelSource(new GitRepositories(work.resolve("cache")), List::of, chartsDir);
            assertThatThrownBy(() -> alone.generate(SourceRef.parse("git:" + repo.fileUrl() + "#ref=main&path=charts"),
                    Optional.empty()))
                    .isInstanceOf(ModelSourceException.class)
                    .hasMessageContaining("chart folder " + repo.fileUrl() + "@" + commit.substring(0, 7) + ":charts/greeter")
                    .hasMessageContaining("no installed model source supports charts");
        }
    }
}

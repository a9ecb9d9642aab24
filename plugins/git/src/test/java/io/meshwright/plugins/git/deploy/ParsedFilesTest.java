package io.meshwright.plugins.git.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.plugins.git.repo.Snapshot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A redeploy at a commit that changed one file of many parses that file only (real repository, real commits). */
class ParsedFilesTest {

    @TempDir
    Path work;

    @Test
    @SuppressWarnings("unchecked")
    void onlyFilesWhoseBlobChangedAreParsedAgainAndCallersGetTheirOwnCopies() {
        try (TestRepository repo = TestRepository.create(work.resolve("source"))) {
            Map<String, String> files = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                files.put("deploy/cm-" + i + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-" + i
                        + "}\ndata: {n: \"" + i + "\"}\n");
            }
            repo.commit("A", files, List.of());
            GitRepositories repositories = new GitRepositories(work.resolve("cache"));
            GitLocation location = new GitLocation(repo.fileUrl(), "main", "deploy", List.of(), List.of(), null);
            ParsedFiles parsed = new ParsedFiles(100);

            List<Manifests.Manifest> first = Manifests.of(repositories.read(location), parsed);
            assertThat(first).hasSize(20);
            assertThat(parsed.parses()).isEqualTo(20);
            // A deploy changes its objects (default namespaces): the next read must not see that.
            ((Map<String, Object>) first.get(0).object().get("metadata")).put("namespace", "changed");

            repo.commit("B", Map.of("deploy/cm-3.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-3}\n"
                    + "data: {n: \"three\"}\n"), List.of());
            Snapshot b = repositories.read(location);
            List<Manifests.Manifest> second = Manifests.of(b, parsed);
            assertThat(parsed.parses()).as("only the changed file is parsed again").isEqualTo(21);
            assertThat(second).hasSize(20);
            assertThat(second).allSatisfy(m -> assertThat((Map<String, Object>) m.object().get("metadata"))
                    .doesNotContainKey("namespace"));
            assertThat(second).anySatisfy(m -> assertThat(m.object().get("data")).isEqualTo(Map.of("n", "three")));
            assertThat(second).allSatisfy(m -> assertThat(m.source()).contains(b.commit().substring(0, 7)));
        }
    }
}

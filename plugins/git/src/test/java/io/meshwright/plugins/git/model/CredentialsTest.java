package io.meshwright.plugins.git.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.sources.GenerateModels;
import io.meshwright.engine.sources.GenerationRun;
import io.meshwright.engine.sources.ModelGeneration;
import io.meshwright.engine.sources.ModelSourceMigrations;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.plugins.git.GitHttpServer;
import io.meshwright.plugins.git.Manifests;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.repo.GitException;
import io.meshwright.plugins.git.repo.GitLocation;
import io.meshwright.plugins.git.repo.GitRepositories;
import io.meshwright.spi.model.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS-style token (HTTP basic authentication in front of {@code git http-backend} on loopback) read from a
 * file or an environment variable: fetching works with it, fails clearly without it, and the token appears in
 * no output line, error message, stored row or cached file.
 */
class CredentialsTest {

    @TempDir
    Path work;

    @Test
    void aTokenFromAFileOrAnEnvironmentVariableFetchesAndIsNeverWrittenAnywhere() throws IOException {
        assumeTrue(GitHttpServer.available(), "no git http-backend (apt-get install git)");
        String token = "tok-" + UUID.randomUUID();
        Path tokenFile = Files.writeString(work.resolve("token"), token + "\n");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> messages = new ArrayList<>();
        try (TestRepository repo = TestRepository.create(work.resolve("served/repo"));
                GitHttpServer server = GitHttpServer.serve(work.resolve("served"), "git", token)) {
            String a = repo.commit("A", Map.of("models/widgets.yaml", Manifests.crd()), List.of());
            PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);

            List<Migration> migrations = new ArrayList<>(Registry.migrations());
            migrations.addAll(ModelSourceMigrations.all());
            try (Database database = Database.open(work.resolve("meshwright.db"), migrations)) {
                Registry registry = new Registry(database, Clock.systemUTC());
                GitModelSource source = new GitModelSource(new GitRepositories(work.resolve("cache")));
                ModelGeneration generation = ModelGeneration.wire(registry, database, Clock.systemUTC(), () -> List.of(source), List::of);

                SourceRef withFile = SourceRef.parse("git:" + server.url("repo") + "#ref=main&path=models&tokenFile=" + tokenFile);
                GenerationRun run = generation.generate().run(new GenerateModels.Options(withFile, false));
                assertThat(run).isInstanceOf(GenerationRun.Generated.class);
                assertThat(run.fingerprint()).isEqualTo(a);
                messages.add(run.summary());
            }

            GitRepositories fromEnv = new GitRepositories(work.resolve("cache-env"), name -> name.equals("GIT_TOKEN") ? token : null);
            assertThat(fromEnv.read(location(server.url("repo"), Map.of("tokenEnv", "GIT_TOKEN"))).commit()).isEqualTo(a);

            assertThatThrownBy(() -> new GitRepositories(work.resolve("cache-none")).read(location(server.url("repo"), Map.of())))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("cannot clone " + server.url("repo"))
                    .satisfies(e -> messages.add(e.getMessage()));
            Path wrong = Files.writeString(work.resolve("wrong"), "wrong-" + UUID.randomUUID());
            assertThatThrownBy(() -> new GitRepositories(work.resolve("cache-wrong"))
                    .read(location(server.url("repo"), Map.of("tokenFile", wrong.toString()))))
                    .isInstanceOf(GitException.class)
                    .satisfies(e -> messages.add(e.getMessage()));
            assertThatThrownBy(() -> fromEnv.read(location(server.url("repo") + "-other", Map.of("tokenEnv", "UNSET_TOKEN"))))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("environment variable UNSET_TOKEN (option tokenEnv) is not set")
                    .satisfies(e -> messages.add(e.getMessage()));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(messages).hasSize(4).allSatisfy(message -> assertThat(message).doesNotContain(token));
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(token);
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(work.resolve("token"))).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(token);
            }
        }
    }

    private static GitLocation location(String url, Map<String, String> options) {
        return GitLocation.of(new SourceRef("git", url, "main", "models", options));
    }
}

package io.meshwright.plugins.git.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshwright.engine.credentials.CredentialPolicy;
import io.meshwright.engine.credentials.CredentialSettings;
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
 * file or an environment variable the engine's credential rule allows: fetching works with it, fails clearly without
 * it, and the token appears in no output line, error message, stored row or cached file. A variable or file outside
 * the rule is refused before anything is sent, even when it holds exactly what the server accepts.
 */
class CredentialsTest {

    @TempDir
    Path work;

    @Test
    void aTokenFromAFileOrAnEnvironmentVariableFetchesAndIsNeverWrittenAnywhere() throws IOException {
        assumeTrue(GitHttpServer.available(), "no git http-backend (apt-get install git)");
        String token = "tok-" + UUID.randomUUID();
        Path credentials = Files.createDirectories(work.resolve("credentials"));
        Path tokenFile = Files.writeString(credentials.resolve("token"), token + "\n");
        CredentialPolicy policy = new CredentialPolicy(CredentialSettings.of(work, List.of(), List.of(credentials)),
                Map.of("MESHWRIGHT_CRED_GIT_TOKEN", token)::get);
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
                GitModelSource source = new GitModelSource(new GitRepositories(work.resolve("cache"), policy));
                ModelGeneration generation = ModelGeneration.wire(registry, database, Clock.systemUTC(), () -> List.of(source), List::of);

                SourceRef withFile = SourceRef.parse("git:" + server.url("repo") + "#ref=main&path=models&tokenFile=" + tokenFile);
                GenerationRun run = generation.generate().run(new GenerateModels.Options(withFile, false));
                assertThat(run).isInstanceOf(GenerationRun.Generated.class);
                assertThat(run.fingerprint()).isEqualTo(a);
                messages.add(run.summary());
            }

            GitRepositories fromEnv = new GitRepositories(work.resolve("cache-env"), policy);
            assertThat(fromEnv.read(location(server.url("repo"), Map.of("tokenEnv", "MESHWRIGHT_CRED_GIT_TOKEN"))).commit())
                    .isEqualTo(a);

            assertThatThrownBy(() -> new GitRepositories(work.resolve("cache-none")).read(location(server.url("repo"), Map.of())))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("cannot clone " + server.url("repo"))
                    .satisfies(e -> messages.add(e.getMessage()));
            Path wrong = Files.writeString(credentials.resolve("wrong"), "wrong-" + UUID.randomUUID());
            assertThatThrownBy(() -> new GitRepositories(work.resolve("cache-wrong"), policy)
                    .read(location(server.url("repo"), Map.of("tokenFile", wrong.toString()))))
                    .isInstanceOf(GitException.class)
                    .satisfies(e -> messages.add(e.getMessage()));
            assertThatThrownBy(() -> fromEnv.read(location(server.url("repo") + "-other", Map.of("tokenEnv", "MESHWRIGHT_CRED_UNSET"))))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("environment variable MESHWRIGHT_CRED_UNSET (option tokenEnv) is not set")
                    .satisfies(e -> messages.add(e.getMessage()));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(messages).hasSize(4).allSatisfy(message -> assertThat(message).doesNotContain(token));
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(token);
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(tokenFile)).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(token);
            }
        }
    }

    @Test
    void aVariableOrFileOutsideTheOperatorsRuleIsRefusedBeforeAnythingIsSent() throws IOException {
        assumeTrue(GitHttpServer.available(), "no git http-backend (apt-get install git)");
        String secret = "aws-" + UUID.randomUUID();
        Path credentials = Files.createDirectories(work.resolve("credentials"));
        Path outside = Files.writeString(work.resolve("elsewhere-token"), secret);
        Files.createSymbolicLink(credentials.resolve("link"), outside);
        // The engine's environment holds the secret, and the server would accept it: only the rule stands between.
        CredentialPolicy policy = new CredentialPolicy(CredentialSettings.of(work, List.of(), List.of(credentials)),
                Map.of("AWS_SECRET_ACCESS_KEY", secret)::get);
        try (TestRepository repo = TestRepository.create(work.resolve("served/repo"));
                GitHttpServer server = GitHttpServer.serve(work.resolve("served"), "git", secret)) {
            repo.commit("A", Map.of("models/widgets.yaml", Manifests.crd()), List.of());
            GitRepositories repositories = new GitRepositories(work.resolve("cache"), policy);
            String url = server.url("repo");

            assertThatThrownBy(() -> repositories.read(location(url, Map.of("tokenEnv", "AWS_SECRET_ACCESS_KEY"))))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("option tokenEnv names the environment variable AWS_SECRET_ACCESS_KEY, which"
                            + " designs may not use: the engine lets designs name only variables starting with"
                            + " MESHWRIGHT_CRED_ (the operator allows other prefixes with serve --credential-env-prefix)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
            assertThatThrownBy(() -> repositories.read(location(url, Map.of("tokenFile", outside.toString()))))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("option tokenFile names the file " + outside + ", which designs may not use:"
                            + " the engine lets designs name only files inside " + credentials + ", symbolic links and"
                            + " .. resolved (the operator allows other folders with serve --credentials-dir)");
            assertThatThrownBy(() -> repositories.read(location(url, Map.of("tokenFile", credentials + "/../elsewhere-token"))))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("option tokenFile names the file " + credentials + "/../elsewhere-token, which"
                            + " designs may not use");
            assertThatThrownBy(() -> repositories.read(location(url, Map.of("tokenFile", "link"))))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("option tokenFile names the file link, which designs may not use: it leads"
                            + " through a symbolic link to outside the credential folders")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(outside.toString()));
            assertThat(server.requests()).as("nothing reaches the server").isEmpty();
        }
    }

    private static GitLocation location(String url, Map<String, String> options) {
        return GitLocation.of(new SourceRef("git", url, "main", "models", options));
    }
}

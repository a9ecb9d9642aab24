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
import io.meshwright.plugins.git.Manifests;
import io.meshwright.plugins.git.Secrets;
import io.meshwright.plugins.git.SshServer;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH keys against a real OpenSSH {@code sshd} on loopback serving a bare repository: {@code model generate} over
 * {@code ssh://} with the key in an environment variable (and again after a new commit, so the fetch path goes over
 * SSH too), an encrypted key with its passphrase from a variable; and the refusals — a key the server does not
 * accept, an unknown host, a host key that does not match, an encrypted key without a passphrase, an unset
 * variable, no key at all — each naming the option and the URL without user info. The private key's text is in no
 * output line, message, stored row or cached file.
 */
class SshKeyTest {

    @TempDir
    Path work;

    @Test
    void modelsOverSshWithAKeyFromAVariableAndEveryRefusalNamesTheOptionButNeverTheKey() throws IOException {
        assumeTrue(SshServer.unavailable().isEmpty(), SshServer.unavailable().orElse(""));
        Path keys = Files.createDirectories(work.resolve("keys"));
        Path key = SshServer.keyPair(keys.resolve("id_ed25519"), "ed25519", "");
        Path encrypted = SshServer.keyPair(keys.resolve("id_encrypted"), "ecdsa", "a passphrase");
        Path stranger = SshServer.keyPair(keys.resolve("id_stranger"), "ed25519", "");
        String keyText = Files.readString(key);
        String encryptedText = Files.readString(encrypted);
        // Every key and known hosts file of this test is under work/, the one credential folder the engine allows.
        CredentialPolicy env = new CredentialPolicy(CredentialSettings.of(work, List.of(), List.of(work)), Map.of(
                "MESHWRIGHT_CRED_GIT_SSH_KEY", keyText, "MESHWRIGHT_CRED_ENCRYPTED_KEY", encryptedText,
                "MESHWRIGHT_CRED_KEY_PASSPHRASE", "a passphrase")::get);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> messages = new ArrayList<>();
        try (TestRepository repo = TestRepository.create(work.resolve("source"));
                SshServer server = SshServer.serve(work.resolve("sshd"), key, encrypted)) {
            String a = repo.commit("A", Map.of("models/widgets.yaml", Manifests.crd()), List.of());
            Path bare = repo.publish(work.resolve("served/models.git"));
            String url = server.url(bare);
            String safeUrl = url.replace(System.getProperty("user.name") + "@", "");
            Path knownHosts = server.knownHosts(work.resolve("known_hosts"));
            PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);

            List<Migration> migrations = new ArrayList<>(Registry.migrations());
            migrations.addAll(ModelSourceMigrations.all());
            try (Database database = Database.open(work.resolve("meshwright.db"), migrations)) {
                Registry registry = new Registry(database, Clock.systemUTC());
                GitModelSource source = new GitModelSource(new GitRepositories(work.resolve("cache"), env));
                ModelGeneration generation = ModelGeneration.wire(registry, database, Clock.systemUTC(), () -> List.of(source), List::of);
                SourceRef ref = SourceRef.parse("git:" + url + "#ref=main&path=models&sshKeyEnv=MESHWRIGHT_CRED_GIT_SSH_KEY&knownHostsFile="
                        + knownHosts);

                GenerationRun first = generation.generate().run(new GenerateModels.Options(ref, false));
                assertThat(first).as(first.summary()).isInstanceOf(GenerationRun.Generated.class);
                assertThat(first.fingerprint()).isEqualTo(a);
                messages.add(first.summary());

                String b = repo.commit("B", Map.of("models/more.yaml", Manifests.crd().replace("widgets", "gadgets")
                        .replace("Widget", "Gadget")), List.of());
                repo.publish(bare);
                GenerationRun second = generation.generate().run(new GenerateModels.Options(ref, false));
                assertThat(second.fingerprint()).as(second.summary()).isEqualTo(b);
                messages.add(second.summary());

                assertThat(new GitRepositories(work.resolve("cache-encrypted"), env).read(location(url, Map.of(
                        "sshKeyEnv", "MESHWRIGHT_CRED_ENCRYPTED_KEY", "sshKeyPassphraseEnv", "MESHWRIGHT_CRED_KEY_PASSPHRASE",
                        "knownHostsFile", knownHosts.toString()))).commit()).isEqualTo(b);
            }

            refused(messages, env, url, Map.of("sshKeyFile", stranger.toString(), "knownHostsFile", knownHosts.toString()),
                    "cannot clone " + safeUrl + ": the server did not accept the key from option sshKeyFile (" + stranger + ")");
            refused(messages, env, url, Map.of("sshKeyFile", key.toString()),
                    "cannot clone " + safeUrl + ": the host key of [127.0.0.1]:", "(SHA256:", "unknown hosts are refused",
                    "give option knownHostsFile");
            Path otherHosts = Files.writeString(work.resolve("other_known_hosts"), Files.readString(knownHosts)
                    .replaceFirst(" ssh-ed25519 .*", " " + Files.readString(Path.of(stranger + ".pub")).strip()));
            refused(messages, env, url, Map.of("sshKeyFile", key.toString(), "knownHostsFile", otherHosts.toString()),
                    "does not match the known hosts file " + otherHosts + " (option knownHostsFile)");
            refused(messages, env, url, Map.of("sshKeyEnv", "MESHWRIGHT_CRED_ENCRYPTED_KEY", "knownHostsFile", knownHosts.toString()),
                    "the private key from option sshKeyEnv (MESHWRIGHT_CRED_ENCRYPTED_KEY) for " + safeUrl + " cannot be read",
                    "option sshKeyPassphraseEnv");
            refused(messages, env, url, Map.of("sshKeyEnv", "MESHWRIGHT_CRED_NO_SUCH_KEY", "knownHostsFile", knownHosts.toString()),
                    "environment variable MESHWRIGHT_CRED_NO_SUCH_KEY (option sshKeyEnv) is not set or empty", safeUrl);
            refused(messages, env, url, Map.of("sshKeyFile", keys.resolve("missing").toString()),
                    "cannot read the private key file " + keys.resolve("missing") + " (option sshKeyFile) for " + safeUrl);
            refused(messages, env, url, Map.of("knownHostsFile", knownHosts.toString()),
                    safeUrl + " is an SSH repository: it needs a private key, option sshKeyFile", "~/.ssh is never used");
            // The engine's rule: a variable without the operator's prefix, a file outside the credential folder.
            refused(messages, env, url, Map.of("sshKeyEnv", "HOME", "knownHostsFile", knownHosts.toString()),
                    "option sshKeyEnv names the environment variable HOME, which designs may not use",
                    "serve --credential-env-prefix");
            refused(messages, env, url, Map.of("sshKeyFile", key.toString(), "knownHostsFile", "/etc/ssh/ssh_known_hosts"),
                    "option knownHostsFile names the file /etc/ssh/ssh_known_hosts, which designs may not use",
                    "serve --credentials-dir");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(messages).hasSize(11).allSatisfy(message -> {
            assertThat(message).doesNotContain(System.getProperty("user.name") + "@127.0.0.1");
            Secrets.assertNoKey(message, keyText, encryptedText);
        });
        Secrets.assertNoKey(captured.toString(StandardCharsets.UTF_8), keyText, encryptedText);
        try (Stream<Path> files = Files.walk(work)) {
            // keys/ holds the keys themselves; sshd/ the server's host key and the public keys it lets in.
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work.resolve("keys"))
                    && !f.startsWith(work.resolve("sshd"))).toList()) {
                Secrets.assertNoKey(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), keyText, encryptedText);
            }
        }
    }

    private void refused(List<String> messages, CredentialPolicy env, String url, Map<String, String> options,
            String... expected) {
        assertThatThrownBy(() -> new GitRepositories(work.resolve("cache-" + messages.size()), env).read(location(url, options)))
                .isInstanceOf(GitException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(expected))
                .satisfies(e -> messages.add(e.getMessage()));
    }

    private static GitLocation location(String url, Map<String, String> options) {
        return GitLocation.of(new SourceRef("git", url, "main", "models", options));
    }
}

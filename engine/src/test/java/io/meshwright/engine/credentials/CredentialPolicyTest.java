package io.meshwright.engine.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwright.spi.extension.SecretRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's rule for the credentials designs name, on real files and symbolic links. */
class CredentialPolicyTest {

    @TempDir
    Path work;

    private final Map<String, String> env = Map.of("MESHWRIGHT_CRED_TOKEN", "t1", "AWS_SECRET_ACCESS_KEY", "s3cr3t",
            "TEAM_TOKEN", "t2", "MESHWRIGHT_CRED_EMPTY", "");

    @Test
    void aVariableIsAllowedOnlyWithTheOperatorsPrefix() {
        CredentialPolicy policy = new CredentialPolicy(CredentialSettings.defaults(work), env::get);

        assertThat(policy.environment("tokenEnv", "MESHWRIGHT_CRED_TOKEN")).contains("t1");
        assertThat(policy.environment("tokenEnv", "MESHWRIGHT_CRED_UNSET")).isEmpty();
        assertThat(policy.environment("tokenEnv", "MESHWRIGHT_CRED_EMPTY")).isEmpty();
        assertThatThrownBy(() -> policy.environment("tokenEnv", "AWS_SECRET_ACCESS_KEY"))
                .isInstanceOf(SecretRefusedException.class)
                .hasMessage("option tokenEnv names the environment variable AWS_SECRET_ACCESS_KEY, which designs may not"
                        + " use: the engine lets designs name only variables starting with MESHWRIGHT_CRED_ (the operator"
                        + " allows other prefixes with serve --credential-env-prefix)")
                .satisfies(e -> assertThat(((SecretRefusedException) e).option()).isEqualTo("tokenEnv"));
        // A name that merely contains the prefix is not one that starts with it.
        assertThatThrownBy(() -> policy.environment("tokenEnv", "X_MESHWRIGHT_CRED_TOKEN")).isInstanceOf(SecretRefusedException.class);

        CredentialPolicy team = new CredentialPolicy(CredentialSettings.of(work, List.of("TEAM_", "CI_"), List.of()), env::get);
        assertThat(team.environment("sshKeyEnv", "TEAM_TOKEN")).contains("t2");
        assertThatThrownBy(() -> team.environment("sshKeyEnv", "MESHWRIGHT_CRED_TOKEN"))
                .hasMessageContaining("only variables starting with TEAM_ or CI_");
    }

    @Test
    void anEmptyOrOddPrefixIsRefusedAtStart() {
        assertThatThrownBy(() -> CredentialSettings.of(work, List.of(""), List.of()))
                .hasMessageContaining("--credential-env-prefix: expected the start of a variable name");
        assertThatThrownBy(() -> CredentialSettings.of(work, List.of("A*"), List.of()))
                .hasMessageContaining("but was 'A*'");
    }

    @Test
    void aFileIsAllowedOnlyInsideACredentialFolderAfterLinksAndDotDotAreResolved() throws IOException {
        Path folder = Files.createDirectories(work.resolve("credentials"));
        Path token = Files.writeString(folder.resolve("git-token"), "t");
        Files.createDirectories(folder.resolve("team"));
        Path nested = Files.writeString(folder.resolve("team/key"), "k");
        Path outside = Files.writeString(work.resolve("outside"), "o");
        Files.createSymbolicLink(folder.resolve("escape"), outside);
        Files.createSymbolicLink(folder.resolve("escape-dir"), work);
        Files.createSymbolicLink(folder.resolve("inner"), token);
        CredentialPolicy policy = new CredentialPolicy(CredentialSettings.defaults(work), env::get);

        assertThat(policy.file("tokenFile", token.toString())).isEqualTo(token.toRealPath());
        assertThat(policy.file("tokenFile", "git-token")).as("relative to the folder").isEqualTo(token.toRealPath());
        assertThat(policy.file("sshKeyFile", "team/key")).isEqualTo(nested.toRealPath());
        assertThat(policy.file("tokenFile", "inner")).as("a link that stays inside").isEqualTo(token.toRealPath());
        assertThat(policy.file("tokenFile", folder + "/team/../git-token")).isEqualTo(token.toRealPath());
        assertThatThrownBy(() -> policy.file("tokenFile", "missing")).isInstanceOf(NoSuchFileException.class);

        assertThatThrownBy(() -> policy.file("tokenFile", outside.toString()))
                .isInstanceOf(SecretRefusedException.class)
                .hasMessage("option tokenFile names the file " + outside + ", which designs may not use: the engine lets"
                        + " designs name only files inside " + folder + ", symbolic links and .. resolved (the operator"
                        + " allows other folders with serve --credentials-dir)");
        assertThatThrownBy(() -> policy.file("tokenFile", "/etc/shadow")).isInstanceOf(SecretRefusedException.class);
        assertThatThrownBy(() -> policy.file("tokenFile", "../outside")).isInstanceOf(SecretRefusedException.class);
        assertThatThrownBy(() -> policy.file("tokenFile", folder + "/../outside")).isInstanceOf(SecretRefusedException.class);
        assertThatThrownBy(() -> policy.file("knownHostsFile", "escape"))
                .isInstanceOf(SecretRefusedException.class)
                .hasMessageContaining("option knownHostsFile names the file escape, which designs may not use: it leads"
                        + " through a symbolic link to outside the credential folders")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(outside.toString()));
        assertThatThrownBy(() -> policy.file("sshKeyFile", "escape-dir/outside")).isInstanceOf(SecretRefusedException.class);
        // A file outside that does not exist is refused the same way: the answer says nothing about what exists there.
        assertThatThrownBy(() -> policy.file("tokenFile", work.resolve("no-such-file").toString()))
                .isInstanceOf(SecretRefusedException.class);
    }

    @Test
    void severalFoldersMayHoldCredentialsAndAFolderBehindALinkCounts() throws IOException {
        Path real = Files.createDirectories(work.resolve("real"));
        Path linked = Files.createSymbolicLink(work.resolve("linked"), real);
        Path other = Files.createDirectories(work.resolve("other"));
        Path a = Files.writeString(real.resolve("a"), "a");
        Path b = Files.writeString(other.resolve("b"), "b");
        CredentialPolicy policy = new CredentialPolicy(CredentialSettings.of(work, List.of(), List.of(linked, other)), env::get);

        assertThat(policy.file("tokenFile", linked.resolve("a").toString())).isEqualTo(a.toRealPath());
        assertThat(policy.file("tokenFile", "a")).isEqualTo(a.toRealPath());
        assertThat(policy.file("tokenFile", b.toString())).isEqualTo(b.toRealPath());
        assertThat(policy.file("tokenFile", a.toString())).as("the folder's real path counts too").isEqualTo(a.toRealPath());
    }
}

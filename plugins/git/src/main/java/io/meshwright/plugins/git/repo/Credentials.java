package io.meshwright.plugins.git.repo;

import io.meshwright.spi.extension.SecretRefusedException;
import io.meshwright.spi.extension.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Where an HTTPS token comes from: an environment variable ({@code tokenEnv}) or a file ({@code tokenFile}), never
 * the design or the source text themselves; and, for SSH, where the key comes from ({@link SshKey}). The token is read when a fetch needs it and handed to JGit only: no
 * field, log line, event, error message or stored row holds it.
 *
 * @param username the user name sent with the token ({@code username} option; default {@code git}, which GitHub and
 *                 Gitea accept with any token; GitLab wants {@code oauth2})
 * @param tokenEnv name of the environment variable holding the token, or {@code null}
 * @param tokenFile path of a file holding the token (surrounding white space ignored), or {@code null}
 * @param ssh       where an SSH key (and the known hosts) come from, for {@code ssh://} URLs; {@code null} when the
 *                  source names none
 */
public record Credentials(String username, String tokenEnv, String tokenFile, SshKey ssh) {

    public Credentials(String username, String tokenEnv, String tokenFile) {
        this(username, tokenEnv, tokenFile, null);
    }

    static Credentials of(Map<String, String> options) {
        String username = options.getOrDefault("username", "git");
        return new Credentials(username.isBlank() ? "git" : username.strip(), blankToNull(options.get("tokenEnv")),
                blankToNull(options.get("tokenFile")), SshKey.of(options));
    }

    /**
     * A provider holding the token, or empty when none is configured.
     *
     * @param secrets resolves the variable or file under the engine's credential rule
     * @throws GitException when the rule refuses the variable or file, the variable is unset or the file unreadable
     *                      (naming which, never the token)
     */
    Optional<CredentialsProvider> provider(SecretResolver secrets) {
        String token;
        if (tokenEnv != null) {
            token = refusedAsGitException(() -> secrets.environment("tokenEnv", tokenEnv)).orElse(null);
            if (token == null || token.isBlank()) {
                throw new GitException("environment variable " + tokenEnv + " (option tokenEnv) is not set or empty");
            }
        } else if (tokenFile != null) {
            Path file = refusedAsGitException(() -> {
                try {
                    return secrets.file("tokenFile", tokenFile);
                } catch (IOException e) {
                    throw new GitException("cannot read the token file " + tokenFile + " (option tokenFile): "
                            + e.getClass().getSimpleName());
                }
            });
            try {
                token = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new GitException("cannot read the token file " + tokenFile + " (option tokenFile): "
                        + e.getClass().getSimpleName());
            }
            if (token.isBlank()) {
                throw new GitException("the token file " + tokenFile + " (option tokenFile) is empty");
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordCredentialsProvider(username, token.strip()));
    }

    /** A refusal of the engine's credential rule, as this plugin's error (its message names option, name and rule). */
    static <T> T refusedAsGitException(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (SecretRefusedException e) {
            throw new GitException(e.getMessage(), e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

package io.meshwright.plugins.git.repo;

import io.meshwright.spi.extension.SecretResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Where an SSH private key comes from: a file ({@code sshKeyFile}) or an environment variable of the engine holding
 * the key's OpenSSH or PEM text ({@code sshKeyEnv}), with an optional passphrase from another variable
 * ({@code sshKeyPassphraseEnv}), and the known hosts file the server's key must be in ({@code knownHostsFile}).
 * The key is read at each fetch, parsed in memory and handed to the SSH client only: it is never written to a file,
 * logged or put in a message.
 *
 * @param keyFile        path of the private key file, or {@code null}
 * @param keyEnv         name of the environment variable holding the private key text, or {@code null}
 * @param passphraseEnv  name of the environment variable holding the key's passphrase, or {@code null}
 * @param knownHostsFile an OpenSSH known_hosts file the server's host key must match; {@code null}: every host is
 *                       unknown, so refused
 */
public record SshKey(String keyFile, String keyEnv, String passphraseEnv, String knownHostsFile) {

    /** The SSH options of a source, or {@code null} when it names none of them. */
    static SshKey of(Map<String, String> options) {
        SshKey key = new SshKey(blankToNull(options.get("sshKeyFile")), blankToNull(options.get("sshKeyEnv")),
                blankToNull(options.get("sshKeyPassphraseEnv")), blankToNull(options.get("knownHostsFile")));
        return key.keyFile == null && key.keyEnv == null && key.passphraseEnv == null && key.knownHostsFile == null
                ? null : key;
    }

    /** The option the key comes from, for messages: {@code sshKeyEnv} or {@code sshKeyFile}. */
    String option() {
        return keyEnv != null ? "sshKeyEnv" : "sshKeyFile";
    }

    /** {@code option sshKeyFile (/path)} or {@code option sshKeyEnv (VAR)}: where the key came from, never the key. */
    String origin() {
        return "option " + option() + " (" + (keyEnv != null ? keyEnv : keyFile) + ")";
    }

    /**
     * Reads and parses the key (decrypting it with the passphrase when one is given).
     *
     * @param secrets resolves the variables and the file under the engine's credential rule
     * @param safeUrl the repository URL without user info, for messages
     * @throws GitException naming the option and the URL (never the key) when the rule refuses it, or the key is
     *                      missing or unreadable
     */
    List<KeyPair> load(SecretResolver secrets, String safeUrl) {
        if (keyFile != null && keyEnv != null) {
            throw new GitException(safeUrl + ": give either option sshKeyFile or option sshKeyEnv, not both");
        }
        if (keyFile == null && keyEnv == null) {
            throw new GitException(safeUrl + " is an SSH repository: it needs a private key, option sshKeyFile (a file) "
                    + "or sshKeyEnv (an environment variable of the engine holding the key); ~/.ssh is never used");
        }
        byte[] text;
        if (keyEnv != null) {
            String value = Credentials.refusedAsGitException(() -> secrets.environment("sshKeyEnv", keyEnv)).orElse(null);
            if (value == null || value.isBlank()) {
                throw new GitException("environment variable " + keyEnv + " (option sshKeyEnv) is not set or empty; it "
                        + "should hold the private key for " + safeUrl);
            }
            text = value.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                text = Files.readAllBytes(Credentials.refusedAsGitException(() -> resolved(secrets, "sshKeyFile", keyFile)));
            } catch (IOException | java.io.UncheckedIOException e) {
                Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
                throw new GitException("cannot read the private key file " + keyFile + " (option sshKeyFile) for "
                        + safeUrl + ": " + cause.getClass().getSimpleName());
            }
        }
        FilePasswordProvider passphrase = FilePasswordProvider.EMPTY;
        if (passphraseEnv != null) {
            String value = Credentials.refusedAsGitException(() -> secrets.environment("sshKeyPassphraseEnv", passphraseEnv))
                    .orElse(null);
            if (value == null || value.isEmpty()) {
                throw new GitException("environment variable " + passphraseEnv + " (option sshKeyPassphraseEnv) is not set "
                        + "or empty; it should hold the passphrase of the key for " + safeUrl);
            }
            passphrase = FilePasswordProvider.of(value);
        }
        List<KeyPair> keys = new ArrayList<>();
        try {
            Iterable<KeyPair> parsed = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(option()),
                    new ByteArrayInputStream(text), passphrase);
            if (parsed != null) {
                parsed.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The parser's own message may quote a line of the input: only its type is shown.
            throw new GitException("the private key from " + origin() + " for " + safeUrl + " cannot be read ("
                    + e.getClass().getSimpleName() + (passphraseEnv == null ? "; if it is encrypted, give its passphrase "
                    + "with option sshKeyPassphraseEnv" : "; is the passphrase right?") + ")");
        } finally {
            java.util.Arrays.fill(text, (byte) 0);
        }
        if (keys.isEmpty()) {
            throw new GitException("the text from " + origin() + " for " + safeUrl + " holds no private key (an OpenSSH "
                    + "or PEM private key is expected)");
        }
        return keys;
    }

    /** The file's real path under the rule; a missing or unresolvable file is an unchecked I/O error to report. */
    static Path resolved(SecretResolver secrets, String option, String file) {
        try {
            return secrets.file(option, file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

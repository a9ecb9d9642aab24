package io.meshwright.engine.nats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the engine (or an agent) proves who it is to NATS and whom it trusts: TLS from PEM files, and at most one way
 * to authenticate. Secrets (password, token) come from the environment, never from the command line, and are never
 * shown: {@link #toString()} and {@link #describe()} name only what kind of credentials is used and from which file.
 *
 * @param ca        PEM certificate(s) of the CA that signed the server's certificate; TLS is used when given (also
 *                  for a {@code nats://} URL); empty: a {@code tls://} URL trusts the JVM's trust store
 * @param cert      a PEM client certificate for mutual TLS (the server's {@code verify: true}); needs {@code key}
 * @param key       its unencrypted PKCS#8 PEM private key
 * @param nkey      a file holding a user NKey seed ({@code SU…}), signed for the server's nonce
 * @param creds     a JWT credentials file ({@code .creds}, operator/JWT mode)
 * @param user      a user name, with {@code password}
 * @param password  that user's password (from the environment)
 * @param token     a token (from the environment)
 */
public record NatsSecurity(Optional<Path> ca, Optional<Path> cert, Optional<Path> key, Optional<Path> nkey,
        Optional<Path> creds, Optional<String> user, Optional<String> password, Optional<String> token) {

    /** The environment variable a password is read from (never an option: a command line is visible to every user). */
    public static final String PASSWORD_ENV = "MESHWRIGHT_NATS_PASSWORD";
    /** The environment variable a token is read from. */
    public static final String TOKEN_ENV = "MESHWRIGHT_NATS_TOKEN";

    public NatsSecurity {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nkey, "nkey");
        Objects.requireNonNull(creds, "creds");
        user = user.filter(u -> !u.isBlank());
        password = password.filter(p -> !p.isEmpty());
        token = token.filter(t -> !t.isEmpty());
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("--nats-tls-cert and --nats-tls-key go together (a client certificate and its"
                    + " private key, PEM), but only " + (cert.isPresent() ? "--nats-tls-cert" : "--nats-tls-key") + " was given");
        }
        if (user.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("--nats-user " + user.get() + ": set its password in $" + PASSWORD_ENV);
        }
        if (password.isPresent() && user.isEmpty()) {
            throw new IllegalArgumentException("$" + PASSWORD_ENV + " is set but no --nats-user (or $MESHWRIGHT_NATS_USER)");
        }
        List<String> ways = new ArrayList<>();
        nkey.ifPresent(f -> ways.add("--nats-nkey"));
        creds.ifPresent(f -> ways.add("--nats-creds"));
        user.ifPresent(u -> ways.add("--nats-user"));
        token.ifPresent(t -> ways.add("$" + TOKEN_ENV));
        if (ways.size() > 1) {
            throw new IllegalArgumentException("NATS takes one way to authenticate, but " + String.join(" and ", ways)
                    + " were given");
        }
    }

    public static NatsSecurity none() {
        return new NatsSecurity(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether TLS is set up here (a CA or a client certificate); a {@code tls://} URL asks for TLS on its own. */
    public boolean tls() {
        return ca.isPresent() || cert.isPresent();
    }

    /** Whether any credentials are given here (not counting any in the URL). */
    public boolean authenticates() {
        return nkey.isPresent() || creds.isPresent() || user.isPresent() || token.isPresent();
    }

    /**
     * Every file named exists and is readable; else an {@link IllegalArgumentException} naming the option and the file,
     * so that a typo fails at start rather than as an endless reconnect.
     */
    public void checkFiles() {
        check("--nats-tls-ca", ca);
        check("--nats-tls-cert", cert);
        check("--nats-tls-key", key);
        check("--nats-nkey", nkey);
        check("--nats-creds", creds);
    }

    private static void check(String option, Optional<Path> file) {
        file.ifPresent(f -> {
            if (!Files.exists(f)) {
                throw new IllegalArgumentException(option + ": " + f + " does not exist");
            }
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new IllegalArgumentException(option + ": " + f + " is not a readable file");
            }
        });
    }

    /** What is used, without any secret: e.g. {@code TLS (CA ca.pem, client certificate c.pem), NKey from u.nk}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (tls()) {
            List<String> tls = new ArrayList<>();
            ca.ifPresent(f -> tls.add("CA " + f));
            cert.ifPresent(f -> tls.add("client certificate " + f));
            parts.add("TLS (" + String.join(", ", tls) + ")");
        }
        nkey.ifPresent(f -> parts.add("NKey from " + f));
        creds.ifPresent(f -> parts.add("credentials from " + f));
        user.ifPresent(u -> parts.add("user " + u + " (password from $" + PASSWORD_ENV + ")"));
        token.ifPresent(t -> parts.add("token from $" + TOKEN_ENV));
        return parts.isEmpty() ? "no TLS files or credentials" : String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}

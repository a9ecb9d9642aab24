package io.meshwright.engine.nats;

import io.meshwright.engine.api.PemFiles;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link NatsSecurity} turned into what jnats needs, once at start: the TLS context from the PEM files and the auth
 * handler. Every file is read here, so a missing file, a bad PEM or a file without an NKey seed fails the start with
 * the option and the file named (the connection itself is retried forever and would only log it).
 */
final class ConnectSecurity {

    /** A user seed as {@code nk -gen user} or {@code nsc} writes it: base32, starting {@code SU}. */
    private static final Pattern USER_SEED = Pattern.compile("\\bSU[A-Z2-7]{40,}\\b");
    private static final Pattern CREDS_JWT = Pattern.compile("-----BEGIN NATS USER JWT-----\\s*\\S+\\s*------?END NATS USER JWT------?");

    private final NatsSecurity security;
    private final Optional<SSLContext> tls;
    private final Optional<AuthHandler> auth;

    private ConnectSecurity(NatsSecurity security, Optional<SSLContext> tls, Optional<AuthHandler> auth) {
        this.security = security;
        this.tls = tls;
        this.auth = auth;
    }

    static ConnectSecurity prepare(NatsSecurity security) {
        security.checkFiles();
        Optional<SSLContext> tls = security.tls() ? Optional.of(context(security)) : Optional.empty();
        Optional<AuthHandler> auth = security.nkey().map(ConnectSecurity::nkey)
                .or(() -> security.creds().map(ConnectSecurity::creds));
        return new ConnectSecurity(security, tls, auth);
    }

    NatsSecurity security() {
        return security;
    }

    Options.Builder apply(Options.Builder options) {
        tls.ifPresent(options::sslContext);
        auth.ifPresent(options::authHandler);
        security.user().ifPresent(user -> options.userInfo(user.toCharArray(), security.password().orElseThrow().toCharArray()));
        security.token().ifPresent(token -> options.token(token.toCharArray()));
        return options;
    }

    private static SSLContext context(NatsSecurity security) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (security.ca().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate certificate : pem("--nats-tls-ca", security.ca().get(), PemFiles::certificates)) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                trust.init(store);
            } else {
                trust.init((KeyStore) null); // the JVM's trust store, as a tls:// URL alone would use
            }
            KeyManagerFactory keys = null;
            if (security.cert().isPresent()) {
                List<X509Certificate> chain = pem("--nats-tls-cert", security.cert().get(), PemFiles::certificates);
                PrivateKey key = pem("--nats-tls-key", security.key().orElseThrow(), PemFiles::privateKey);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS for NATS from " + security.describe() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T pem(String option, Path file, java.util.function.Function<Path, T> read) {
        try {
            return read.apply(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** The seed is read once and kept; the file's text is never shown (it is the secret). */
    private static AuthHandler nkey(Path file) {
        Matcher seed = USER_SEED.matcher(read("--nats-nkey", file));
        if (!seed.find()) {
            throw new IllegalArgumentException("--nats-nkey: " + file + " holds no user NKey seed (a word starting with SU,"
                    + " as `nk -gen user` writes)");
        }
        char[] chars = seed.group().toCharArray();
        char[] id;
        try {
            id = NKey.fromSeed(chars).getPublicKey();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--nats-nkey: the seed in " + file + " is not a valid NKey seed", e);
        }
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return NKey.fromSeed(chars).sign(nonce);
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException("cannot sign the NATS server's nonce with the NKey from " + file, e);
                }
            }

            @Override
            public char[] getID() {
                return id.clone();
            }

            @Override
            public char[] getJWT() {
                return null; // an NKey user, not a JWT one
            }
        };
    }

    /** jnats reads the file at each connection (a renewed JWT is picked up); its shape is checked once here. */
    private static AuthHandler creds(Path file) {
        String text = read("--nats-creds", file);
        if (!CREDS_JWT.matcher(text).find() || !USER_SEED.matcher(text).find()) {
            throw new IllegalArgumentException("--nats-creds: " + file + " is not a NATS credentials file (it needs a"
                    + " -----BEGIN NATS USER JWT----- block and a user NKey seed, as `nsc generate creds` writes)");
        }
        return Nats.credentials(file.toString());
    }

    private static String read(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

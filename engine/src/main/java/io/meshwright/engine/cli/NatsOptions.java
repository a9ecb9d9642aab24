package io.meshwright.engine.cli;

import io.meshwright.engine.nats.NatsSecurity;
import io.meshwright.engine.nats.NatsSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The NATS options {@code serve} and {@code sync} share. */
final class NatsOptions {

    @Option(names = "--nats", paramLabel = "URL", defaultValue = "${env:MESHWRIGHT_NATS_URL}",
            description = "publish events to NATS JetStream at URL, e.g. nats://127.0.0.1:4222 (default: $MESHWRIGHT_NATS_URL; none)")
    String url;

    @Option(names = "--nats-stream", paramLabel = "NAME", defaultValue = NatsSettings.DEFAULT_STREAM,
            description = "the JetStream stream, created or updated at start (default: ${DEFAULT-VALUE})")
    String stream;

    @Option(names = "--nats-max-age", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "how long the stream keeps an event (default: ${DEFAULT-VALUE})")
    Duration maxAge;

    @Option(names = "--nats-max-bytes", paramLabel = "SIZE", defaultValue = "1GiB",
            description = "how much the stream keeps at most, oldest dropped first (default: ${DEFAULT-VALUE})")
    String maxBytes;

    @Option(names = "--nats-buffer", paramLabel = "COUNT", defaultValue = "10000",
            description = "events held in memory while NATS is away; past it the oldest are dropped and counted (default: ${DEFAULT-VALUE})")
    int buffer;

    @Option(names = "--nats-tls-ca", paramLabel = "FILE",
            description = "PEM certificate(s) of the CA that signed the NATS server's certificate; uses TLS (default: a tls:// URL trusts the JVM's trust store)")
    Path tlsCa;

    @Option(names = "--nats-tls-cert", paramLabel = "FILE",
            description = "PEM client certificate for mutual TLS (the server's verify: true), with --nats-tls-key")
    Path tlsCert;

    @Option(names = "--nats-tls-key", paramLabel = "FILE", description = "the client certificate's private key (PEM, unencrypted PKCS#8)")
    Path tlsKey;

    @Option(names = "--nats-nkey", paramLabel = "FILE", description = "a file holding the NATS user's NKey seed (SU...)")
    Path nkey;

    @Option(names = "--nats-creds", paramLabel = "FILE", description = "a NATS credentials file (user JWT and seed, as nsc writes it)")
    Path creds;

    // No picocli default from the environment: settings() must tell a user named here from one in the environment.
    @Option(names = "--nats-user", paramLabel = "NAME",
            description = "NATS user name; its password is read from $" + NatsSecurity.PASSWORD_ENV
                    + " (default: $MESHWRIGHT_NATS_USER). A token is read from $" + NatsSecurity.TOKEN_ENV)
    String user;

    static final String USER_ENV = "MESHWRIGHT_NATS_USER";

    /** The settings, when a URL was given; {@code publisherId} may be empty for the engine's own. */
    Optional<NatsSettings> settings(String publisherId, PrintWriter warnings) {
        return settings(publisherId, System.getenv(), warnings);
    }

    /**
     * The same, with the password and token (and a user not named by {@code --nats-user}) read from {@code env}
     * (secrets never come from the command line). Without a URL, options on the command line are refused, but
     * variables in the environment only warned about: a shared container environment may carry them for another
     * program, and they must not keep an engine that does not use NATS from starting.
     */
    Optional<NatsSettings> settings(String publisherId, Map<String, String> env, PrintWriter warnings) {
        if (url == null || url.isBlank()) {
            List<String> given = securityOptionsGiven();
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("NATS TLS or credentials (" + String.join(", ", given) + ") given"
                        + " without --nats URL (or $MESHWRIGHT_NATS_URL)");
            }
            for (String variable : List.of(NatsSecurity.TOKEN_ENV, NatsSecurity.PASSWORD_ENV, USER_ENV)) {
                String value = env.get(variable);
                if (value != null && !value.isEmpty()) {
                    warnings.printf("WARNING: $%s is set but no NATS URL (--nats or $MESHWRIGHT_NATS_URL): not publishing"
                            + " to NATS%n", variable);
                }
            }
            return Optional.empty();
        }
        String named = user != null ? user : blankToNull(env.get(USER_ENV));
        NatsSecurity security = new NatsSecurity(Optional.ofNullable(tlsCa), Optional.ofNullable(tlsCert),
                Optional.ofNullable(tlsKey), Optional.ofNullable(nkey), Optional.ofNullable(creds), Optional.ofNullable(named),
                Optional.ofNullable(env.get(NatsSecurity.PASSWORD_ENV)), Optional.ofNullable(env.get(NatsSecurity.TOKEN_ENV)));
        return Optional.of(NatsSettings.of(url.strip(), publisherId).withStream(stream)
                .withRetention(maxAge, ServeCommand.size("--nats-max-bytes", maxBytes)).withBuffer(buffer)
                .withSecurity(security));
    }

    /** The TLS and credential options given on the command line (the environment is not the command line). */
    private List<String> securityOptionsGiven() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("--nats-tls-ca", tlsCa);
        options.put("--nats-tls-cert", tlsCert);
        options.put("--nats-tls-key", tlsKey);
        options.put("--nats-nkey", nkey);
        options.put("--nats-creds", creds);
        options.put("--nats-user", user);
        return options.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

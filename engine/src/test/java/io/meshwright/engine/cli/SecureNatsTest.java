package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.nats.NatsBridge;
import io.meshwright.engine.nats.NatsSettings;
import io.meshwright.engine.nats.NatsStatus;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.event.Event;
import io.meshwright.testkit.NatsServer;
import io.meshwright.testkit.TestCertificates;
import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The NATS options of {@code serve} and {@code sync} as a user gives them (parsed by picocli, secrets from the
 * environment), against a real nats-server 2.9 on loopback: TLS with a private CA and mutual TLS ({@code verify: true},
 * certificates made by openssl in the test), an NKey user (the pair made with jnats' {@link NKey}), user/password and
 * token. Each way connects and gets an event into the stream; each wrong way says what is wrong and on which side,
 * and no secret shows in any message.
 */
class SecureNatsTest {

    private static final String PASSWORD = "pw-Zq81-never-shown";
    private static final String TOKEN = "tok-Xv77-never-shown";

    @TempDir
    Path folder;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<NatsBridge, EventBus> buses = new java.util.IdentityHashMap<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void mutualTlsWithAPrivateCaConnectsAndPublishes() throws Exception {
        TestCertificates pki = TestCertificates.make(folder.resolve("pki"));
        NatsServer server = server("tls", pki.natsServerTls(true));

        NatsBridge bridge = bridge(settings(Map.of(), "--nats", server.url(), "--nats-tls-ca", pki.ca().toString(),
                "--nats-tls-cert", pki.clientCert().toString(), "--nats-tls-key", pki.clientKey().toString()));
        assertPublishes(bridge);
        assertThat(bridge.settings().security().describe()).contains("CA " + pki.ca()).contains("client certificate");

        // The same over a tls:// URL.
        assertPublishes(bridge(settings(Map.of(), "--nats", "tls://127.0.0.1:" + server.port(), "--nats-tls-ca",
                pki.ca().toString(), "--nats-tls-cert", pki.clientCert().toString(), "--nats-tls-key", pki.clientKey().toString())));
    }

    @Test
    void eachTlsMistakeIsNamedWithItsSide() throws Exception {
        TestCertificates pki = TestCertificates.make(folder.resolve("pki"));
        NatsServer mutual = server("mtls", pki.natsServerTls(true));

        // No client certificate where the server verifies one: the server's side.
        NatsStatus noCert = failed(settings(Map.of(), "--nats", mutual.url(), "--nats-tls-ca", pki.ca().toString()));
        assertThat(noCert.problem()).contains("server's side").contains("client certificate").contains("--nats-tls-cert");
        // A client certificate of another CA: the server's side, naming the file.
        NatsStatus strangerCert = failed(settings(Map.of(), "--nats", mutual.url(), "--nats-tls-ca", pki.ca().toString(),
                "--nats-tls-cert", pki.strangerCert().toString(), "--nats-tls-key", pki.strangerKey().toString()));
        assertThat(strangerCert.problem()).contains("server's side").contains(pki.strangerCert().toString());
        // No CA for a private certificate: our side (the JVM's trust store does not have it).
        NatsStatus untrusted = failed(settings(Map.of(), "--nats", "tls://127.0.0.1:" + mutual.port()));
        assertThat(untrusted.problem()).contains("our side").contains("--nats-tls-ca");
        // The wrong CA: our side, naming it.
        NatsStatus wrongCa = failed(settings(Map.of(), "--nats", mutual.url(), "--nats-tls-ca", pki.strangerCert().toString()));
        assertThat(wrongCa.problem()).contains("our side").contains(pki.strangerCert().toString());
        // Plain NATS to a TLS server.
        assertThat(failed(settings(Map.of(), "--nats", mutual.url())).problem()).contains("requires TLS");

        // Files: missing, not PEM, a key without its certificate: refused at start, naming option and file.
        Path missing = folder.resolve("nope.pem");
        assertThatThrownBy(() -> bridge(settings(Map.of(), "--nats", mutual.url(), "--nats-tls-ca", missing.toString())))
                .hasMessageContaining("--nats-tls-ca").hasMessageContaining(missing + " does not exist");
        Path notPem = Files.writeString(folder.resolve("not.pem"), "hello\n");
        assertThatThrownBy(() -> bridge(settings(Map.of(), "--nats", mutual.url(), "--nats-tls-ca", notPem.toString())))
                .hasMessageContaining("--nats-tls-ca").hasMessageContaining(notPem + " holds no PEM certificate");
        assertThatThrownBy(() -> bridge(settings(Map.of(), "--nats", mutual.url(), "--nats-tls-ca", pki.ca().toString(),
                "--nats-tls-cert", pki.clientCert().toString(), "--nats-tls-key", pki.clientCert().toString())))
                .hasMessageContaining("--nats-tls-key").hasMessageContaining(pki.clientCert().toString());
        assertThatThrownBy(() -> settings(Map.of(), "--nats", mutual.url(), "--nats-tls-key", pki.clientKey().toString()))
                .hasMessageContaining("--nats-tls-cert and --nats-tls-key go together");
    }

    @Test
    void anNkeyUserConnectsAndAWrongSeedIsRefusedWithoutShowingIt() throws Exception {
        NKey user = NKey.createUser(new SecureRandom());
        NatsServer server = server("nkey", "authorization { users = [ { nkey: " + new String(user.getPublicKey()) + " } ] }\n");
        Path seed = Files.writeString(folder.resolve("user.nk"), new String(user.getSeed()) + "\n");

        assertPublishes(bridge(settings(Map.of(), "--nats", server.url(), "--nats-nkey", seed.toString())));

        NKey stranger = NKey.createUser(new SecureRandom());
        Path wrong = Files.writeString(folder.resolve("stranger.nk"), new String(stranger.getSeed()) + "\n");
        NatsStatus refused = failed(settings(Map.of(), "--nats", server.url(), "--nats-nkey", wrong.toString()));
        assertThat(refused.problem()).contains("refused the credentials").contains("NKey from " + wrong)
                .doesNotContain(new String(stranger.getSeed()));
        // No credentials at all: says which options give them.
        assertThat(failed(settings(Map.of(), "--nats", server.url())).problem()).contains("refused the credentials")
                .contains("--nats-nkey");
        Path noSeed = Files.writeString(folder.resolve("empty.nk"), "# nothing here\n");
        assertThatThrownBy(() -> bridge(settings(Map.of(), "--nats", server.url(), "--nats-nkey", noSeed.toString())))
                .hasMessageContaining("--nats-nkey").hasMessageContaining(noSeed + " holds no user NKey seed");
        assertThatThrownBy(() -> bridge(settings(Map.of(), "--nats", server.url(), "--nats-creds", seed.toString())))
                .hasMessageContaining("--nats-creds").hasMessageContaining("is not a NATS credentials file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(new String(user.getSeed())));
    }

    @Test
    void userAndPasswordOrTokenComeFromTheEnvironmentAndAreNeverShown() throws Exception {
        NatsServer users = server("users", "authorization { users = [ { user: alice, password: \"" + PASSWORD + "\" } ] }\n");
        NatsSettings alice = settings(Map.of("MESHWRIGHT_NATS_PASSWORD", PASSWORD), "--nats", users.url(), "--nats-user", "alice");
        assertThat(alice.security().toString()).contains("user alice").doesNotContain(PASSWORD);
        assertPublishes(bridge(alice));

        NatsStatus wrong = failed(settings(Map.of("MESHWRIGHT_NATS_PASSWORD", "not-" + PASSWORD), "--nats", users.url(),
                "--nats-user", "alice"));
        assertThat(wrong.problem()).contains("refused the credentials").contains("user alice").doesNotContain(PASSWORD);
        assertThatThrownBy(() -> settings(Map.of(), "--nats", users.url(), "--nats-user", "alice"))
                .hasMessageContaining("MESHWRIGHT_NATS_PASSWORD");

        NatsServer tokens = server("token", "authorization { token: \"" + TOKEN + "\" }\n");
        NatsSettings token = settings(Map.of("MESHWRIGHT_NATS_TOKEN", TOKEN), "--nats", tokens.url());
        assertThat(token.security().describe()).contains("token from $MESHWRIGHT_NATS_TOKEN").doesNotContain(TOKEN);
        assertPublishes(bridge(token));
        assertThat(failed(settings(Map.of("MESHWRIGHT_NATS_TOKEN", "x" + TOKEN), "--nats", tokens.url())).problem())
                .contains("refused the credentials").contains("token").doesNotContain(TOKEN);

        assertThatThrownBy(() -> settings(Map.of("MESHWRIGHT_NATS_TOKEN", TOKEN, "MESHWRIGHT_NATS_PASSWORD", PASSWORD),
                "--nats", users.url(), "--nats-user", "alice"))
                .hasMessageContaining("one way to authenticate").satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    /**
     * Operator/JWT mode without {@code nsc} (Debian does not ship it): operator, system and user accounts and the user's
     * JWT made with jnats' {@link NKey} and {@link JwtUtils}, the server resolving accounts from memory; the creds file is
     * what {@code nsc generate creds} writes.
     */
    @Test
    void aJwtCredentialsFileConnectsInOperatorMode() throws Exception {
        SecureRandom random = new SecureRandom();
        NKey operator = NKey.createOperator(random);
        NKey account = NKey.createAccount(random);
        NKey system = NKey.createAccount(random);
        NKey user = NKey.createUser(random);
        String operatorId = new String(operator.getPublicKey());
        String accountId = new String(account.getPublicKey());
        String systemId = new String(system.getPublicKey());
        long now = JwtUtils.currentTimeSeconds();
        String operatorJwt = JwtUtils.issueJWT(operator, operatorId, "test-operator", null, now, operatorId,
                (JsonSerializable) () -> "{\"type\":\"operator\",\"version\":2}");
        String accountJwt = JwtUtils.issueJWT(operator, accountId, "test-account", null, now, operatorId,
                (JsonSerializable) () -> "{\"type\":\"account\",\"version\":2,\"limits\":{\"subs\":-1,\"data\":-1,"
                        + "\"payload\":-1,\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,"
                        + "\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1}}");
        String systemJwt = JwtUtils.issueJWT(operator, systemId, "SYS", null, now, operatorId,
                (JsonSerializable) () -> "{\"type\":\"account\",\"version\":2}");
        String userJwt = JwtUtils.issueUserJWT(account, accountId, new String(user.getPublicKey()));
        Path creds = Files.writeString(folder.resolve("user.creds"),
                String.format(JwtUtils.NATS_USER_JWT_FORMAT, userJwt, new String(user.getSeed())));
        NatsServer server = server("operator", "operator: \"" + operatorJwt + "\"\nresolver: MEMORY\nsystem_account: "
                + systemId + "\nresolver_preload: { " + accountId + ": \"" + accountJwt + "\", " + systemId + ": \""
                + systemJwt + "\" }\n");

        NatsBridge bridge = bridge(settings(Map.of(), "--nats", server.url(), "--nats-creds", creds.toString()));
        assertPublishes(bridge);
        assertThat(bridge.settings().security().describe()).isEqualTo("credentials from " + creds);

        // A user of an account the server does not know: refused, naming the file.
        NKey strangerAccount = NKey.createAccount(random);
        NKey stranger = NKey.createUser(random);
        Path strangerCreds = Files.writeString(folder.resolve("stranger.creds"), String.format(JwtUtils.NATS_USER_JWT_FORMAT,
                JwtUtils.issueUserJWT(strangerAccount, new String(strangerAccount.getPublicKey()),
                        new String(stranger.getPublicKey())), new String(stranger.getSeed())));
        assertThat(failed(settings(Map.of(), "--nats", server.url(), "--nats-creds", strangerCreds.toString())).problem())
                .contains("refused the credentials").contains("credentials from " + strangerCreds)
                .doesNotContain(new String(stranger.getSeed()));
    }

    /** The agent's options parsed as picocli does for {@code meshwright sync}. */
    private static NatsSettings settings(Map<String, String> env, String... args) {
        SyncCommand command = new SyncCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.nats.settings("test", env, new java.io.PrintWriter(System.err, true)).orElseThrow().withPublisher("test");
    }

    private NatsServer server(String name, String config) {
        NatsServer server = NatsServer.start(folder.resolve(name), config);
        open.add(server);
        return server;
    }

    private NatsBridge bridge(NatsSettings settings) {
        EventBus bus = new EventBus(Clock.systemUTC());
        NatsBridge bridge = NatsBridge.start(settings.withFollow(false), bus, List::of, Clock.systemUTC());
        buses.put(bridge, bus);
        open.add(bridge);
        return bridge;
    }

    private void assertPublishes(NatsBridge bridge) {
        await().atMost(Duration.ofSeconds(20)).until(bridge::ready);
        buses.get(bridge).publish(new Event.StateChanged("dep-1", DeploymentState.APPLYING, DeploymentState.DEPLOYED, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.status().published() == 1);
        assertThat(bridge.status().problem()).isNull();
    }

    /** A bridge that cannot connect: its status once it has a problem to report. */
    private NatsStatus failed(NatsSettings settings) {
        NatsBridge bridge = bridge(settings);
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.status().problem() != null);
        NatsStatus status = bridge.status();
        assertThat(status.connected()).isFalse();
        return status;
    }
}

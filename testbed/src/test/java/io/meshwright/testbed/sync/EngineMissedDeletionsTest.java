package io.meshwright.testbed.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.engine.nats.NatsSettings;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.NatsServer;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.TestCertificates;
import io.meshwright.testkit.contract.EngineProcess;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshwright serve --nats} as a user runs it (the built distribution, a child JVM), against the local control
 * plane and a real nats-server 2.9 that requires mutual TLS ({@code verify: true}, a private CA made by openssl) and an
 * NKey user: the engine publishes its cluster's objects; SIGKILLed, an object deleted meanwhile, started again: the
 * stream gets that object's deletion exactly once, and a further restart publishes no other.
 */
@RealCluster
class EngineMissedDeletionsTest {

    private static final Pattern CHECKED = Pattern.compile("(\\d+) deletion\\(s\\) published for objects gone meanwhile");

    @TempDir
    Path folder;

    @Test
    void anObjectDeletedWhileTheEngineWasKilledIsPublishedAsDeletedOnceWhenItStartsAgain(ClusterHandle cluster) throws Exception {
        Path distribution = EngineProcess.distribution().orElse(null);
        Assumptions.assumeTrue(distribution != null, "no engine distribution: build it (mvn package) or set -Dmeshwright.distribution");
        String namespace = cluster.createNamespace("missed");
        for (String name : List.of("gone", "stays")) {
            cluster.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(name).withNamespace(namespace).endMetadata().withData(Map.of("a", "1")).build()).create();
        }
        TestCertificates pki = TestCertificates.make(folder.resolve("pki"));
        NKey user = NKey.createUser(new SecureRandom());
        Path seed = Files.writeString(folder.resolve("engine.nk"), new String(user.getSeed()) + "\n");
        Path dataDir = folder.resolve("engine");
        try (NatsServer nats = NatsServer.start(folder.resolve("nats"), pki.natsServerTls(true)
                + "authorization { users = [ { nkey: " + new String(user.getPublicKey()) + " } ] }\n");
                ObjectView consumer = new ObjectView(Options.builder().server(nats.url()).sslContext(pki.clientContext())
                        .authHandler(nkey(user)), NatsSettings.DEFAULT_STREAM, "outside", "meshwright.sync.local.core.v1.ConfigMap")) {
            List<String> serve = List.of("--nats", "tls://127.0.0.1:" + nats.port(), "--nats-tls-ca", pki.ca().toString(),
                    "--nats-tls-cert", pki.clientCert().toString(), "--nats-tls-key", pki.clientKey().toString(),
                    "--nats-nkey", seed.toString());
            EngineProcess engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of(), serve);
            try {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(consumer.in(namespace)).as(log(dataDir)).containsOnlyKeys("gone", "stays"));
                await().atMost(Duration.ofMinutes(3)).until(() -> checks(dataDir).size() == 1);
                assertThat(checks(dataDir)).containsExactly(0);

                engine.kill();
                cluster.client().configMaps().inNamespace(namespace).withName("gone").delete();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        cluster.client().configMaps().inNamespace(namespace).withName("gone").get() == null);

                engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of(), serve);
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(consumer.in(namespace)).as(log(dataDir)).containsOnlyKeys("stays"));
                await().atMost(Duration.ofMinutes(3)).until(() -> checks(dataDir).size() == 2);
                // The engine watches the whole shared control plane, where other tests' objects (in namespaces still
                // being deleted, say) also go while it is down: their deletions are published too. This namespace's
                // deletions are checked exactly below.
                assertThat(checks(dataDir).get(1)).isGreaterThanOrEqualTo(1);

                engine.close();
                engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of(), serve);
                await().atMost(Duration.ofMinutes(3)).until(() -> checks(dataDir).size() == 3);
                // The deletion is in the stream since the second start: the third does not publish it again (below).
                Thread.sleep(1_000); // a repeat would be in the stream by now: the check waits for the backlog first

                List<ObjectView.Change> deletions = consumer.received(namespace).stream()
                        .filter(c -> c.change().equals("DELETED")).toList();
                assertThat(deletions).extracting(ObjectView.Change::name).containsExactly("gone");
                assertThat(consumer.in(namespace)).containsOnlyKeys("stays");
            } finally {
                engine.kill();
            }
        }
    }

    /** The count of each missed-deletion check the engine logged (its log file, appended by each start), in order. */
    private static List<Integer> checks(Path dataDir) throws IOException {
        Path out = dataDir.resolve("logs/engine.log");
        if (!Files.exists(out)) {
            return List.of();
        }
        Matcher matcher = CHECKED.matcher(Files.readString(out));
        return matcher.results().map(r -> Integer.parseInt(r.group(1))).toList();
    }

    private static String log(Path dataDir) {
        try {
            Path out = dataDir.resolve("logs/engine.log");
            return Files.exists(out) ? Files.readString(out) : "(no engine log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The test's own NATS client signs as the same NKey user. */
    private static AuthHandler nkey(NKey user) {
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return user.sign(nonce);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return user.getPublicKey();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
    }
}

package io.meshwright.engine.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.meshwright.engine.fetch.HostResolver;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.sync.health.LocalPrometheus;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding against a connection: a name whose answer the test changes between calls, as a DNS server under a
 * token holder's control would (no hosts file can do that on a shared machine). Every call resolves the name once,
 * checks that answer and connects to it — a real Prometheus on loopback answers through a name the system's resolver
 * does not know — and a later answer that is private or link-local is refused before anything is sent.
 */
class PrometheusClientRebindingTest {

    private static final String NAME = "prometheus.rebind.test";

    @TempDir
    Path dir;

    private final AtomicReference<List<InetAddress>> answer = new AtomicReference<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final HostResolver resolver = host -> {
        if (!host.equals(NAME) && !host.equals(NAME + ".")) {
            throw new UnknownHostException(host);
        }
        lookups.incrementAndGet();
        return answer.get();
    };

    @Test
    void everyCallConnectsToTheAddressItCheckedAndARebindToAPrivateOrLinkLocalAddressIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "no /usr/bin/prometheus (apt-get install prometheus)");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // Loopback stands in for the public address the check allows; every other private address stays refused.
        UrlFetcher policy = new UrlFetcher(UrlFetcher.Settings.defaults().alsoAllowing(Set.of(loopback)));
        try (LocalPrometheus.MetricsTarget target = new LocalPrometheus.MetricsTarget();
                LocalPrometheus prometheus = LocalPrometheus.start(Files.createDirectories(dir.resolve("prom")), target.hostPort())) {
            int port = URI.create(prometheus.url()).getPort();
            PrometheusClient client = new PrometheusClient("http://" + NAME + ":" + port, Duration.ofSeconds(5), policy,
                    resolver, SSLContext.getDefault().getSocketFactory());
            answer.set(List.of(loopback));

            assertThat(client.version()).matches("\\d+\\.\\d+.*");
            assertThat(client.query("vector(1)")).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
            assertThat(lookups).as("one lookup per call, the one checked").hasValue(2);

            answer.set(List.of(InetAddress.getByName("10.20.30.40")));
            assertThatThrownBy(() -> client.query("vector(1)"))
                    .isInstanceOf(PrometheusException.class)
                    .hasMessage("prometheus at http://" + NAME + ":" + port + " is refused: host " + NAME + " resolves to"
                            + " 10.20.30.40, a loopback, link-local or private address; the engine fetches only public"
                            + " addresses unless started with serve --allow-private-urls");
            // One allowed and one refused address in one answer: refused, the connect could pick either.
            answer.set(List.of(loopback, InetAddress.getByName("192.168.1.1")));
            assertThatThrownBy(client::version).hasMessageContaining("resolves to 192.168.1.1");

            PrometheusClient privateAllowed = new PrometheusClient("http://" + NAME + ":" + port, Duration.ofSeconds(5),
                    new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true)), resolver,
                    SSLContext.getDefault().getSocketFactory());
            answer.set(List.of(loopback));
            assertThat(privateAllowed.version()).isNotBlank();
            answer.set(List.of(InetAddress.getByName("169.254.169.254")));
            assertThatThrownBy(privateAllowed::version).hasMessageContaining("resolves to 169.254.169.254, a link-local"
                    + " address (cloud metadata), which the engine never calls");
        }
    }

    @Test
    void theRequestNamesTheHostAndChunkedOrSizedBodiesAreRead() throws Exception {
        List<String> hosts = new CopyOnWriteArrayList<>();
        String big = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"pod\":\"p\"},\"value\":[1,\"2\"]},".repeat(2000) + "{\"metric\":{},\"value\":[1,\"3\"]}]}}";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            boolean query = exchange.getRequestURI().getPath().endsWith("/query");
            byte[] body = (query ? big : "{\"status\":\"success\",\"data\":{\"version\":\"9.9.9\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, query ? 0 : body.length); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            answer.set(List.of(InetAddress.getLoopbackAddress()));
            PrometheusClient client = new PrometheusClient("http://" + NAME + ":" + port + "/prom/", Duration.ofSeconds(5),
                    new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true)), resolver,
                    SSLContext.getDefault().getSocketFactory());
            assertThat(client.version()).isEqualTo("9.9.9");
            assertThat(client.query("up")).hasSize(2001);
            assertThat(hosts).containsOnly(NAME + ":" + port);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void overHttpsTheCertificateMustNameTheHostNotTheAddressConnectedTo() throws Exception {
        java.security.KeyStore store = keyStore(dir.resolve("server.p12"), NAME);
        java.security.KeyStore stranger = keyStore(dir.resolve("other.p12"), "other.rebind.test");
        answer.set(List.of(InetAddress.getLoopbackAddress()));
        UrlFetcher policy = new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true));
        for (java.security.KeyStore served : List.of(store, stranger)) {
            com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls(served, served)));
            server.createContext("/", exchange -> {
                byte[] body = "{\"status\":\"success\",\"data\":{\"version\":\"2.45.0\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try {
                // The client trusts both certificates: only the host name check can tell them apart.
                PrometheusClient client = new PrometheusClient("https://" + NAME + ":" + server.getAddress().getPort(),
                        Duration.ofSeconds(5), policy, resolver, tls(null, store, stranger).getSocketFactory());
                if (served == store) {
                    assertThat(client.version()).isEqualTo("2.45.0");
                } else {
                    assertThatThrownBy(client::version).isInstanceOf(PrometheusException.class)
                            .hasMessageContaining("does not answer: SSLHandshakeException");
                }
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void aFullyQualifiedHostWithATrailingDotConnectsOverHttpsWithTheCertificateOfTheNameWithoutIt() throws Exception {
        java.security.KeyStore store = keyStore(dir.resolve("server.p12"), NAME);
        answer.set(List.of(InetAddress.getLoopbackAddress()));
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls(store, store)));
        server.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"success\",\"data\":{\"version\":\"2.45.0\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            PrometheusClient client = new PrometheusClient("https://" + NAME + ".:" + server.getAddress().getPort(),
                    Duration.ofSeconds(5), new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true)), resolver,
                    tls(null, store).getSocketFactory());
            assertThat(client.version()).isEqualTo("2.45.0");
        } finally {
            server.stop(0);
        }
    }

    /** A PKCS#12 store with a self-signed certificate for {@code host}, made with the JDK's keytool. */
    private static java.security.KeyStore keyStore(Path file, String host) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "server", "-dname", "CN=" + host, "-ext", "SAN=dns:" + host,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static SSLContext tls(java.security.KeyStore keys, java.security.KeyStore... trusted) throws Exception {
        javax.net.ssl.KeyManagerFactory keyManagers = null;
        if (keys != null) {
            keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "changeit".toCharArray());
        }
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trust.setCertificateEntry("ca" + i, trusted[i].getCertificate("server"));
        }
        javax.net.ssl.TrustManagerFactory trustManagers = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}

package io.meshwright.engine.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one fetcher, against a real loopback HTTP server: redirects re-checked, size capped while streaming. */
class UrlFetcherTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(0), 0); // every address, so that 127.0.0.2 reaches it too
        int port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        server.createContext("/ok", exchange -> {
            byte[] body = "fine".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // 127.0.0.2 is loopback too: a redirect there must be checked like the first hop.
        server.createContext("/to-loopback", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.2:" + port + "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-file", exchange -> {
            exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no declared length: the cap must hold while reading
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 16 * 1024; i++) { // 1 GiB if nobody stops reading
                    out.write(block);
                }
            } catch (java.io.IOException stoppedReading) {
                // the fetcher hung up, as it should
            }
        });
        server.createContext("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0); // headers at once, then one byte a second for a minute
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 60; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (java.io.IOException | InterruptedException stoppedReading) {
                // the fetcher hung up, as it should
            }
        });
        // Echoes the Authorization header it got; /challenge answers 401 with a challenge, as a registry does.
        server.createContext("/whoami", exchange -> {
            byte[] body = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // Echoes every request header it got but the client's own (Host, User-Agent, ...), as NAME=value lines.
        server.createContext("/headers", exchange -> {
            StringBuilder seen = new StringBuilder();
            new java.util.TreeMap<>(exchange.getRequestHeaders()).forEach((name, values) -> {
                if (!java.util.Set.of("Host", "User-agent", "Connection", "Content-length", "Upgrade", "Http2-settings")
                        .contains(name)) {
                    seen.append(name.toLowerCase(java.util.Locale.ROOT)).append('=').append(String.join(",", values)).append('\n');
                }
            });
            byte[] body = seen.toString().getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/headers-same-host", exchange -> {
            exchange.getResponseHeaders().add("Location", "/headers");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/headers-other-host", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + port + "/headers");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/challenge", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1/token\"");
            byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes();
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/same-host", exchange -> {
            exchange.getResponseHeaders().add("Location", "/whoami");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        // localhost is another host than 127.0.0.1 (as a registry's blob storage is), though the same server.
        server.createContext("/other-host", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + port + "/whoami");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @Test
    void aBodyThatDripsSlowerThanThePerHopTimeoutIsCutOff() throws Exception {
        UrlFetcher fetcher = new UrlFetcher(UrlFetcher.Settings.defaults().withMaxBytes(1 << 20)
                .alsoAllowing(Set.of(InetAddress.getByName("127.0.0.1"))).withTimeout(java.time.Duration.ofSeconds(2)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/drip")))
                .isInstanceOf(FetchException.class).hasMessageContaining("did not arrive within 2 s");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private UrlFetcher allowingOnly127001() throws Exception {
        return new UrlFetcher(UrlFetcher.Settings.defaults().withMaxBytes(1 << 20)
                .alsoAllowing(Set.of(InetAddress.getByName("127.0.0.1"))));
    }

    @Test
    void aHopThatIsAllowedFetches() throws Exception {
        assertThat(new String(allowingOnly127001().fetch(URI.create(base + "/ok")))).isEqualTo("fine");
    }

    @Test
    void aRedirectToALoopbackAddressIsRefusedThoughTheFirstHopWasAllowed() throws Exception {
        assertThatThrownBy(() -> allowingOnly127001().fetch(URI.create(base + "/to-loopback")))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("redirects to http://127.0.0.2").hasMessageContaining("--allow-private-urls");
    }

    @Test
    void aRedirectToAFileUrlIsRefused() throws Exception {
        assertThatThrownBy(() -> allowingOnly127001().fetch(URI.create(base + "/to-file")))
                .isInstanceOf(FetchException.class).hasMessageContaining("only http and https");
    }

    @Test
    void aBodyPastTheLimitIsRefusedWithoutReadingItAll() throws Exception {
        assertThatThrownBy(() -> allowingOnly127001().fetch(URI.create(base + "/huge")))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than the limit of 1048576");
    }

    @Test
    void privateAndMetadataAddressesAreNotPublic() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1"}) {
            assertThat(UrlFetcher.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(UrlFetcher.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
    }

    @Test
    void privateAddressesAreFetchedWhenTheOperatorAllowsThem() {
        UrlFetcher open = new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true));
        assertThat(new String(open.fetch(URI.create(base + "/to-loopback")))).isEqualTo("fine");
    }

    @Test
    void aGetWithHeadersReturnsAnErrorStatusWithItsHeadersAndBody() {
        UrlFetcher open = new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true));

        UrlFetcher.Answer answer = open.get(URI.create(base + "/challenge"), java.util.Map.of("Accept", "application/json"), 1024);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().get("www-authenticate")).containsExactly("Bearer realm=\"http://127.0.0.1/token\"");
        assertThat(new String(answer.body())).contains("UNAUTHORIZED");
        // The plain fetch still refuses an error status.
        assertThatThrownBy(() -> open.fetch(URI.create(base + "/challenge"))).isInstanceOf(FetchException.class)
                .hasMessageContaining("answered 401");
    }

    @Test
    void anAuthorizationHeaderFollowsARedirectOnTheSameOriginButNotToAnotherHost() {
        UrlFetcher open = new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true));
        java.util.Map<String, String> credentials = java.util.Map.of("Authorization", "Bearer secret");

        UrlFetcher.Answer same = open.get(URI.create(base + "/same-host"), credentials, 1024);
        UrlFetcher.Answer other = open.get(URI.create(base + "/other-host"), credentials, 1024);

        assertThat(new String(same.body())).isEqualTo("Bearer secret");
        assertThat(new String(other.body())).isEqualTo("null");
        assertThat(other.url().getHost()).isEqualTo("localhost");
    }

    @Test
    void aGetWithHeadersKeepsTheAddressPolicyOnEveryHop() throws Exception {
        assertThatThrownBy(() -> allowingOnly127001().get(URI.create(base + "/to-loopback"), java.util.Map.of(), 1024))
                .isInstanceOf(FetchException.class).hasMessageContaining("--allow-private-urls");
        assertThatThrownBy(() -> allowingOnly127001().get(URI.create(base + "/ok"), java.util.Map.of("Host", "x"), 1024))
                .isInstanceOf(FetchException.class).hasMessageContaining("header cannot be sent");
    }

    @Test
    void aRedirectToAnotherOriginCarriesOnlyTheAcceptHeaderAndTheSameOriginKeepsThemAll() {
        UrlFetcher open = new UrlFetcher(UrlFetcher.Settings.defaults().withAllowPrivate(true));
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer secret");
        headers.put("Proxy-Authorization", "Basic cHJveHk6cGFzcw==");
        headers.put("Cookie", "session=abc");
        headers.put("X-Registry-Token", "t0k3n");

        UrlFetcher.Answer same = open.get(URI.create(base + "/headers-same-host"), headers, 4096);
        UrlFetcher.Answer other = open.get(URI.create(base + "/headers-other-host"), headers, 4096);

        // (The JDK client itself sends Proxy-Authorization only to a proxy, so the same origin does not see it either.)
        assertThat(new String(same.body())).isEqualTo("accept=application/json\nauthorization=Bearer secret\n"
                + "cookie=session=abc\nx-registry-token=t0k3n\n");
        assertThat(other.url().getHost()).isEqualTo("localhost");
        assertThat(new String(other.body())).isEqualTo("accept=application/json\n");
    }
}

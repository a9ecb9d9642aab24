package io.meshwright.engine.sync.health;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on a free loopback port with its own storage, scraping
 * every second a metrics target on loopback whose text the test sets.
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");

    /** A loopback HTTP server answering {@code /metrics} with the text last set (and 404 elsewhere). */
    public static final class MetricsTarget implements AutoCloseable {
        private final HttpServer server;
        private final AtomicReference<String> text = new AtomicReference<>("");

        public MetricsTarget() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                boolean metrics = exchange.getRequestURI().getPath().equals("/metrics");
                byte[] body = (metrics ? text.get() : "404 page not found\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(metrics ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        public void set(String metrics) {
            text.set(metrics);
        }

        public String hostPort() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private final Process process;
    private final int port;

    private LocalPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code target} every second and waits until it is ready. */
    public static LocalPrometheus start(Path dir, String target) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's prometheus package"
                    + " (apt-get install -y prometheus; .ci/run does)");
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: target
                    honor_labels: true
                    static_configs:
                      - targets: ['TARGET']
                """.replace("TARGET", target));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        LocalPrometheus prometheus = new LocalPrometheus(process, port);
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> process.isAlive() && http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return prometheus;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Kills it (SIGKILL) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

package io.meshwright.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Meshwright engine in a child JVM, started from a built distribution ({@code bin/meshwright serve}) on
 * free loopback ports, with its own data directory, the given kubeconfig and plugin jars; spoken to over its
 * HTTP API. {@link #kill()} sends SIGKILL, as a crash would; {@link #terminate()} sends SIGTERM, as a process
 * supervisor stopping it would.
 */
public final class EngineProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EngineProcess(Process process, URI base, String token) {
        this.process = process;
        this.base = base;
        this.token = token;
    }

    /**
     * Starts an engine and waits until it answers {@code /health}.
     *
     * @param distribution the distribution folder (holding {@code bin/meshwright})
     * @param dataDir      its data directory (kept across restarts: the store, the token, {@code plugins/})
     * @param kubeconfig   the target cluster
     * @param javaOptions  extra JVM options, e.g. {@code -Dmeshwright.test.crashAt=after-write}
     */
    public static EngineProcess start(Path distribution, Path dataDir, Path kubeconfig, List<String> javaOptions) {
        return start(distribution, dataDir, kubeconfig, javaOptions, List.of());
    }

    /** {@link #start(Path, Path, Path, List)} with more {@code serve} options, e.g. {@code --shutdown-timeout 5s}. */
    public static EngineProcess start(Path distribution, Path dataDir, Path kubeconfig, List<String> javaOptions,
            List<String> serveOptions) {
        try {
            Files.createDirectories(dataDir);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/meshwright").toString(), "serve",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--grpc-port", String.valueOf(freePort()),
                    "--data-dir", dataDir.toString(), "--kubeconfig", kubeconfig.toString()));
            command.addAll(serveOptions);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("engine.out").toFile()));
            builder.environment().put("MESHWRIGHT_JAVA_OPTS", String.join(" ", javaOptions));
            Process process = builder.start();
            URI base = URI.create("http://127.0.0.1:" + port);
            EngineProcess engine = new EngineProcess(process, base, null);
            engine.awaitHealthy(dataDir, Duration.ofSeconds(90));
            return new EngineProcess(process, base, Files.readString(dataDir.resolve("token")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Path dataDir, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the engine exited with " + process.exitValue() + ":\n"
                        + Files.readString(dataDir.resolve("engine.out")));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && Files.exists(dataDir.resolve("token"))) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the engine", e);
            }
            sleep(Duration.ofMillis(200));
        }
        process.destroyForcibly();
        throw new IllegalStateException("the engine did not become healthy within " + timeout + ":\n"
                + Files.readString(dataDir.resolve("engine.out")));
    }

    /**
     * The engine distribution folder (holding {@code bin/meshwright}): the {@code meshwright.distribution} system
     * property, else {@code engine/target/meshwright} in a folder above the working directory; empty when neither
     * exists (not built yet).
     */
    public static java.util.Optional<Path> distribution() {
        String given = System.getProperty("meshwright.distribution");
        if (given != null && !given.isBlank()) {
            return java.util.Optional.of(Path.of(given));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("engine/target/meshwright");
            if (Files.isExecutable(candidate.resolve("bin/meshwright"))) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** The engine's HTTP address, for clients other than this one (the CLI, say). */
    public URI base() {
        return base;
    }

    /** Deploys {@code design} (YAML) named {@code name}; {@code async} answers at once with the id. */
    public JsonNode deploy(String design, String name, boolean async, Map<String, String> query) {
        StringBuilder path = new StringBuilder("/api/deployments?name=" + encode(name) + (async ? "&async=true" : ""));
        query.forEach((key, value) -> path.append('&').append(encode(key)).append('=').append(encode(value)));
        return send(HttpRequest.newBuilder(base.resolve(path.toString()))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(design)));
    }

    /** The deployment's record. */
    public JsonNode deployment(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/api/deployments/" + encode(id))).GET());
    }

    /** The deployment's state, or empty while the engine has not recorded it yet. */
    public java.util.Optional<String> state(String id) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/deployments/" + encode(id)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 404 ? java.util.Optional.empty()
                    : java.util.Optional.of(JSON.readTree(response.body()).path("state").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The deployment's inventory records. */
    public JsonNode inventory(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/api/deployments/" + encode(id) + "/inventory")).GET())
                .path("items");
    }

    /** The deployment's transitions, oldest first. */
    public JsonNode history(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/api/deployments/" + encode(id) + "/history")).GET())
                .path("items");
    }

    /** Undeploys; returns the report. */
    public JsonNode undeploy(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/api/deployments/" + encode(id))).DELETE());
    }

    /**
     * Deploys {@code design} and answers the HTTP status and body whatever they are (a 503 while the engine
     * drains, say), instead of failing on an error status.
     */
    public Answer tryDeploy(String design, String name) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/deployments?name="
                            + encode(name))).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/yaml").timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(design)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTP answer: status and body. */
    public record Answer(int status, String body) {}

    /**
     * Sends SIGTERM (a graceful stop) without waiting; {@link #awaitExit(Duration)} waits for it to finish.
     */
    public void terminate() {
        process.destroy();
    }

    /** Waits up to {@code timeout} for the engine to exit; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the engine did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the engine process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the engine gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " → "
                        + response.statusCode() + ": " + response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

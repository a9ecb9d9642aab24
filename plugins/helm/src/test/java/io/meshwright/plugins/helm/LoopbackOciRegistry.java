package io.meshwright.plugins.helm;

import com.marcnuri.helm.Helm;
import io.meshwright.plugins.helm.chart.HelmCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCI distribution registry on loopback: Debian's {@code docker-registry} (distribution 2.8), started by the
 * test as its own process on a free port with its own configuration (filesystem storage in a temporary folder, no
 * authentication, plain http), never the packaged service. Charts are packaged and pushed by Helm itself.
 */
public final class LoopbackOciRegistry implements AutoCloseable {

    private static final String BINARY = "/usr/bin/docker-registry";
    private static final String ADDRESS = "127.0.0.1";

    private final Path root;
    private final int port;
    private final Process process;

    public LoopbackOciRegistry(Path root) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's docker-registry package"
                    + " (apt-get install -y --no-install-recommends docker-registry; .ci/run does)");
        }
        this.root = root;
        try {
            Files.createDirectories(root.resolve("storage"));
            this.port = freePort();
            Path config = root.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: STORAGE
                    http:
                      addr: ADDRESS:PORT
                      secret: meshwright-test-only
                    """.replace("STORAGE", root.resolve("storage").toString()).replace("PORT", Integer.toString(port)).replace("ADDRESS", ADDRESS));
            this.process = new ProcessBuilder(BINARY, "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("registry.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** {@code 127.0.0.1:PORT}, the registry's host as an {@code oci://} reference names it. */
    public String host() {
        return ADDRESS + ":" + port;
    }

    /** Packages the chart directory with Helm and pushes it to {@code oci://HOST/charts}; its reference is {@code oci://HOST/charts/NAME}. */
    public String push(Path chartDir) {
        Path packaged = root.resolve("packaged-" + System.nanoTime());
        try {
            Files.createDirectories(packaged);
            HelmCalls.call(() -> new Helm(chartDir).packageIt().withDestination(packaged).call());
            Path tgz;
            try (Stream<Path> files = Files.list(packaged)) {
                tgz = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
            }
            HelmCalls.call(() -> Helm.push().withChart(tgz).withRemote(URI.create("oci://" + host() + "/charts")).plainHttp().call());
            String file = tgz.getFileName().toString();
            return "oci://" + host() + "/charts/" + file.substring(0, file.lastIndexOf('-', file.indexOf('.')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pushes a container image, not a chart (a config and one layer of an image's media types), with the
     * distribution API's monolithic uploads; its reference is {@code oci://HOST/REPOSITORY}.
     */
    public String pushImage(String repository, String tag) {
        try {
            byte[] configBytes = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String config = upload(repository, configBytes);
            byte[] layer = "not a chart".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String layerDigest = upload(repository, layer);
            String manifest = """
                    {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                     "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":CSIZE},
                     "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"LAYER","size":LSIZE}]}
                    """.replace("CONFIG", config).replace("CSIZE", Integer.toString(configBytes.length)).replace("LAYER", layerDigest)
                    .replace("LSIZE", Integer.toString(layer.length));
            var response = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/" + repository
                    + "/manifests/" + tag)).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(manifest)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("pushing the manifest answered " + response.statusCode() + ": " + response.body());
            }
            return "oci://" + host() + "/" + repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** The digest ({@code sha256:...}) of the OCI manifest that {@code repository:tag} names, as the registry declares it. */
    public String manifestDigest(String repository, String tag) {
        try {
            var response = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/" + repository
                    + "/manifests/" + tag)).header("Accept", "application/vnd.oci.image.manifest.v1+json").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("Docker-Content-Digest").orElseThrow(() ->
                    new IllegalStateException("the manifest of " + repository + ":" + tag + " answered " + response.statusCode()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One blob, uploaded in one PUT; returns its digest. */
    private String upload(String repository, byte[] bytes) throws IOException, InterruptedException {
        String digest;
        try {
            digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var start = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/" + repository
                + "/blobs/uploads/")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        String location = start.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("starting an upload answered " + start.statusCode() + " without a Location"));
        URI target = URI.create("http://" + host()).resolve(location);
        URI put = URI.create(target + (target.getQuery() == null ? "?" : "&") + "digest=" + digest);
        var done = HTTP.send(java.net.http.HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IllegalStateException("uploading a blob answered " + done.statusCode() + ": " + done.body());
        }
        return digest;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + host() + " within 30 s: " + log());
    }

    private String log() {
        try {
            return Files.readString(root.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

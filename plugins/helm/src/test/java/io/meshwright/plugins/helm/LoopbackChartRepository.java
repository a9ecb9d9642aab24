package io.meshwright.plugins.helm;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import io.meshwright.plugins.helm.chart.HelmCalls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real Helm chart repository on loopback: charts packaged by Helm itself into {@code .tgz} files, an
 * {@code index.yaml} with their digests, served by the JDK's HTTP server. Counts requests, so tests can see what
 * an incremental run fetched.
 */
public final class LoopbackChartRepository implements AutoCloseable {

    private final Path root;
    private final HttpServer server;
    private final Map<String, String> entries = new LinkedHashMap<>();
    private final AtomicInteger archiveRequests = new AtomicInteger();

    public LoopbackChartRepository(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            if (file.toString().endsWith(".tgz")) {
                archiveRequests.incrementAndGet();
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Packages the chart directory with Helm and lists it in the index. */
    public Path add(Path chartDir) {
        HelmCalls.call(() -> new Helm(chartDir).packageIt().withDestination(root).call());
        try (Stream<Path> files = Files.list(root)) {
            for (Path tgz : files.filter(f -> f.toString().endsWith(".tgz")).toList()) {
                String file = tgz.getFileName().toString();
                if (!entries.containsKey(file)) {
                    entries.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tgz))));
                }
            }
            writeIndex();
            return root;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code chartDir} with another version, packaged and listed. */
    public Path addVersion(Path chartDir, String version, Path scratch) {
        try {
            Path copy = scratch.resolve(chartDir.getFileName() + "-" + version).resolve(chartDir.getFileName().toString());
            try (Stream<Path> walk = Files.walk(chartDir)) {
                for (Path source : walk.toList()) {
                    Path target = copy.resolve(chartDir.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Path chartYaml = copy.resolve("Chart.yaml");
            Files.writeString(chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^version: .*$", "version: " + version));
            return add(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeIndex() throws IOException {
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
        Map<String, List<String>> byChart = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String file = entry.getKey();
            String base = file.substring(0, file.length() - ".tgz".length());
            String name = base.substring(0, base.lastIndexOf('-', base.indexOf('.')));
            String version = base.substring(name.length() + 1);
            byChart.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add("  - name: " + name + "\n    version: "
                    + version + "\n    digest: " + entry.getValue() + "\n    urls:\n      - " + file + "\n");
        }
        byChart.forEach((name, versions) -> {
            index.append("  ").append(name).append(":\n");
            versions.forEach(index::append);
        });
        index.append("generated: \"2026-11-30T00:00:00Z\"\n");
        Files.writeString(root.resolve("index.yaml"), index.toString(), StandardCharsets.UTF_8);
    }

    public int archiveRequests() {
        return archiveRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

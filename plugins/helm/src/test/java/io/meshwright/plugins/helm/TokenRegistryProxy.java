package io.meshwright.plugins.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry front as ghcr.io and Docker Hub have one, on loopback in front of a real {@link LoopbackOciRegistry}:
 * every {@code /v2/} request without the right bearer token gets 401 and a {@code Bearer realm=..,service=..,scope=..}
 * challenge; the realm ({@code /token}) hands out that token, anonymously or only for given basic credentials; with
 * the token, requests go on to the registry. Blobs are redirected to a "storage" on another host name
 * ({@code localhost} instead of {@code 127.0.0.1}) that refuses any request carrying an {@code Authorization} header,
 * as S3 refuses a second auth mechanism. It can corrupt the blobs it serves, and records what it was asked.
 */
public final class TokenRegistryProxy implements AutoCloseable {

    public static final String SERVICE = "meshwright-test-registry";
    private static final String TOKEN = "test-token-7f3a";

    private final LoopbackOciRegistry registry;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredBasic;
    private volatile boolean corruptBlobs;
    private volatile String tokenField = "token";

    public TokenRegistryProxy(LoopbackOciRegistry registry) {
        this.registry = registry;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registryCall);
        server.createContext("/storage/", this::storage);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, the proxy's host as an {@code oci://} reference names it. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The token service hands out tokens only to a request with these basic credentials. */
    public TokenRegistryProxy requiringBasic(String user, String password) {
        requiredBasic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Answer tokens as {@code access_token} (OAuth2 style) rather than {@code token}. */
    public TokenRegistryProxy answeringAccessToken() {
        tokenField = "access_token";
        return this;
    }

    /** Serve blobs with one byte changed. */
    public TokenRegistryProxy corruptingBlobs() {
        corruptBlobs = true;
        return this;
    }

    /** Every request seen, as {@code PATH [auth]} or {@code PATH [no auth]}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void token(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        record(exchange, auth);
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        if (!query.contains("service=" + SERVICE) || !query.contains("scope=repository:")) {
            send(exchange, 400, "{\"errors\":[{\"code\":\"BAD_TOKEN_REQUEST\"}]}");
        } else if (requiredBasic != null && !requiredBasic.equals(auth)) {
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        } else {
            send(exchange, 200, "{\"" + tokenField + "\":\"" + TOKEN + "\",\"expires_in\":300}");
        }
    }

    private void registryCall(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        record(exchange, auth);
        String path = exchange.getRequestURI().getPath();
        if (!("Bearer " + TOKEN).equals(auth)) {
            String repository = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs|tags)/.*$", "");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\""
                    + SERVICE + "\",scope=\"repository:" + repository + ":pull\"");
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            return;
        }
        if (path.contains("/blobs/")) {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/storage" + path);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
            return;
        }
        forward(exchange, path);
    }

    private void storage(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        record(exchange, auth);
        if (auth != null) {
            send(exchange, 400, "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>");
            return;
        }
        forward(exchange, exchange.getRequestURI().getPath().substring("/storage".length()));
    }

    private void forward(HttpExchange exchange, String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + registry.host() + path)).GET();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        byte[] body = response.body();
        if (corruptBlobs && path.contains("/blobs/") && body.length > 0) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        for (String name : List.of("Content-Type", "Docker-Content-Digest")) {
            response.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().add(name, value));
        }
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void record(HttpExchange exchange, String auth) {
        requests.add(exchange.getRequestURI().getPath() + (auth == null ? " [no auth]" : " [auth]"));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

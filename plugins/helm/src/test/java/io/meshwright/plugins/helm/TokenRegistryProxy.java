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
 * as S3 refuses a second auth mechanism. It can corrupt the blobs or manifests it serves, page the registry's tag list
 * as the distribution spec pages it ({@code ?n=&last=} and {@code Link: <...>; rel="next"}, which Debian's registry 2.8
 * does not do itself), let its storage challenge like a registry, and records what it was asked.
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
    private volatile boolean corruptManifests;
    private volatile int tagPage;
    private volatile boolean foreignNextPage;
    private volatile boolean endlessTagPages;
    private volatile boolean storageChallenges;

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

    /** Serve manifests with a space appended: still JSON, another digest. */
    public TokenRegistryProxy corruptingManifests() {
        corruptManifests = true;
        return this;
    }

    /** Serve tag lists {@code n} tags a page, in lexical order, with a {@code Link} to the next page. */
    public TokenRegistryProxy pagingTags(int n) {
        tagPage = n;
        return this;
    }

    /** With {@link #pagingTags}: every page links back to the first, so the list never ends. */
    public TokenRegistryProxy endlessTagPages() {
        endlessTagPages = true;
        return this;
    }

    /** With {@link #pagingTags}: the next page's link points at the storage host instead of the registry. */
    public TokenRegistryProxy nextPageElsewhere() {
        foreignNextPage = true;
        return this;
    }

    /**
     * The registry needs no token, and the storage host its blobs are redirected to answers 401 with a bearer challenge
     * whose realm is its own {@code /token} (recorded like the registry's).
     */
    public TokenRegistryProxy storageChallenging() {
        storageChallenges = true;
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
        if (!storageChallenges && !("Bearer " + TOKEN).equals(auth)) {
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
        if (tagPage > 0 && path.endsWith("/tags/list")) {
            tagPage(exchange, path);
            return;
        }
        forward(exchange, path);
    }

    private void tagPage(HttpExchange exchange, String path) throws IOException {
        HttpResponse<String> all;
        try {
            all = client.send(HttpRequest.newBuilder(URI.create("http://" + registry.host() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        List<String> tags = new java.util.ArrayList<>();
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"([^\"]*)\"")
                .matcher(all.body().replaceFirst("(?s).*\"tags\"\\s*:", ""));
        while (quoted.find()) {
            tags.add(quoted.group(1));
        }
        java.util.Collections.sort(tags);
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        java.util.regex.Matcher last = java.util.regex.Pattern.compile("(?:^|&)last=([^&]*)").matcher(query);
        String after = last.find() ? last.group(1) : null;
        List<String> rest = tags.stream().filter(t -> after == null || t.compareTo(after) > 0).toList();
        List<String> page = rest.subList(0, Math.min(tagPage, rest.size()));
        if (endlessTagPages) {
            exchange.getResponseHeaders().add("Link", "<" + path + "?n=" + tagPage + ">; rel=\"next\"");
        } else if (rest.size() > page.size()) {
            String origin = foreignNextPage ? "http://localhost:" + server.getAddress().getPort() : "";
            exchange.getResponseHeaders().add("Link", "<" + origin + path + "?n=" + tagPage + "&last="
                    + page.get(page.size() - 1) + ">; rel=\"next\"");
        }
        String name = path.replaceFirst("^/v2/", "").replaceFirst("/tags/list$", "");
        send(exchange, 200, "{\"name\":\"" + name + "\",\"tags\":[" + String.join(",", page.stream()
                .map(t -> "\"" + t + "\"").toList()) + "]}");
    }

    private void storage(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        record(exchange, auth);
        if (storageChallenges) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://localhost:"
                    + server.getAddress().getPort() + "/token\",service=\"" + SERVICE + "\"");
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
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
        if (corruptManifests && path.contains("/manifests/")) {
            body = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
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
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestURI().getPath() + (query != null && exchange.getRequestURI().getPath().endsWith("/tags/list")
                ? "?" + query : "") + (auth == null ? " [no auth]" : " [auth]"));
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

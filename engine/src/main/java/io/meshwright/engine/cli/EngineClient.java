package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CLI's way to a running engine: JSON over HTTP with the bearer token, using the JDK's client. An error
 * answer becomes an {@link EngineCallException} carrying the problem document; no answer at all becomes an
 * {@link EngineUnreachableException}.
 */
public final class EngineClient {

    private final String server;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public EngineClient(String server, String token) {
        this(server, token, java.util.Optional.empty());
    }

    /** @param trust for an {@code https://} server, the TLS context to use (e.g. trusting its CA); else the JDK's default */
    public EngineClient(String server, String token, java.util.Optional<javax.net.ssl.SSLContext> trust) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        trust.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public String server() {
        return server;
    }

    /** {@code GET path}; the answer as JSON. */
    public JsonNode get(String path) {
        return call(request(path).GET());
    }

    /** {@code POST path} with a JSON body ({@code null} for none). */
    public JsonNode post(String path, Object body) {
        return call(request(path).header("Content-Type", "application/json").POST(jsonBody(body)));
    }

    /** {@code POST path} with raw bytes. */
    public JsonNode post(String path, Path file, String contentType) {
        try {
            return call(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        }
    }

    /** {@code POST path} with raw bytes. */
    public JsonNode post(String path, byte[] body, String contentType) {
        return call(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** {@code PATCH path} with a JSON body. */
    public JsonNode patch(String path, Object body) {
        return call(request(path).header("Content-Type", "application/json").method("PATCH", jsonBody(body)));
    }

    /** {@code DELETE path}. */
    public JsonNode delete(String path) {
        return call(request(path).DELETE());
    }

    /** {@code GET path}, writing the body to {@code file} (replaced only when the call succeeds). */
    public void download(String path, Path file) {
        HttpResponse<InputStream> response = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Follows server-sent events at {@code path} (e.g. {@code /api/deployments/ID/events}): hands each event's
     * data, parsed as JSON, to {@code handler} until the handler returns {@code false} or the engine ends the
     * stream.
     */
    public void follow(String path, java.util.function.Predicate<JsonNode> handler) {
        follow(path, () -> { }, handler);
    }

    /**
     * As {@link #follow(String, java.util.function.Predicate)}, calling {@code onOpen} once the engine has
     * answered, that is once it follows the events for this client, so nothing published after is missed.
     */
    public void follow(String path, Runnable onOpen, java.util.function.Predicate<JsonNode> handler) {
        HttpResponse<java.util.stream.Stream<String>> response =
                send(request(path).header("Accept", "text/event-stream").timeout(Duration.ofDays(365)).GET().build(),
                        HttpResponse.BodyHandlers.ofLines());
        onOpen.run();
        try (java.util.stream.Stream<String> lines = response.body()) {
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), String.join("\n", lines.toList()));
            }
            java.util.Iterator<String> each = lines.iterator();
            StringBuilder data = new StringBuilder();
            while (each.hasNext()) {
                String line = each.next();
                if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    boolean more = handler.test(parse(data.toString()));
                    data.setLength(0);
                    if (!more) {
                        return;
                    }
                }
            }
        }
    }

    /** {@code path?name=value&…}, leaving out null values, each encoded. */
    public static String withQuery(String path, Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&");
        new LinkedHashMap<>(parameters).forEach((name, value) -> {
            if (value != null && !value.toString().isEmpty()) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    /** A path segment, encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .timeout(Duration.ofMinutes(10));
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
    }

    private JsonNode call(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body());
        }
        return parse(response.body());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpTimeoutException e) {
            throw new EngineUnreachableException(server, e);
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnreachableException(server, e);
        }
    }

    private EngineCallException failure(int status, String body) {
        JsonNode problem = parse(body);
        if (!problem.isObject()) {
            problem = JsonNodeFactory.instance.objectNode().put("status", status).put("detail", body);
        }
        return new EngineCallException(status, problem, "the engine answered " + status);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(body);
        }
    }
}

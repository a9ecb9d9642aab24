package io.meshwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * The CLI's way to a running engine: JSON over HTTP with the bearer token. An error answer becomes an
 * {@link EngineCallException} carrying the problem document; no answer at all becomes an
 * {@link EngineUnreachableException}.
 *
 * <p>Calls go through {@link HttpURLConnection}, not {@link HttpClient}: a CLI command is one short process, and
 * the JDK's {@code HttpClient} costs ~0.5–1 s of start-up on a busy 2-core machine (its selector thread, and the
 * default TLS context it builds even for {@code http://}), several times the rest of the command. Only PATCH,
 * which {@code HttpURLConnection} cannot send, uses {@code HttpClient}.
 */
public final class EngineClient {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10 * 60 * 1000;

    private final String server;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final java.util.Optional<javax.net.ssl.SSLContext> trust;

    public EngineClient(String server, String token) {
        this(server, token, java.util.Optional.empty());
    }

    /** @param trust for an {@code https://} server, the TLS context to use (e.g. trusting its CA); else the JDK's default */
    public EngineClient(String server, String token, java.util.Optional<javax.net.ssl.SSLContext> trust) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
        this.trust = trust;
    }

    public String server() {
        return server;
    }

    /** {@code GET path}; the answer as JSON. */
    public JsonNode get(String path) {
        return call("GET", path, null, null);
    }

    /** A request body: its length, and how to write it. */
    private record Body(long length, Writer writer) {

        interface Writer {
            void write(OutputStream out) throws IOException;
        }

        static Body of(byte[] bytes) {
            return new Body(bytes.length, out -> out.write(bytes));
        }
    }

    /** {@code POST path} with a JSON body ({@code null} for none). */
    public JsonNode post(String path, Object body) {
        return call("POST", path, "application/json", body == null ? null : Body.of(jsonBytes(body)));
    }

    /** {@code POST path} with the bytes of {@code file}, streamed. */
    public JsonNode post(String path, Path file, String contentType) {
        Body body;
        try {
            body = new Body(Files.size(file), out -> Files.copy(file, out));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return call("POST", path, contentType, body);
    }

    /** {@code POST path} with raw bytes. */
    public JsonNode post(String path, byte[] body, String contentType) {
        return call("POST", path, contentType, Body.of(body));
    }

    /** {@code PATCH path} with a JSON body. */
    public JsonNode patch(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(READ_TIMEOUT_MS))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(jsonBytes(body))).build();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS));
        trust.ifPresent(builder::sslContext);
        try (HttpClient http = builder.build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnreachableException(server, e);
        }
    }

    /** {@code DELETE path}. */
    public JsonNode delete(String path) {
        return call("DELETE", path, null, null);
    }

    /** {@code GET path}, writing the body to {@code file} (replaced only when the call succeeds). */
    public void download(String path, Path file) {
        HttpURLConnection connection = open("GET", path, null, null);
        int status = status(connection);
        if (status >= 300) {
            throw failure(status, text(errorBody(connection)));
        }
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (InputStream body = connection.getInputStream()) {
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Follows server-sent events at {@code path} (e.g. {@code /api/deployments/ID/events}): hands each event's
     * data, parsed as JSON, to {@code handler} until the handler returns {@code false} or the engine ends the
     * stream.
     */
    public void follow(String path, Predicate<JsonNode> handler) {
        follow(path, () -> { }, handler);
    }

    /**
     * As {@link #follow(String, Predicate)}, calling {@code onOpen} once the engine has answered, that is once it
     * follows the events for this client, so nothing published after is missed.
     */
    public void follow(String path, Runnable onOpen, Predicate<JsonNode> handler) {
        HttpURLConnection connection = open("GET", path, null, null, "text/event-stream", 0);
        int status = status(connection);
        onOpen.run();
        if (status >= 300) {
            throw failure(status, text(errorBody(connection)));
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
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
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        } finally {
            connection.disconnect();
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

    private JsonNode call(String method, String path, String contentType, Body body) {
        HttpURLConnection connection = open(method, path, contentType, body);
        int status = status(connection);
        try {
            if (status >= 300) {
                throw failure(status, text(errorBody(connection)));
            }
            try (InputStream in = connection.getInputStream()) {
                return parse(text(in));
            }
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        }
    }

    private HttpURLConnection open(String method, String path, String contentType, Body body) {
        return open(method, path, contentType, body, "application/json, application/problem+json", READ_TIMEOUT_MS);
    }

    private HttpURLConnection open(String method, String path, String contentType, Body body, String accept, int readTimeout) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(server + path).toURL().openConnection();
            if (connection instanceof javax.net.ssl.HttpsURLConnection https && trust.isPresent()) {
                https.setSSLSocketFactory(trust.get().getSocketFactory());
            }
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(readTimeout);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("Accept", accept);
            if (body != null || method.equals("POST")) {
                Body content = body == null ? Body.of(new byte[0]) : body;
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(content.length());
                if (contentType != null) {
                    connection.setRequestProperty("Content-Type", contentType);
                }
                try (OutputStream out = connection.getOutputStream()) {
                    content.writer().write(out);
                }
            }
            return connection;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a usable engine address: " + server + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        }
    }

    private int status(HttpURLConnection connection) {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        }
    }

    private static InputStream errorBody(HttpURLConnection connection) {
        InputStream error = connection.getErrorStream();
        return error == null ? InputStream.nullInputStream() : error;
    }

    private String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineUnreachableException(server, e);
        }
    }

    private byte[] jsonBytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
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

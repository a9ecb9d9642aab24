package io.meshwright.plugins.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Smart HTTP on loopback, honestly: every request is handed to Debian's {@code git http-backend} as a CGI, behind
 * HTTP basic authentication that accepts one user and token (anything else is 401, as a real forge answers).
 */
public final class GitHttpServer implements AutoCloseable {

    private static final String BACKEND = "/usr/lib/git-core/git-http-backend";

    private final HttpServer server;
    private final Path root;
    private final String expected;
    private final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    private GitHttpServer(HttpServer server, Path root, String user, String token) {
        this.server = server;
        this.root = root;
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean available() {
        return java.nio.file.Files.isExecutable(Path.of(BACKEND));
    }

    public static GitHttpServer serve(Path root, String user, String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            GitHttpServer git = new GitHttpServer(server, root, user, token);
            server.createContext("/", git::handle);
            server.start();
            return git;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of every request received so far, answered or refused. */
    public java.util.List<String> requests() {
        return java.util.List.copyOf(requests);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestURI().getRawPath());
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            ProcessBuilder cgi = new ProcessBuilder(BACKEND);
            Map<String, String> env = cgi.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
            env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
            env.put("REMOTE_USER", "test");
            env.put("REMOTE_ADDR", "127.0.0.1");
            copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
            copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
            copyHeader(exchange, "Git-Protocol", "HTTP_GIT_PROTOCOL", env);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 0) {
                env.put("CONTENT_LENGTH", String.valueOf(body.length));
            }
            cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = cgi.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            }
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readAllBytes();
            }
            respond(exchange, out);
        }
    }

    /** CGI output: header lines, a blank line, the body; {@code Status:} gives the code. */
    private static void respond(HttpExchange exchange, byte[] out) throws IOException {
        int end = 0;
        int bodyStart = -1;
        for (int i = 0; i + 1 < out.length; i++) {
            if (out[i] == '\n' && out[i + 1] == '\n') {
                end = i;
                bodyStart = i + 2;
                break;
            }
            if (i + 3 < out.length && out[i] == '\r' && out[i + 1] == '\n' && out[i + 2] == '\r' && out[i + 3] == '\n') {
                end = i;
                bodyStart = i + 4;
                break;
            }
        }
        if (bodyStart < 0) {
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        int status = 200;
        for (String line : new String(out, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(out, bodyStart, out.length - bodyStart);
        exchange.sendResponseHeaders(status, rest.size() == 0 ? -1 : rest.size());
        if (rest.size() > 0) {
            exchange.getResponseBody().write(rest.toByteArray());
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, String variable, Map<String, String> env) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.meshwright.engine.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.fetch.FetchException;
import io.meshwright.engine.fetch.UrlFetcher;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import io.meshwright.engine.fetch.HostResolver;
import java.net.InetAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' HTTP API, the two calls the engine makes: {@code /api/v1/status/buildinfo} (is it Prometheus, which
 * version) and instant queries ({@code /api/v1/query}). User information in the URL becomes basic authentication;
 * it never appears in a message. Before every call the host is resolved and each address checked by the engine's
 * address policy ({@link UrlFetcher#checkedAddresses}: private addresses only with {@code serve --allow-private-urls},
 * link-local never), and the call connects to a checked address, never to the name again ({@link PinnedHttp}), so a
 * token holder cannot make the engine probe its own machine or network through a connection, not even with a DNS
 * name whose answer changes after {@code connection add} (rebinding).
 */
public final class PrometheusClient {

    /** One sample of an instant query's answer. */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    private static final int MAX_BODY = 32 << 20;

    private final String base;
    private final String shown;
    private final String authorization;
    private final PinnedHttp http;
    private final UrlFetcher addressPolicy;
    private final HostResolver resolver;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param addressPolicy whose {@link UrlFetcher#checkedAddresses} every call passes first
     * @throws PrometheusException when {@code url} is not an absolute http(s) URL
     */
    public PrometheusClient(String url, Duration timeout, UrlFetcher addressPolicy) {
        this(url, timeout, addressPolicy, HostResolver.system(), defaultTls());
    }

    /**
     * @param resolver resolves the host once per call (the system's in production)
     * @param tls      makes the TLS sockets for an https URL
     */
    public PrometheusClient(String url, Duration timeout, UrlFetcher addressPolicy, HostResolver resolver,
            SSLSocketFactory tls) {
        this.addressPolicy = addressPolicy;
        this.resolver = resolver;
        this.shown = Connection.redact(url);
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new PrometheusException("not a URL: " + shown + " (expected e.g. http://127.0.0.1:9090)");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new PrometheusException("not an http(s) URL: " + shown + " (expected e.g. http://127.0.0.1:9090)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        this.base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        this.authorization = uri.getRawUserInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        this.http = new PinnedHttp(timeout, tls);
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }

    /**
     * The server's version, from {@code /api/v1/status/buildinfo}.
     *
     * @throws PrometheusException when it does not answer, or not as Prometheus does
     */
    public String version() {
        JsonNode answer = get("/api/v1/status/buildinfo");
        String version = answer.path("data").path("version").asText("");
        if (version.isEmpty()) {
            throw new PrometheusException(shown + " answered /api/v1/status/buildinfo without a version: it does not"
                    + " look like Prometheus");
        }
        return version;
    }

    /**
     * An instant query's vector (a scalar answer is one sample without labels).
     *
     * @throws PrometheusException when it does not answer or refuses the query (with Prometheus' own error)
     */
    public List<Sample> query(String promql) {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data");
        List<Sample> samples = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> data.path("result").forEach(item -> {
                Map<String, String> labels = new LinkedHashMap<>();
                item.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(labels, number(item.path("value").path(1).asText())));
            });
            case "scalar" -> samples.add(new Sample(Map.of(), number(data.path("result").path(1).asText())));
            default -> throw new PrometheusException("query '" + promql + "' answered a " + data.path("resultType").asText()
                    + ", not an instant vector");
        }
        return samples;
    }

    private JsonNode get(String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        String endpoint = shown.replaceAll("/+$", "") + path.replaceAll("\\?.*", "");
        List<InetAddress> addresses;
        try {
            addresses = addressPolicy.checkedAddresses(URI.create(base), resolver);
        } catch (FetchException e) {
            throw new PrometheusException("prometheus at " + shown + " is refused: " + e.reason());
        }
        PinnedHttp.Response response;
        try {
            response = http.get(URI.create(base + path), addresses, headers, MAX_BODY);
        } catch (IOException e) {
            throw new PrometheusException("prometheus at " + shown + " does not answer: " + reason(e));
        }
        byte[] body = response.body();
        if (body.length > MAX_BODY) {
            throw new PrometheusException(endpoint + " answered more than " + (MAX_BODY >> 20) + " MiB");
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.has("status")) {
            throw new PrometheusException(endpoint + " answered HTTP " + response.status() + " without Prometheus'"
                    + " JSON: it does not look like Prometheus");
        }
        if (!answer.path("status").asText().equals("success")) {
            throw new PrometheusException(endpoint + " answered HTTP " + response.status() + ": "
                    + answer.path("errorType").asText("error") + ": " + answer.path("error").asText(""));
        }
        return answer;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    private static double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new PrometheusException("a sample's value '" + (text.length() > 40 ? text.substring(0, 40) + "..."
                            : text) + "' is not a number: it does not look like Prometheus");
                }
            }
        };
    }
}

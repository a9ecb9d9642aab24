package io.meshwright.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * REST calls to the API server through the fabric8 client's HTTP client (so its authentication and TLS
 * settings apply), with the status code, body and {@code Retry-After} in hand. The typed DSL hides what the
 * applier needs: uid preconditions on delete, the apply-patch content type with dry run, and Retry-After.
 *
 * <p>Every call that gets 429 (Too Many Requests, API Priority and Fairness) is retried after the server's
 * Retry-After or an exponential back-off, a bounded number of times.
 */
final class KubeApi {

    static final String JSON = "application/json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";
    static final String MERGE_PATCH = "application/merge-patch+json";
    /** Lists only metadata: a fraction of the bytes for kinds with large bodies (CRDs above all). */
    static final String METADATA_LIST =
            "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    private final HttpClient http;
    private final String base;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final int maxRetries;
    private final Pause pause;

    KubeApi(KubernetesClient client, ObjectMapper json, Backoff backoff, int maxRetries, Pause pause) {
        // fabric8's HTTP client retries 429 *and every 5xx* up to 10 times by itself; a 1.20 server answers an
        // apply it cannot type (a CRD with CEL rules) with 500, which must not be retried. So retries are
        // switched off underneath, and 429 alone is retried here.
        this.http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                        .withRequestRetryBackoffLimit(0).build())
                .build();
        String master = client.getMasterUrl().toString();
        this.base = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
        this.json = json;
        this.backoff = backoff;
        this.maxRetries = maxRetries;
        this.pause = pause;
    }

    ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    /** GET asking for a particular representation ({@link #METADATA_LIST}, say). */
    ApiResponse get(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    /** GET that parses the body; empty on 404, {@link KubeApiException} on other errors. */
    Optional<Map<String, Object>> getTree(String path) {
        ApiResponse response = get(path);
        if (response.notFound()) {
            return Optional.empty();
        }
        return Optional.of(treeOrThrow("GET", path, response));
    }

    ApiResponse send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, JSON);
    }

    private ApiResponse send(String method, String path, String contentType, String body, String accept) {
        for (int attempt = 0; ; attempt++) {
            ApiResponse response = once(method, path, contentType, body, accept);
            if (response.code() != 429 || attempt >= maxRetries) {
                return response;
            }
            Duration wait = response.retryAfter().map(Duration::ofSeconds).orElse(backoff.delay(attempt));
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeApiException(method, path, e);
            }
        }
    }

    /** The body of a successful response as a tree; otherwise the server's message as an exception. */
    Map<String, Object> treeOrThrow(String method, String path, ApiResponse response) {
        if (!response.ok()) {
            throw failure(method, path, response);
        }
        return parse(response.body());
    }

    KubeApiException failure(String method, String path, ApiResponse response) {
        String reason = "";
        String message = response.body();
        try {
            Map<String, Object> status = parse(response.body());
            reason = String.valueOf(status.getOrDefault("reason", ""));
            message = String.valueOf(status.getOrDefault("message", response.body()));
        } catch (RuntimeException notJson) {
            // The body was not a Status object; its text is the best message there is.
        }
        return new KubeApiException(method, path, response.code(), reason, message);
    }

    Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, TREE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the API server answered with something that is not JSON", e);
        }
    }

    String write(Object tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("object cannot be written as JSON", e);
        }
    }

    ObjectMapper json() {
        return json;
    }

    private ApiResponse once(String method, String path, String contentType, String body, String accept) {
        HttpRequest.Builder request = http.newHttpRequestBuilder().uri(base + path).header("Accept", accept);
        if (body != null) {
            request.method(method, contentType, body);
        } else {
            request.method(method, JSON, (String) null);
        }
        try {
            HttpResponse<String> response = http.sendAsync(request.build(), String.class).get();
            String text = response.body() == null ? "" : response.body();
            return new ApiResponse(response.code(), text, retryAfter(response.header("Retry-After")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeApiException(method, path, e);
        } catch (ExecutionException e) {
            throw new KubeApiException(method, path, e.getCause());
        }
    }

    private static Optional<Long> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }
}

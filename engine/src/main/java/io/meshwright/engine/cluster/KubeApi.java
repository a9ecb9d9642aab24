package io.meshwright.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST calls to the API server through the fabric8 client's HTTP client (so its authentication and TLS
 * settings apply), with the status code, body and {@code Retry-After} in hand. The typed DSL hides what the
 * applier needs: uid preconditions on delete, the apply-patch content type with dry run, and Retry-After.
 *
 * <p>Failed calls are sent again here and nowhere else, as {@link TransientFailures} allows (429 for every call;
 * 5xx and no answer for idempotent ones; a create only when it was never sent), with the back-off and overall
 * deadline of a {@link RetryPolicy}, and counted in {@link ApiRetries}. An API server that restarts in the middle
 * of a deploy therefore costs waiting, not a failed deployment.
 */
final class KubeApi {

    private static final Logger LOG = LoggerFactory.getLogger(KubeApi.class);

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
    private final RetryPolicy policy;
    private final Pause pause;
    private final Clock clock;
    private final ApiRetries retries;

    /** With the default deadline, the system clock and a counter of its own (tests). */
    KubeApi(KubernetesClient client, ObjectMapper json, Backoff backoff, int maxRetries, Pause pause) {
        this(client, json, new RetryPolicy(backoff, maxRetries, RetryPolicy.DEFAULT.deadline()), pause,
                Clock.systemUTC(), new ApiRetries());
    }

    KubeApi(KubernetesClient client, ObjectMapper json, RetryPolicy policy, Pause pause, Clock clock,
            ApiRetries retries) {
        // fabric8's HTTP client retries 429, every 5xx and every I/O error by itself, creates included; a 1.20
        // server answers an apply it cannot type (a CRD with CEL rules) with 500, which must not be retried, and a
        // create that may have been applied must not be sent twice. So retries are switched off underneath and
        // decided here, per call.
        this.http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                        .withRequestRetryBackoffLimit(0).build())
                .build();
        String master = client.getMasterUrl().toString();
        this.base = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
        this.json = json;
        this.policy = policy;
        this.pause = pause;
        this.clock = clock;
        this.retries = retries;
    }

    /** The count of calls sent again. */
    ApiRetries retries() {
        return retries;
    }

    ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    /**
     * GET of a group version's discovery document: a 503 there is an aggregated API whose backend is down, which
     * {@link Discovery} records as unavailable; it is the answer, not retried. Other failures are retried.
     */
    ApiResponse discover(String path) {
        return send(new Call("GET", path, null, null, JSON, true));
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
        return send(new Call(method, path, contentType, body, accept, false));
    }

    private ApiResponse send(Call call) {
        Instant deadline = clock.instant().plus(policy.deadline());
        int throttled = 0;
        for (int attempt = 0; ; attempt++) {
            ApiResponse response = null;
            NoAnswer noAnswer = null;
            TransientFailures.Cause cause;
            try {
                response = once(call);
                cause = TransientFailures.of(call.method(), call.contentType(), response, call.unavailableIsAnAnswer())
                        .orElse(null);
                if (cause == null || cause == TransientFailures.Cause.THROTTLED && throttled++ >= policy.maxThrottled()) {
                    return response;
                }
            } catch (NoAnswer e) {
                noAnswer = e;
                cause = TransientFailures.of(call.method(), call.contentType(), e.getCause()).orElseThrow(e::failure);
            }
            Duration wait = response == null ? policy.backoff().delay(attempt)
                    : response.retryAfter().map(Duration::ofSeconds).orElse(policy.backoff().delay(attempt));
            if (clock.instant().plus(wait).isAfter(deadline)) {
                if (response != null) {
                    return response;
                }
                throw new KubeApiException(call.method(), call.path(), new java.io.IOException(
                        noAnswer.getCause().getMessage() + " (no answer after " + (attempt + 1) + " attempt(s) in "
                                + Duration.between(deadline.minus(policy.deadline()), clock.instant()).toSeconds()
                                + " s)", noAnswer.getCause()));
            }
            retries.count(cause);
            LOG.debug("{} {}: {} (attempt {}), retrying in {} ms", call.method(), call.path(), cause.label(),
                    attempt + 1, wait.toMillis());
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeApiException(call.method(), call.path(), e);
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

    private ApiResponse once(Call call) {
        HttpRequest.Builder request = http.newHttpRequestBuilder().uri(base + call.path()).header("Accept", call.accept());
        if (call.body() != null) {
            request.method(call.method(), call.contentType(), call.body());
        } else {
            request.method(call.method(), JSON, (String) null);
        }
        try {
            HttpResponse<String> response = http.sendAsync(request.build(), String.class).get();
            String text = response.body() == null ? "" : response.body();
            return new ApiResponse(response.code(), text, retryAfter(response.header("Retry-After")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeApiException(call.method(), call.path(), e);
        } catch (ExecutionException e) {
            throw new NoAnswer(new KubeApiException(call.method(), call.path(), e.getCause()));
        }
    }

    /** One request as asked, sent as often as it takes. */
    private record Call(String method, String path, String contentType, String body, String accept,
            boolean unavailableIsAnAnswer) {}

    /** The request got no answer (refused, reset, timed out); carries the failure to throw if it is final. */
    private static final class NoAnswer extends RuntimeException {
        private final KubeApiException failure;

        NoAnswer(KubeApiException failure) {
            super(failure.getCause());
            this.failure = failure;
        }

        KubeApiException failure() {
            return failure;
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

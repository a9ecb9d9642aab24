package io.meshwright.engine.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * In front of every route: counts requests by method and status, and refuses calls without the bearer token
 * (all but {@code /health}, which load balancers and process supervisors probe without credentials).
 */
final class ApiFilter implements Filter {

    private final BearerToken token;
    private final Metrics.Counter requests;
    private final Json json;

    ApiFilter(BearerToken token, Metrics metrics, Json json) {
        this.token = token;
        this.requests = metrics.counter("meshwright_http_requests_total", "HTTP requests served, by method and status",
                "method", "status");
        this.json = json;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        try {
            if (isPublic(path) || token.accepts(request.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                chain.proceed();
            } else {
                response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"meshwright\"");
                json.sendProblem(response, ProblemDetails.of("unauthorized", "Unauthorized", 401,
                        "this call needs 'Authorization: Bearer <token>'; the token is in <data-dir>/token", path, List.of()));
            }
        } finally {
            requests.inc(methodLabel(request.prologue().method().text()), Integer.toString(response.status().code()));
        }
    }

    /**
     * The method as a metric label: the standard methods as they are, anything else {@code other}, so that
     * requests with made-up methods (no token needed to send one) cannot create unbounded series.
     */
    static String methodLabel(String method) {
        return STANDARD_METHODS.contains(method) ? method : "other";
    }

    private static final java.util.Set<String> STANDARD_METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private static boolean isPublic(String path) {
        return path.equals("/health") || path.startsWith("/health/");
    }
}

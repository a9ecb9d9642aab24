package io.meshwright.engine.cluster;

import java.util.Optional;

/**
 * One answer of the API server.
 *
 * @param code       HTTP status
 * @param body       the body as text (JSON), possibly empty
 * @param retryAfter the {@code Retry-After} header in seconds, when the server sent one
 */
record ApiResponse(int code, String body, Optional<Long> retryAfter) {

    boolean ok() {
        return code >= 200 && code < 300;
    }

    boolean notFound() {
        return code == 404;
    }
}

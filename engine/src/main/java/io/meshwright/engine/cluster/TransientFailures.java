package io.meshwright.engine.cluster;

import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which failed calls to the API server may be sent again, and why: the one place that decides it. A call is
 * retried only when sending it twice cannot do anything sending it once would not:
 * <ul>
 *   <li>429 (Too Many Requests): the server did not process it, whatever the method;</li>
 *   <li>500, 502, 503, 504 and no answer at all (connection refused or reset, a timeout) for the idempotent calls:
 *       reads, server-side apply (the same body applied twice is the same object) and deletes (which carry uid
 *       preconditions: a second delete of the same object answers 404 or deletes nothing else);</li>
 *   <li>a create ({@code POST}) or replace ({@code PUT}) only when the connection was refused, so the request was
 *       never sent; otherwise whether it took effect is unknown, and the caller reads back instead.</li>
 * </ul>
 * A 500 that says the request itself cannot be processed (a 1.20 server typing an apply it does not understand,
 * such as a CRD with CEL rules) is an answer, not an outage, and is not retried.
 */
final class TransientFailures {

    /** Why a call is retried; counted by {@link ApiRetries}. */
    enum Cause {
        THROTTLED, SERVER_ERROR, NO_ANSWER;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Messages of 500 answers that are the server's verdict on the request, the same however often it is sent. */
    private static final List<String> DETERMINISTIC_500 = List.of("field not declared in schema",
            "failed to create typed patch object");

    private TransientFailures() {}

    /** Why {@code response} to {@code method} may be sent again; empty when it is the final answer. */
    static Optional<Cause> of(String method, String contentType, ApiResponse response, boolean unavailableIsAnAnswer) {
        int code = response.code();
        if (code == 429) {
            return Optional.of(Cause.THROTTLED);
        }
        if (!idempotent(method, contentType)) {
            return Optional.empty();
        }
        boolean transientCode = switch (code) {
            case 500 -> DETERMINISTIC_500.stream().noneMatch(response.body()::contains);
            case 502, 504 -> true;
            case 503 -> !unavailableIsAnAnswer;
            default -> false;
        };
        return transientCode ? Optional.of(Cause.SERVER_ERROR) : Optional.empty();
    }

    /** Whether a call that got no answer, failing with {@code failure}, may be sent again. */
    static Optional<Cause> of(String method, String contentType, Throwable failure) {
        if (idempotent(method, contentType) || neverSent(failure)) {
            return Optional.of(Cause.NO_ANSWER);
        }
        return Optional.empty();
    }

    static boolean idempotent(String method, String contentType) {
        return switch (method) {
            case "GET", "HEAD", "DELETE" -> true;
            case "PATCH" -> KubeApi.APPLY_PATCH.equals(contentType);
            default -> false;
        };
    }

    /** Connection refused: nothing reached the server. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
